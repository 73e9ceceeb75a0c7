'use strict';
// Runs cases.js against the standalone mock twice: plain HTTP, then HTTPS
// (-tls, the mock's CA trusted through NODE_EXTRA_CA_CERTS). The mock is
// built once from this checkout (go build ./internal/mockcloud/cmd/mockcloud)
// and started with -addr-file and -proxy-addr-file, so the ports are free
// ones. Usage (from the repository root): make test-node, or
//   (cd tests/node-sdk && npm ci) && node tests/node-sdk/run.js
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudtrack-node-sdk-'));
const bin = path.join(tmp, 'mockcloud');
const children = [];
process.on('exit', () => {
  for (const c of children) c.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const ALI_ROLE = 'acs:ram::1234567890:role/node-sdk';
const TC_ROLE = 'qcs::cam::uin/1234567890:roleName/node-sdk';

async function waitFile(file, child) {
  for (let i = 0; i < 200; i++) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8').trim()) return fs.readFileSync(file, 'utf8').trim();
    if (child.exitCode !== null) throw new Error(`mockcloud exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${file} not written`);
}

async function runMode(scheme) {
  const dir = fs.mkdtempSync(path.join(tmp, `${scheme}-`));
  const addrFile = path.join(dir, 'addr');
  const proxyFile = path.join(dir, 'proxy');
  const caFile = path.join(dir, 'ca.pem');
  const args = [
    '-addr', '127.0.0.1:0', '-addr-file', addrFile, '-proxy-addr', '127.0.0.1:0', '-proxy-addr-file', proxyFile,
    '-quiet', '-rate-limits=false', '-job-step', '100ms',
    '-role', `${ALI_ROLE}=account:1234567890,oidc:acs:ram::1234567890:oidc-provider/node-sdk`,
    '-role', `${TC_ROLE}=account:1234567890,oidc:node-sdk`,
    '-oidc-token', 'node-sdk-oidc-token', '-instance-role', `tencent=${TC_ROLE}`,
  ];
  if (scheme === 'https') args.push('-tls', '-ca-file', caFile);
  const mock = spawn(bin, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(mock);
  const endpoint = await waitFile(addrFile, mock);
  const proxy = await waitFile(proxyFile, mock);
  const env = { ...process.env, MOCK_ENDPOINT: endpoint, MOCK_SCHEME: scheme, MOCK_PROXY: proxy };
  // Proxy variables of the caller must not reroute the SDKs.
  for (const k of ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY']) delete env[k];
  if (scheme === 'https') env.NODE_EXTRA_CA_CERTS = caFile;
  const code = await new Promise((resolve) => {
    const c = spawn(process.execPath, [path.join(__dirname, 'cases.js')], { env, stdio: 'inherit', cwd: __dirname });
    c.on('exit', resolve);
  });
  mock.kill();
  return code;
}

(async () => {
  const start = Date.now();
  execFileSync('go', ['build', '-o', bin, './internal/mockcloud/cmd/mockcloud'], { cwd: root, stdio: 'inherit' });
  let failed = 0;
  for (const scheme of ['http', 'https']) {
    if (await runMode(scheme)) failed++;
  }
  console.log(`node-sdk suite: ${failed ? 'FAILED' : 'passed'} in ${((Date.now() - start) / 1000).toFixed(1)} s`);
  process.exit(failed ? 1 : 0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
