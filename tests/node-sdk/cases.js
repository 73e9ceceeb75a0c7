'use strict';
// Every action the mock serves, through the vendors' official Node.js SDKs
// with their default settings and only the endpoint (or the documented
// proxy option) changed; then the refusals. Started by run.js once per
// transport with MOCK_ENDPOINT (host:port), MOCK_SCHEME (http|https),
// MOCK_PROXY (host:port) and, for https, NODE_EXTRA_CA_CERTS.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Cdn = require('@alicloud/cdn20180510');
const Dcdn = require('@alicloud/dcdn20180115');
const Sts = require('@alicloud/sts20150401');
const OpenApiCore = require('@alicloud/openapi-core');
const Credential = require('@alicloud/credentials');
const tencent = require('tencentcloud-sdk-nodejs');
const tencentSts = require('tencentcloud-sdk-nodejs-sts');
const tcCommon = require('tencentcloud-sdk-nodejs/tencentcloud/common');
const { RuntimeOptions } = require('@darabonba/typescript');

const endpoint = process.env.MOCK_ENDPOINT;
const scheme = process.env.MOCK_SCHEME;
const proxy = process.env.MOCK_PROXY;
const port = endpoint.split(':')[1];
const AK = { accessKeyId: 'mock-access-key-id', accessKeySecret: 'mock-access-key-secret' };
const TC = { secretId: 'AKIDmockcloud', secretKey: 'mock-secret-key' };
const ALI_ROLE = 'acs:ram::1234567890:role/node-sdk';
const ALI_OIDC = 'acs:ram::1234567890:oidc-provider/node-sdk';
const TC_ROLE = 'qcs::cam::uin/1234567890:roleName/node-sdk';
const OIDC_TOKEN = 'node-sdk-oidc-token';

// tokenFile writes the OIDC token the mock was started with to a file, as
// the vendors' OIDC providers read it.
let tokenPath;
function tokenFile() {
  if (!tokenPath) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudtrack-oidc-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    tokenPath = path.join(dir, 'token');
    fs.writeFileSync(tokenPath, OIDC_TOKEN);
  }
  return tokenPath;
}

const results = [];
async function step(name, fn) {
  const start = Date.now();
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - start });
  } catch (e) {
    results.push({ name, ok: false, ms: Date.now() - start, err: `${e.code || ''} ${e.message}`.trim() });
  }
}
// refused runs fn and asserts it fails with the vendor's code.
async function refused(name, code, fn) {
  await step(name, async () => {
    let err;
    try { await fn(); } catch (e) { err = e; }
    assert.ok(err, 'the call succeeded');
    assert.equal(err.code, code, err.message);
  });
}

// --- Alibaba Cloud: endpoint + protocol, everything else default ---
// The generated clients default to HTTPS; over plain HTTP "protocol" says so.
function aliConfig(extra = {}) {
  return new OpenApiCore.$OpenApiUtil.Config({ ...AK, endpoint, protocol: scheme, ...extra });
}
// callApi with the parameters the generated clients (ActionTrail
// 2020-07-06, Sas 2018-12-03: neither is on npm) send: RPC style, POST,
// every parameter in the query, JSON answer.
function rpc(client, version, action, query) {
  const params = new OpenApiCore.$OpenApiUtil.Params({
    action, version, protocol: 'HTTPS', pathname: '/', method: 'POST', authType: 'AK',
    style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
  });
  const req = new OpenApiCore.$OpenApiUtil.OpenApiRequest({ query: OpenApiCore.OpenApiUtil.query(query) });
  return client.callApi(params, req, new RuntimeOptions({}));
}

async function cdnFamily(label, mod, client, infix, reports) {
  // call('createXDeliverTask', {...}) is client.createCdnDeliverTask(new
  // CreateCdnDeliverTaskRequest({...})): the generated method and model.
  const call = (m, v) => {
    const method = m.replace('X', infix);
    const Model = mod[`${method[0].toUpperCase()}${method.slice(1)}Request`];
    return Model ? client[method](new Model(v)) : client[method](); // actions without parameters have no model
  };
  let id;
  const name = `node-${label}-${Date.now()}`;
  await step(`${label} Create${infix}DeliverTask`, async () => {
    const r = await call('createXDeliverTask', {
      name, domainName: 'a.example.com,b.example.com',
      reports: JSON.stringify([{ reportId: reports[0], conditions: [{ field: 'prov', op: 'in', value: ['Beijing'] }] }]),
      schedule: JSON.stringify({ schedName: 'daily', crontab: '0 0 0 * * ?', frequency: 'd', status: 'enable', effectiveFrom: '2030-09-17T00:00:00Z', effectiveEnd: '2031-09-17T00:00:00Z' }),
      deliver: JSON.stringify({ email: { subject: 'report', to: ['ops@example.com'] } }),
    });
    id = r.body.deliverId;
    assert.ok(id, JSON.stringify(r.body));
  });
  await step(`${label} Update${infix}DeliverTask`, () => call('updateXDeliverTask', { deliverId: Number(id), name: `${name}-2` }));
  await step(`${label} Describe${infix}DeliverList`, async () => {
    const r = await call('describeXDeliverList', { deliverId: Number(id) });
    const data = JSON.parse(r.body.content).data;
    assert.equal(data[0].name, `${name}-2`);
  });
  await step(`${label} Delete${infix}DeliverTask`, () => call('deleteXDeliverTask', { deliverId: Number(id) }));
  await step(`${label} Create${infix}SubTask`, () => call('createXSubTask', { reportIds: String(reports[0]), domainName: 'a.example.com' }));
  await step(`${label} Update${infix}SubTask`, () => call('updateXSubTask', { reportIds: `${reports[0]},${reports[1]}`, startTime: '2030-01-01T00:00:00Z', endTime: '2031-01-01T00:00:00Z' }));
  await step(`${label} Describe${infix}SubList`, async () => {
    const r = await call('describeXSubList', {});
    assert.match(r.body.content, /reportId/);
  });
  await step(`${label} Delete${infix}SubTask`, () => call('deleteXSubTask', {}));
  await step(`${label} Describe${infix}ReportList`, async () => {
    const r = await call('describeXReportList', { reportId: reports[0] });
    assert.match(r.body.content, /reportId/);
  });
}

async function alibaba() {
  // CDN 2018-05-10: @alicloud/cdn20180510 on openapi-core (Darabonba 2).
  await cdnFamily('cdn', Cdn, new Cdn.default(aliConfig()), 'Cdn', [1, 3]);
  // DCDN 2018-01-15: @alicloud/dcdn20180115 on the older openapi-client.
  await cdnFamily('dcdn', Dcdn, new Dcdn.default(new (require('@alicloud/openapi-client').Config)({ ...AK, endpoint, protocol: scheme })), 'Dcdn', [2, 4]);

  // ActionTrail 2020-07-06 through the generic client.
  const at = new OpenApiCore.default(aliConfig());
  const V = '2020-07-06';
  const trail = `node-trail-${Date.now() % 100000}`;
  await step('actiontrail CreateTrail', () => rpc(at, V, 'CreateTrail', { Name: trail, SlsProjectArn: 'acs:log:cn-hangzhou:1234567890:project/node-sdk', SlsWriteRoleArn: 'acs:ram::1234567890:role/aliyunactiontraildefaultrole', EventRW: 'All' }));
  await step('actiontrail UpdateTrail', () => rpc(at, V, 'UpdateTrail', { Name: trail, EventRW: 'Write' }));
  await step('actiontrail DescribeTrails', async () => {
    const r = await rpc(at, V, 'DescribeTrails', { NameList: trail });
    assert.equal(r.body.TrailList[0].Name, trail);
  });
  await step('actiontrail StartLogging', () => rpc(at, V, 'StartLogging', { Name: trail }));
  await step('actiontrail GetTrailStatus', async () => {
    const r = await rpc(at, V, 'GetTrailStatus', { Name: trail });
    assert.equal(r.body.IsLogging, true);
  });
  await step('actiontrail StopLogging', () => rpc(at, V, 'StopLogging', { Name: trail }));
  let job;
  await step('actiontrail CreateDeliveryHistoryJob', async () => {
    job = (await rpc(at, V, 'CreateDeliveryHistoryJob', { TrailName: trail, ClientToken: `node-${Date.now()}` })).body.JobId;
    assert.ok(job);
  });
  await step('actiontrail GetDeliveryHistoryJob', async () => {
    const r = await rpc(at, V, 'GetDeliveryHistoryJob', { JobId: job });
    assert.equal(r.body.TrailName, trail);
  });
  await step('actiontrail ListDeliveryHistoryJobs', async () => {
    const r = await rpc(at, V, 'ListDeliveryHistoryJobs', { PageNumber: 1, PageSize: 10 });
    assert.ok(r.body.DeliveryHistoryJobs.length >= 1);
  });
  await step('actiontrail DeleteDeliveryHistoryJob', async () => {
    // Complete jobs only: wait for the mock's job steps (-job-step).
    for (let i = 0; ; i++) {
      const s = (await rpc(at, V, 'GetDeliveryHistoryJob', { JobId: job })).body.JobStatus;
      if (s >= 2 || i > 50) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await rpc(at, V, 'DeleteDeliveryHistoryJob', { JobId: job });
  });
  await step('actiontrail LookupEvents', async () => {
    const r = await rpc(at, V, 'LookupEvents', { 'LookupAttribute.1.Key': 'EventName', 'LookupAttribute.1.Value': 'CreateTrail', MaxResults: 10 });
    assert.ok(Array.isArray(r.body.Events));
  });
  await step('actiontrail DeleteTrail', () => rpc(at, V, 'DeleteTrail', { Name: trail }));

  // Sas 2018-12-03 ListOperationProcessDetail through the generic client.
  await step('sas ListOperationProcessDetail', async () => {
    const r = await rpc(at, '2018-12-03', 'ListOperationProcessDetail', { TaskIds: [4001], CurrentPage: 1, PageSize: 20 });
    assert.ok(r.body.ProcessDetails.length > 0, JSON.stringify(r.body));
  });

  // STS 2015-04-01: AssumeRole, then a call with the session (the
  // x-acs-security-token header); AssumeRoleWithOIDC is anonymous.
  const sts = new Sts.default(aliConfig());
  let session;
  await step('sts AssumeRole', async () => {
    session = (await sts.assumeRole(new Sts.AssumeRoleRequest({ roleArn: ALI_ROLE, roleSessionName: 'node' }))).body.credentials;
    assert.match(session.accessKeyId, /^STS\./);
  });
  await step('sts session calls DescribeCdnDeliverList', () => new Cdn.default(aliConfig({ accessKeyId: session.accessKeyId, accessKeySecret: session.accessKeySecret, securityToken: session.securityToken }))
    .describeCdnDeliverList(new Cdn.DescribeCdnDeliverListRequest({})));
  await step('sts AssumeRoleWithOIDC (anonymous)', async () => {
    const c = new Sts.default(new OpenApiCore.$OpenApiUtil.Config({ endpoint, protocol: scheme }));
    const r = await c.assumeRoleWithOIDC(new Sts.AssumeRoleWithOIDCRequest({ OIDCProviderArn: ALI_OIDC, roleArn: ALI_ROLE, OIDCToken: OIDC_TOKEN, roleSessionName: 'node-oidc' }));
    assert.ok(r.body.credentials.securityToken);
  });
  if (scheme === 'https') {
    // @alicloud/credentials' RAM role provider always speaks HTTPS and the
    // classic RPC signature to its stsEndpoint.
    await step('credentials ram_role_arn provider (stsEndpoint)', async () => {
      const cred = new Credential.default(new Credential.Config({ type: 'ram_role_arn', ...AK, roleArn: ALI_ROLE, roleSessionName: 'node-provider', stsEndpoint: endpoint }));
      const c = new Cdn.default(new OpenApiCore.$OpenApiUtil.Config({ credential: cred, endpoint, protocol: scheme }));
      await c.describeCdnDeliverList(new Cdn.DescribeCdnDeliverListRequest({}));
    });
    await step('credentials oidc_role_arn provider (stsEndpoint)', async () => {
      const cred = new Credential.default(new Credential.Config({ type: 'oidc_role_arn', roleArn: ALI_ROLE, oidcProviderArn: ALI_OIDC,
        oidcTokenFilePath: tokenFile(), roleSessionName: 'node-oidc-provider', stsEndpoint: endpoint }));
      const c = new Cdn.default(new OpenApiCore.$OpenApiUtil.Config({ credential: cred, endpoint, protocol: scheme }));
      await c.describeCdnDeliverList(new Cdn.DescribeCdnDeliverListRequest({}));
    });
  }

  // The other signatures the SDKs offer.
  for (const signatureAlgorithm of ['ACS3-HMAC-SM3', 'v2']) {
    await step(`cdn DescribeCdnReportList signatureAlgorithm=${signatureAlgorithm}`, () => new Cdn.default(aliConfig({ signatureAlgorithm }))
      .describeCdnReportList(new Cdn.DescribeCdnReportListRequest({})));
  }
  // Refusals: a wrong secret under each signature, a reused nonce.
  for (const signatureAlgorithm of [undefined, 'ACS3-HMAC-SM3', 'v2']) {
    await refused(`refused: wrong secret, ${signatureAlgorithm || 'ACS3-HMAC-SHA256 (default)'}`, 'SignatureDoesNotMatch',
      () => new Cdn.default(aliConfig({ accessKeySecret: 'wrong', signatureAlgorithm })).describeCdnReportList(new Cdn.DescribeCdnReportListRequest({})));
  }
  await refused('refused: unknown AccessKey ID', 'InvalidAccessKeyId.NotFound',
    () => new Cdn.default(aliConfig({ accessKeyId: 'nobody' })).describeCdnReportList(new Cdn.DescribeCdnReportListRequest({})));
  await refused('refused: reused x-acs-signature-nonce', 'SignatureNonceUsed', rpcFixedNonce);
}

// rpcFixedNonce sends two calls with the same x-acs-signature-nonce (the
// SDK lets a caller set common headers through globalParameters).
async function rpcFixedNonce() {
  const c = new Cdn.default(aliConfig());
  c._globalParameters = new OpenApiCore.$OpenApiUtil.GlobalParameters({ headers: { 'x-acs-signature-nonce': `fixed-${Date.now()}` } });
  await c.describeCdnReportList(new Cdn.DescribeCdnReportListRequest({}));
  await c.describeCdnReportList(new Cdn.DescribeCdnReportListRequest({}));
}

// --- Tencent Cloud: httpProfile.endpoint (+ protocol over plain HTTP) ---
function tcProfile(extra = {}, host = endpoint) {
  return { ...extra, httpProfile: { endpoint: host, ...(scheme === 'http' ? { protocol: 'http://' } : {}), ...(extra.httpProfile || {}) } };
}

async function tencentCloud() {
  const CA = tencent.cloudaudit.v20190319.Client;
  const ca = new CA({ credential: TC, region: 'ap-guangzhou', profile: tcProfile() });
  const cos = { StorageType: 'cos', StorageRegion: 'ap-guangzhou', StorageName: `node-${Date.now() % 100000}`, StoragePrefix: 'node' };
  let id, eventsID;
  await step('cloudaudit CreateAuditTrack', async () => {
    id = (await ca.CreateAuditTrack({ Name: `node_${Date.now() % 100000}`, ActionType: '*', ResourceType: '*', Status: 1, EventNames: ['*'], Storage: cos })).TrackId;
    assert.ok(id);
  });
  await step('cloudaudit DescribeAuditTrack', async () => {
    const r = await ca.DescribeAuditTrack({ TrackId: id });
    assert.equal(r.Storage.StoragePrefix, 'node');
  });
  await step('cloudaudit ModifyAuditTrack', () => ca.ModifyAuditTrack({ TrackId: id, Status: 0 }));
  await step('cloudaudit DescribeAuditTracks', async () => {
    const r = await ca.DescribeAuditTracks({ PageNumber: 1, PageSize: 10 });
    assert.ok(r.Tracks.length >= 1);
  });
  await step('cloudaudit CreateEventsAuditTrack', async () => {
    eventsID = (await ca.CreateEventsAuditTrack({ Name: `node_ev_${Date.now() % 100000}`, Status: 1, Storage: cos,
      Filters: { ResourceFields: [{ ResourceType: 'cvm', ActionType: '*', EventNames: ['*'] }] } })).TrackId;
    assert.ok(eventsID);
  });
  await step('cloudaudit ModifyEventsAuditTrack', () => ca.ModifyEventsAuditTrack({ TrackId: eventsID, Status: 0 }));
  await step('cloudaudit DeleteAuditTrack', async () => {
    await ca.DeleteAuditTrack({ TrackId: id });
    await ca.DeleteAuditTrack({ TrackId: eventsID });
  });
  const now = Math.floor(Date.now() / 1000);
  const lookup = { StartTime: now - 3600, EndTime: now, MaxResults: 10, LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateAuditTrack' }] };
  await step('cloudaudit LookUpEvents', async () => {
    const r = await ca.LookUpEvents(lookup);
    assert.ok(Array.isArray(r.Events));
  });

  // Endpoint forms: localhost:PORT (scope service "localhost:PORT").
  await step('cloudaudit LookUpEvents at localhost:PORT', () => new CA({ credential: TC, region: 'ap-guangzhou', profile: tcProfile({}, `localhost:${port}`) }).LookUpEvents(lookup));
  // The other signatures and methods the SDK offers.
  for (const [signMethod, reqMethod] of [['TC3-HMAC-SHA256', 'GET'], ['HmacSHA1', 'GET'], ['HmacSHA1', 'POST'], ['HmacSHA256', 'GET'], ['HmacSHA256', 'POST']]) {
    await step(`cloudaudit LookUpEvents signMethod=${signMethod} ${reqMethod}`, () => new CA({ credential: TC, region: 'ap-guangzhou', profile: tcProfile({ signMethod, httpProfile: { reqMethod } }) }).LookUpEvents(lookup));
    await refused(`refused: wrong secret, ${signMethod} ${reqMethod}`, 'AuthFailure.SignatureFailure',
      () => new CA({ credential: { ...TC, secretKey: 'wrong' }, region: 'ap-guangzhou', profile: tcProfile({ signMethod, httpProfile: { reqMethod } }) }).LookUpEvents(lookup));
  }
  await refused('refused: wrong secret, TC3-HMAC-SHA256 POST (default)', 'AuthFailure.SignatureFailure',
    () => new CA({ credential: { ...TC, secretKey: 'wrong' }, region: 'ap-guangzhou', profile: tcProfile() }).LookUpEvents(lookup));
  await refused('refused: unknown SecretId', 'AuthFailure.SecretIdNotFound',
    () => new CA({ credential: { ...TC, secretId: 'AKIDnobody' }, region: 'ap-guangzhou', profile: tcProfile() }).DescribeAuditTracks({ PageNumber: 1, PageSize: 10 }));

  // STS 2018-08-13: the full package and tencentcloud-sdk-nodejs-sts.
  let session;
  for (const [label, mod] of [['tencentcloud-sdk-nodejs', tencent], ['tencentcloud-sdk-nodejs-sts', tencentSts]]) {
    const sts = new mod.sts.v20180813.Client({ credential: TC, region: 'ap-guangzhou', profile: tcProfile() });
    await step(`sts AssumeRole (${label})`, async () => {
      session = (await sts.AssumeRole({ RoleArn: TC_ROLE, RoleSessionName: 'node' })).Credentials;
      assert.ok(session.Token);
    });
    await step(`sts AssumeRoleWithWebIdentity (${label})`, async () => {
      const r = await sts.AssumeRoleWithWebIdentity({ ProviderId: 'node-sdk', WebIdentityToken: OIDC_TOKEN, RoleArn: TC_ROLE, RoleSessionName: 'node-oidc' });
      assert.ok(r.Credentials.Token);
    });
  }
  await step('sts session calls DescribeAuditTracks (X-TC-Token)', () => new CA({ credential: { secretId: session.TmpSecretId, secretKey: session.TmpSecretKey, token: session.Token }, region: 'ap-guangzhou', profile: tcProfile() })
    .DescribeAuditTracks({ PageNumber: 1, PageSize: 10 }));
  // The STSCredential provider: its client config carries the endpoint.
  await step('STSCredential provider (clientConfig endpoint)', () => new CA({
    credential: new tcCommon.STSCredential({ credential: TC, profile: tcProfile() }, { RoleArn: TC_ROLE, RoleSessionName: 'node-provider' }),
    region: 'ap-guangzhou', profile: tcProfile(),
  }).DescribeAuditTracks({ PageNumber: 1, PageSize: 10 }));

  // OIDCRoleArnCredential as TKE configures it (TKE_* variables), unsigned
  // ("Authorization: SKIP") AssumeRoleWithWebIdentity at the endpoint of
  // its client config.
  await step('OIDCRoleArnCredential provider (TKE variables, clientConfig endpoint)', async () => {
    Object.assign(process.env, { TKE_REGION: 'ap-guangzhou', TKE_PROVIDER_ID: 'node-sdk', TKE_WEB_IDENTITY_TOKEN_FILE: tokenFile(), TKE_ROLE_ARN: TC_ROLE });
    try {
      const c = await new tcCommon.OIDCRoleArnCredential({ profile: tcProfile() }).getCredential();
      assert.ok(c.token);
    } finally {
      for (const k of ['TKE_REGION', 'TKE_PROVIDER_ID', 'TKE_WEB_IDENTITY_TOKEN_FILE', 'TKE_ROLE_ARN']) delete process.env[k];
    }
  });

  // Proxy mode: default host names, the proxy in httpProfile.proxy or in the
  // lower-case http_proxy variable (the only variable the SDK reads,
  // common/http/fetch.js).
  const proxied = (p) => new CA({ credential: TC, region: 'ap-guangzhou', profile: { httpProfile: { ...(scheme === 'http' ? { protocol: 'http://' } : {}), ...p } } });
  await step('proxy: httpProfile.proxy, default host', () => proxied({ proxy: `http://${proxy}` }).LookUpEvents(lookup));
  await step('proxy: http_proxy variable, default host', async () => {
    process.env.http_proxy = `http://${proxy}`;
    try { await proxied({}).LookUpEvents(lookup); } finally { delete process.env.http_proxy; }
  });
  await step('proxy: STSCredential at sts.tencentcloudapi.com', async () => {
    const cred = new tcCommon.STSCredential({ credential: TC, profile: { httpProfile: { proxy: `http://${proxy}`, ...(scheme === 'http' ? { protocol: 'http://' } : {}) } } }, { RoleArn: TC_ROLE, RoleSessionName: 'node-proxy' });
    await proxied({ proxy: `http://${proxy}` }).LookUpEvents(lookup).then(() => cred.getCredential()).then((c) => assert.ok(c.token));
  });
  await step('proxy: CvmRoleCredential at metadata.tencentyun.com (http_proxy)', async () => {
    process.env.http_proxy = `http://${proxy}`;
    try {
      const c = await new tcCommon.CvmRoleCredential().getCredential();
      assert.ok(c.token);
      await new CA({ credential: c, region: 'ap-guangzhou', profile: tcProfile() }).DescribeAuditTracks({ PageNumber: 1, PageSize: 10 });
    } finally { delete process.env.http_proxy; }
  });
}

(async () => {
  await alibaba();
  await tencentCloud();
  let failed = 0;
  for (const r of results) {
    if (!r.ok) failed++;
    console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${scheme.padEnd(5)} ${r.name} (${r.ms} ms)${r.ok ? '' : `: ${r.err}`}`);
  }
  console.log(`${scheme}: ${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
})();
