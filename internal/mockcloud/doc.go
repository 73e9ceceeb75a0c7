// Package mockcloud is a mock of the cloud APIs the provider calls, close
// enough on the wire that the official Alibaba Cloud and Tencent Cloud SDKs
// and credential libraries talk to it unchanged once their endpoint (or
// their proxy) points at it. Tests embed it (New + httptest, plain or with
// CA.ServerTLSConfig); users run it standalone (cmd/mockcloud).
//
// # Layout: one door per vendor, one room per product
//
// Doors (how a request is authenticated and answered):
//
//	front_alibaba.go    the Alibaba Cloud RPC front
//	front_tencent.go    the Tencent Cloud API 3.0 front
//	front_metadata.go   the instance metadata door (ECS, CVM), by Host
//	admin.go, admin_sts.go   the admin API under /_mock/
//	admin_guard.go      what the admin API refuses (Host, Origin, Content-Type)
//
// Rooms (one product each, registered on a door):
//
//	product_actiontrail.go           ActionTrail 2020-07-06 (Alibaba)
//	product_cdn.go, _cdn_admin.go    Cdn 2018-05-10 and dcdn 2018-01-15 (Alibaba)
//	product_sas.go                   Sas 2018-12-03 (Alibaba)
//	product_sts_alibaba.go           Sts 2015-04-01 (Alibaba)
//	product_cloudaudit.go, _admin.go CloudAudit 2019-03-19 (Tencent)
//	product_sts_tencent.go           sts 2018-08-13 (Tencent)
//	product_actiontrail_events.go    ActionTrail LookupEvents (Alibaba)
//	product_cloudaudit_events.go     CloudAudit LookUpEvents (Tencent)
//	front_metadata.go                metadata credentials (both vendors)
//
// Shared machinery: server.go (Server, Options, credentials, clock),
// sts.go (roles, sessions, trust), signature*.go (one file per signature
// scheme: RPC HMAC-SHA1, ACS3, SM3, Tencent v1), store.go and persist.go
// (state), faults.go, ratelimit.go, permission.go, reqlog.go (request log),
// audit_events.go (the audit event log both look-up APIs serve),
// fidelity.go (the check against the vendors' definitions),
// tls.go (CA), proxy.go (forward proxy).
//
// One Server (an http.Handler) serves, in this routing order:
//
//   - the admin API under /_mock/.
//   - the metadata door for requests whose Host is 100.100.100.200 (ECS)
//     or metadata.tencentyun.com (CVM), whatever the path.
//   - the Tencent Cloud API 3.0 front for requests carrying Tencent headers
//     or parameters (an X-TC-* header, a TC3 Authorization, a SecretId
//     parameter): TC3-HMAC-SHA256 over POST JSON or GET, and signature v1
//     (HmacSHA1, HmacSHA256) over GET or POST form, verified; dispatch on
//     the version and action (headers, or v1 parameters), whatever the host
//     and path; every answer HTTP 200 in a {"Response":{...,"RequestId"}}
//     envelope. Implemented:
//     CloudAudit 2019-03-19 CreateAuditTrack, CreateEventsAuditTrack,
//     ModifyAuditTrack, ModifyEventsAuditTrack, DeleteAuditTrack,
//     DescribeAuditTrack, DescribeAuditTracks; sts 2018-08-13 AssumeRole,
//     AssumeRoleWithWebIdentity.
//   - the Alibaba Cloud RPC front on "/" for everything else: GET or POST,
//     signature V3 (ACS3-HMAC-SHA256, ACS3-HMAC-SM3; Action and Version in
//     x-acs-* headers, parameters in the query, a form or a JSON body) or
//     the RPC signature V2 (HMAC-SHA1; parameters in the query and the form
//     body), verified; dispatch on Version and Action. Implemented: ActionTrail
//     2020-07-06 CreateDeliveryHistoryJob, GetDeliveryHistoryJob,
//     ListDeliveryHistoryJobs, DeleteDeliveryHistoryJob; Sas 2018-12-03
//     ListOperationProcessDetail; Cdn and dcdn (below); Sts 2015-04-01
//     AssumeRole, AssumeRoleWithOIDC.
//
// The Server does not care about the scheme: serve it over HTTP, or over
// HTTPS with a CA (NewCA, CA.ServerTLSConfig), or both.
//
// # Credentials
//
// Alibaba Cloud: AccessKeyId "mock-access-key-id", secret
// "mock-access-key-secret". Tencent Cloud: SecretId "AKIDmockcloud",
// SecretKey "mock-secret-key". Both belong to account 1234567890; more
// credentials (optionally with an STS token or another account) come from
// Options.Credentials or -credential AK:SECRET[:ACCOUNT]. State (trails,
// jobs, the one-running-job rule, client tokens, rate limit buckets) is
// per account. Temporary credentials issued by STS or the metadata door
// (below) are credentials of both fronts too, owned by the role's account.
//
// # Clocks
//
// The base clock is Options.Now (time.Now if nil). The server clock
// (Server.Now) is the base clock plus the admin offset (SetClock, PUT
// /_mock/clock): it drives job progress, STS session and metadata token
// expiry. The signature timestamp windows (15 minutes Alibaba, 5 minutes
// Tencent) and nonce expiry use the base clock, because clients sign with
// their real clock: a test can move the offset an hour forward in the
// middle of a job wait to expire an STS session without breaking
// signatures. Rate limits use wall time.
//
// # Alibaba Cloud request checks
//
// A request with neither signature is refused first (400 MissingParameter,
// the message naming the accepted signatures). Signature V3 (an ACS3
// Authorization header), in this order: a known x-acs-version and
// x-acs-action (404 InvalidAction.NotFound); the Authorization shape and
// every common x-acs-* header signed (400 IncompleteSignature); the
// algorithm (400 InvalidSignatureMethod); x-acs-date,
// x-acs-signature-nonce and x-acs-content-sha256 present (400
// MissingParameter); a known access key; the body's hash against
// x-acs-content-sha256, then the signature (400 SignatureDoesNotMatch; the
// latter's message quotes the server's StringToSign in brackets);
// x-acs-date within 15 minutes (InvalidTimeStamp.*); the nonce;
// x-acs-security-token; expiry; then as V2 below. Signature V2, in this
// order: the common parameters AccessKeyId, Signature,
// SignatureNonce, Timestamp, Action and Version (400 MissingParameter);
// a known Version and Action (404 InvalidAction.NotFound); a known access
// key (404 InvalidAccessKeyId.NotFound); the signature (400
// SignatureDoesNotMatch, whose message ends with "server string to sign
// is:" and the server's StringToSign); the timestamp within 15 minutes of
// the base clock (400 InvalidTimeStamp.Expired); a fresh SignatureNonce
// (400 SignatureNonceUsed); for a credential with an STS token, the same
// SecurityToken (400 MissingSecurityToken, InvalidSecurityToken.Malformed);
// for temporary credentials, their expiry on the server clock (400
// InvalidSecurityToken.Expired, "Specified SecurityToken is expired.": the
// code is in Alibaba Cloud's common error list, the status and message are
// an ASSUMPTION). An anonymous action (Sts AssumeRoleWithOIDC) called
// without AccessKeyId needs only Timestamp, Action and Version, and only
// the timestamp window is checked. Then the call is counted, faults apply, then the credential's
// permission (a key whose Credential.DeniedProducts lists the product gets
// 403 NoPermission from Sas, 403 Forbidden.RAM elsewhere, an ASSUMPTION),
// then the rate limit (400 Throttling.User), then the handler. Errors are non-2xx JSON
// {"RequestId","HostId","Code","Message","Recommend"}.
//
// # Tencent Cloud request checks
//
// In this order: GET or POST (UnsupportedProtocol); an action
// (MissingParameter); a known version and action (InvalidAction); for
// TC3, an Authorization header of the TC3 shape
// (AuthFailure.InvalidAuthorization), a known SecretId
// (AuthFailure.SecretIdNotFound), X-TC-Timestamp within 5 minutes of the
// base clock (AuthFailure.SignatureExpire), the credential scope (the
// product or the Node SDK's first label of the endpoint; else
// AuthFailure.InvalidAuthorization) and the signature over content-type;host
// and the body (AuthFailure.SignatureFailure; the host with or without its
// port, the path as sent or "/", as the SDKs differ: API-NOTES.md); for
// signature v1, SecretId, Signature, Timestamp and Nonce
// (MissingParameter), a known SecretId, the Timestamp window, the
// SignatureMethod and signature (AuthFailure.SignatureFailure); then for an STS credential, X-TC-Token
// (AuthFailure.TokenFailure); for temporary credentials, their expiry on
// the server clock (AuthFailure.TokenFailure with a message saying the
// token expired: an ASSUMPTION, Tencent documents no code for an expired
// token, only AuthFailure.TokenFailure "Token error." in its common error
// list). An anonymous action (sts AssumeRoleWithWebIdentity) with
// "Authorization: SKIP" skips the signature checks; only the timestamp
// window is checked. Then the call is counted, faults apply (an
// "error" fault answers in the Tencent envelope, HTTP 200), then the rate
// limit (RequestLimitExceeded), then the handler. Body fields an API does
// not have are refused with UnknownParameter; flattened parameters (v1,
// GET: "Filters.0.Name") are converted to the API's JSON types first.
//
// # CloudAudit tracks
//
// Product key "cloudaudit" (faults, calls, rate limits). Tracks are per
// account, with ids from 1. A track has either the simple selection
// (ActionType, ResourceType, EventNames) or Filters (the events form);
// ModifyAuditTrack with a full selection turns an events track into a
// simple one, ModifyEventsAuditTrack with Filters the reverse. Enforced:
// Name 3-48 of [A-Za-z0-9_-], unique per account
// (InvalidParameterValue.AliasAlreadyExists), never renamed
// (InvalidParameterValue.AuditTrackNameNotSupportModify); ActionType Read,
// Write or *; EventNames ["*"] when ResourceType is *, else ["*"] or 1-10
// API names; Status and TrackForAllMembers 0/1; StorageType cos or cls;
// StorageRegion among CloudAudit's regions
// (InvalidParameterValue.CosRegionError); a cos StorageName is a bucket
// without -APPID (InvalidParameterValue.CosNameError), a cls one a topic
// id; StoragePrefix 3-40 letters and digits
// (InvalidParameterValue.LogFilePrefixError); at most 5 tracks per account
// (LimitExceeded.OverAmount; Options.AuditTrackLimit, -audit-track-limit
// or the admin API change it); unknown ids ResourceNotFound.AuditNotExist.
// A modification is validated as a whole. DescribeAuditTracks needs
// PageNumber and PageSize (MissingParameter), lists by id, and answers an
// empty page past the end; ASSUMPTION: PageSize is limited to 1-100.
// CreateTime is Beijing time, "2006-01-02 15:04:05". Every bucket and
// topic is taken to exist. Rate limit: 20 calls/s per action and account.
//
// # ActionTrail history delivery jobs
//
// Trails are made by CreateTrail (with the cloud's name rule, unique
// names, 5 single-account trails per region and 1 multi-account trail per
// account) or seeded (SeedTrail, Options.Trails, -seed-trail, or the admin
// API; a seed logs and delivers to Log Service unless told otherwise).
// UpdateTrail, DeleteTrail, DescribeTrails, GetTrailStatus, StartLogging
// and StopLogging serve them (product_actiontrail_trail.go; API-NOTES.md
// has the rules and sources). A job's trail must have a Log Service
// project. A job is initializing (0) for one job step after it
// is created, delivering (1) for the next step, then complete (2), or
// failed (3) if its trail has FailRegions (those regions fail, the others
// complete). Statuses are computed lazily from the server clock; a job
// changed through UpdateJob or the admin API is pinned and no longer
// moves. One running job per account (400 DeliveryHistoryJobRunning, an
// ASSUMPTION, as is the refusal to delete a running job and the 400
// InvalidParameter for a trail that does not deliver to SLS). The same
// ClientToken within 24 hours answers the same JobId.
//
// # Security Center operation subtasks
//
// Subtasks exist only when seeded (SeedSubtask, Options.Subtasks, the
// admin API; the command seeds DemoSubtasks unless -seed-subtasks=false).
// ListOperationProcessDetail pages with CurrentPage (default 1) and
// PageSize (1-100, default 20, an ASSUMPTION) and filters by TaskIds.N,
// StatusCodes.N (0-4) and the StartTime/EndTime window in milliseconds,
// which the mock applies to CreateTime, bounds included (an ASSUMPTION).
// Lang zh (default) shows a check's NameZh, en its Name. Newest first.
// Bad input is 400 CspmParamIllegal; ServerError (500) comes only from a
// fault. Statuses do not move by themselves: change them through
// UpdateSubtask or the admin API.
// # CDN and DCDN operations reports
//
// Cdn 2018-05-10 and dcdn 2018-01-15 (same handlers, product names in
// the actions: CreateCdnDeliverTask / CreateDcdnDeliverTask):
// Create/Update/DeleteDeliverTask, DescribeDeliverList (all, or one by
// DeliverId), Create/Update/DeleteSubTask, DescribeSubList and
// DescribeReportList. Reports, Schedule and Deliver are JSON inside form
// parameters; the lists answer a JSON document inside the Content string.
// Report catalogues: Cdn 1, 3, ..., 23; dcdn 2, 4, ..., 24, 26, 27.
// Errors: NameAlreadyExists (names are unique per account and product),
// DeliverExceedLimit (DefaultDeliverLimit tasks, changed by
// SetDeliverLimit; an ASSUMPTION), InvalidParameter (malformed JSON, a
// report id outside the catalogue, an operator other than "in", a bad
// crontab (one Quartz refuses: internal/validators/quartz, shared with
// the provider; "?" in exactly one day field), a frequency other than
// h, d, M, a bad e-mail address), TimeParseFailed (times other than
// yyyy-MM-ddTHH:mm:ssZ), SubscriptionAlreadyExists, SubscriptionNotFound.
// An unknown DeliverId answers 404 InvalidDeliverId.NotFound (an
// ASSUMPTION). Update parameters left empty keep their value; a new
// subscription is enabled and effective from its creation without an end
// (an ASSUMPTION). DescribeDeliverList does not show the schedule's name
// and description, as documented.
//
// Answer variants (ReportVariants, PUT /_mock/{cdn|dcdn}/variants, per
// product, kept in the store, cleared by reset): the list answers can take
// each shape the vendor's own documentation shows (API-NOTES, Response
// variants): sub_list_nested (DescribeSubList's Content is
// {"RequestId","Description","Content":{"data":[...]}}), domains_all (a
// subscription of every domain lists ["all"]), dm_list_empty_string (a task
// of every domain lists dmList [""]), omit_effective_formats
// (DescribeDeliverList without timeFromFormat/timeEndFormat) and
// content_object (every Content is the document itself, not a string; the
// typed SDK structs fail on it with SDK.JsonUnmarshalError),
// relative_effective_formats (timeFromFormat/timeEndFormat hold "-1d", the
// models' example), task_not_found_subscription (an unknown DeliverId
// answers 400 SubscriptionNotFound, the code the reference's error table
// gives for a tracking task that does not exist). Any
// combination; {} is the usual shape.
//
// # STS (temporary credentials)
//
// Roles come from Options.Roles, -role, or POST /_mock/sts/roles: Role{ARN,
// Trusted, ExternalID, MaxSessionDuration}. Alibaba ARNs look like
// acs:ram::1234567890:role/auditor, Tencent ones like
// qcs::cam::uin/1234567890:roleName/auditor; the ARN names the vendor and
// the account that owns the issued keys. Trusted entries: an access key id
// or SecretId, "account:<id>" (any key of that account, temporary ones
// included, so roles chain), "oidc:<provider ARN or ProviderId>". OIDC
// tokens are accepted when registered (Options.OIDCTokens, -oidc-token,
// POST /_mock/sts/oidc_tokens); ASSUMPTION: the mock does not verify JWTs.
// An OIDC provider exists when some role trusts it. Roles, tokens and
// sessions live in memory only (not in the state file); Reset clears them
// and seeds the Options ones again.
//
// Alibaba Sts 2015-04-01 (product key "Sts"; request and response as
// credentials-go@v1.4.14 providers/ram_role_arn.go and oidc.go send and
// read them): AssumeRole (RoleArn, RoleSessionName, DurationSeconds 900 to
// the role's maximum, default 3600, a role's maximum defaulting to 3600,
// Policy, ExternalId) and AssumeRoleWithOIDC (OIDCProviderArn, RoleArn,
// OIDCToken, RoleSessionName, DurationSeconds, Policy; anonymous) answer
// {"RequestId","AssumedRoleUser":{"Arn","AssumedRoleId"},"Credentials":
// {"AccessKeyId":"STS.…","AccessKeySecret","SecurityToken","Expiration":
// "2006-01-02T15:04:05Z"}}. Checks, in order: MissingParameter.RoleArn,
// 400 InvalidParameter.RoleArn (not an Alibaba role ARN), 404
// EntityNotExist.Role (status and message an ASSUMPTION),
// MissingParameter.RoleSessionName, 400 InvalidParameter.RoleSessionName
// (2-64 of letters, digits, ".@_-"), 400 InvalidParameter.DurationSeconds,
// 400 InvalidParameter.PolicyGrammar (not JSON); AssumeRole then 403
// NoPermission for a caller the role does not trust and for a wrong or
// missing ExternalId (status an ASSUMPTION; code and message from the STS
// troubleshooting page); AssumeRoleWithOIDC checks, before the role, 401
// AuthenticationFail.OIDCToken.Invalid (empty token), and after it 401
// AuthenticationFail.NoPermission "No such OIDC Provider registered." (a
// provider no role trusts), 401 AuthenticationFail.OIDCToken.Invalid (an
// unregistered token), 401 AuthenticationFail.NoPermission "There is no
// permission" (the role does not trust the provider), from the STS
// 2015-04-01 error code list.
//
// Tencent sts 2018-08-13 (product key "sts", credential scope service
// "sts"; fields from sts@v1.1.11 models.go): AssumeRole (RoleArn,
// RoleSessionName, DurationSeconds default 7200, at most 43200 or the
// role's maximum, Policy URL-encoded JSON, ExternalId) and
// AssumeRoleWithWebIdentity (ProviderId, WebIdentityToken, RoleArn,
// RoleSessionName, DurationSeconds; unsigned) answer {"Response":
// {"Credentials":{"Token","TmpSecretId","TmpSecretKey"},"ExpiredTime":
// <unix>,"Expiration":"RFC 3339","RequestId"}}. Errors (codes each action
// lists in the SDK): MissingParameter, ResourceNotFound.RoleNotFound
// (AssumeRole) or InternalError.GetRoleError (web identity) for an unknown
// role, InvalidParameter.ParamError (session name 2-128 of [\w+=,.@_-],
// ExternalId), InvalidParameter.OverTimeError (duration),
// InvalidParameter.StrategyFormatError (policy),
// InvalidParameter.WebIdentityTokenError (unregistered token), and
// UnauthorizedOperation for an untrusted caller or provider and for a
// wrong or missing ExternalId (an ASSUMPTION).
//
// Sessions: Server.Sessions and GET /_mock/sts/sessions list every issued
// credential (vendor, role_arn, session_name, access_key_id,
// access_key_secret, security_token, expiration, account_id, source).
// Key shapes: Alibaba "STS." + 28 characters, the token "CAIS…"; Tencent
// "AKID" + 32; lengths are an ASSUMPTION.
//
// # Instance metadata
//
// Plain HTTP, reached through a forward proxy, routed on Host. ECS
// (100.100.100.200, as credentials-go providers/ecs_ram_role.go uses it):
// PUT /latest/api/token with X-aliyun-ecs-metadata-token-ttl-seconds
// (1-21600, else 400) answers a token; GET
// /latest/meta-data/ram/security-credentials/ answers the attached role's
// name and .../<role> {"AccessKeyId","AccessKeySecret","SecurityToken",
// "Expiration","LastUpdated","Code":"Success"}; a request carrying a wrong
// or expired X-aliyun-ecs-metadata-token is 401, one without a token is
// served (IMDSv1). CVM (metadata.tencentyun.com, as common@v1.3.212
// cvm_role_provider.go uses it): GET /latest/meta-data/cam/security-credentials/
// answers the role name and .../<role> {"TmpSecretId","TmpSecretKey",
// "ExpiredTime","Expiration","Token","Code":"Success"}. No attached role,
// or another name: 404. The attached role comes from
// Options.InstanceRoles, -instance-role or PUT /_mock/metadata; its
// credentials are sessions (Source "metadata"). ASSUMPTION: they last the
// role's maximum session duration and the same ones are answered until
// less than 15 minutes remain. Call-count keys: EcsMetadata.Token,
// EcsMetadata.RoleName, EcsMetadata.Credentials, CvmMetadata.RoleName,
// CvmMetadata.Credentials (faults match those too).
//
// # TLS and the forward proxy
//
// NewCA generates an ECDSA P-256 CA in memory; CA.ServerTLSConfig mints and
// caches a leaf per SNI name (any host: the vendors' names reached through
// the proxy), and serves the 127.0.0.1 / ::1 / localhost leaf to clients
// that send no SNI (Go sends none for IP addresses). CA.PEM, CA.WriteFile
// and CA.Pool hand the CA to clients; SSL_CERT_FILE is how Go on Linux
// trusts it (loaded once per process: set it before the first TLS
// connection).
//
// NewProxy(target) is an http.Handler serving CONNECT tunnels and
// absolute-URI plain HTTP requests; every connection goes to target (the
// mock's listener), whatever host was asked for. Proxy.Hosts lists the
// requested host[:port] in order; SetTarget changes the target;
// SetUpstreamTLS forwards plain requests over TLS (for a mock that serves
// only HTTPS); a CONNECT tunnel carrying plain HTTP (its client's first
// byte is not a TLS handshake) reaches such a mock over TLS spoken by the
// proxy. Go's ProxyFromEnvironment reads HTTP(S)_PROXY (either case) once
// per process and never proxies loopback; the classic Alibaba SDK reads
// HTTPS_PROXY itself and proxies loopback unless NO_PROXY lists it;
// tencentcloud-sdk-nodejs reads only http_proxy (lower-case) or
// httpProfile.proxy and tunnels every request, http:// ones too; the
// Alibaba Node SDKs use no proxy.
//
// # Request log
//
// Server.Requests and GET /_mock/requests keep the last
// Options.RequestLogSize (default 1000) requests of the fronts and the
// metadata door: time, front, host (r.Host), product, action, user_agent,
// request_client (Tencent's X-TC-RequestClient), access_key_id, status,
// code. No secret, security token or signature is ever stored there or in
// the mock's log lines.
//
// # Fidelity check
//
// With Options.ContractCheck (internal/acctest sets it for every
// acceptance test), each request a handler serves, its answer and its
// error code are compared with the vendors' published definitions in
// internal/contract; Server.ContractViolations lists the differences and
// acctest fails the test on any.
//
// # Call counts
//
// Keys are Product.Action: Actiontrail.*, Cdn.*, dcdn.*, Sas.*,
// cloudaudit.*, Sts.AssumeRole, Sts.AssumeRoleWithOIDC, sts.AssumeRole,
// sts.AssumeRoleWithWebIdentity, and the metadata keys above. Refused
// requests (authentication) are not counted.
// Beside them (callcount_bench.go; make bench reads them): calls the rate
// limiter refused (throttled), bytes of successful answers' bodies
// (response_bytes), per Product.Action; DescribeDeliverList reads by
// DeliverId are counted apart (deliver_list_reads, below).
//
// # Rate limits
//
// Token buckets per account, product and action. Documented defaults: Cdn
// and dcdn 3 calls/s per action, cloudaudit 20 calls/s per action;
// everything else unlimited. Off unless
// Options.RateLimits (the command switches them on); SetRateLimit or the
// admin API switch them on and override a product or action.
//
// # Faults
//
// A Fault matches a product and action ("" = any) and fires always or
// with a Probability, Count times or forever. Modes: "error" (answer
// Code/HTTPStatus/Message in the vendor's error shape), "latency" (sleep,
// then serve), "drop" (close the connection, nothing executed),
// "commit_then_drop" (execute, then close the connection without an
// answer), "garble" (answer HTTP 200 with the action's JSON cut off after
// the request id, nothing executed: a malformed answer),
// "commit_then_garble" (execute, then answer as garble: the object exists
// but the client cannot read its id), "html" (answer HTTPStatus, 500-599,
// default 502, with a gateway's HTML error page instead of the API's JSON,
// nothing executed; on both fronts, though Tencent's API itself answers
// errors with HTTP 200). Latency is slept before any mode acts; a client
// that gives up during it (its attempt timeout) leaves the call
// unexecuted.
//
// # Admin API
//
// JSON in and out, no signature (listen on loopback only). Errors are
// {"error": "..."}; unknown paths answer 404. Before any route, the admin
// API refuses what a web page could make a browser send it (admin_guard.go):
// a Host header that is not a loopback name or address (localhost,
// 127.0.0.0/8, [::1], any port) answers 403, against DNS rebinding; an
// Origin header that is not loopback answers 403, against cross-site
// requests without a body; a body whose Content-Type is not
// application/json (parameters such as charset allowed), or a body without
// one, answers 415, against form posts (curl -d sends a form type: add
// -H 'Content-Type: application/json'). The vendor fronts are not guarded:
// through the forward proxy they are reached by the vendors' names. The
// standalone command warns when it listens on a non-loopback address.
//
//	GET    /_mock/health                   {"status":"ok","now":...}
//	POST   /_mock/reset                    forget everything (Options.Trails are re-seeded)
//	GET    /_mock/state                    the whole store, as saved in the state file
//
//	GET    /_mock/calls                    {"calls":{"Actiontrail.CreateDeliveryHistoryJob":3,...},"succeeded":{...},
//	                                        "throttled":{...},"response_bytes":{...}}
//	DELETE /_mock/calls                    zero the counters
//
//	GET    /_mock/faults                   {"faults":[{fault},...]}
//	POST   /_mock/faults                   {"product","action","mode","code","http_status","message",
//	                                        "probability","count","latency_ms"} -> 201 {"id":"f1"}
//	DELETE /_mock/faults                   remove all faults
//	DELETE /_mock/faults/{id}              remove one fault
//
//	GET    /_mock/ratelimits               {"enabled":true,"defaults":[...],"overrides":[...]}
//	PUT    /_mock/ratelimits               {"product":"Cdn","action":"","per_second":3}   (0 = unlimited; switches limits on)
//	PUT    /_mock/ratelimits/enabled       {"enabled":false}
//
//	GET    /_mock/clock                    {"now","offset_seconds","job_step_ms"}
//	PUT    /_mock/clock                    {"job_step_ms":500,"offset_seconds":-1200}   (both optional; the offset
//	                                        shifts the server clock, not the signature windows)
//
//	GET    /_mock/sts/roles                {"roles":[{"arn","trusted":[...],"external_id","max_session_duration"},...]}
//	POST   /_mock/sts/roles                {role} -> 201 role   (replaces a role of the same ARN)
//	POST   /_mock/sts/oidc_tokens          {"token":"..."} -> 201
//	GET    /_mock/sts/sessions             {"sessions":[{"vendor","role_arn","session_name","access_key_id",
//	                                        "access_key_secret","security_token","expiration","account_id","source"},...]}
//	GET    /_mock/metadata                 {"alibaba":"<role ARN>","tencent":"<role ARN>"}
//	PUT    /_mock/metadata                 {"alibaba":"<role ARN>","tencent":""}   ("" detaches; each optional)
//	GET    /_mock/requests[?limit=N]       {"requests":[{"time","front","host","product","action","user_agent",
//	                                        "request_client","access_key_id","status","code"},...]}
//	DELETE /_mock/requests                 empty the request log
//
//	GET    /_mock/actiontrail/trails       {"trails":[{trail},...]}
//	POST   /_mock/actiontrail/trails       {"name","account_id","home_region","regions":[...],
//	                                        "delivers_to_sls":true,"fail_regions":[...]} -> 201 trail
//	PATCH  /_mock/actiontrail/trails/{name}[?account_id=...] {"sls_project_arn","sls_write_role_arn",
//	                                        "oss_bucket_name","oss_key_prefix","oss_write_role_arn","event_rw",
//	                                        "trail_region","status":"Enable|Disable","latest_delivery_error",
//	                                        "latest_delivery_log_service_error"} -> 200 trail (console edit)
//	DELETE /_mock/actiontrail/trails/{name}[?account_id=...]
//
//	GET    /_mock/actiontrail/jobs         {"jobs":[{job},...]}
//	POST   /_mock/actiontrail/jobs         {"trail_name","account_id","status","count","pinned","fail_regions"}
//	                                        -> 201 {"job_ids":[10001,...]}   (a given status pins the jobs)
//	GET    /_mock/actiontrail/jobs/{id}    {job}
//	PATCH  /_mock/actiontrail/jobs/{id}    {"status":3,"region_statuses":[{"region","status"}],"trail_name",
//	                                        "home_region","fail_regions","pinned"} -> job (pinned)
//	DELETE /_mock/actiontrail/jobs/{id}    delete whatever its status
//
//	GET    /_mock/sas/subtasks             {"subtasks":[{subtask},...]}
//	POST   /_mock/sas/subtasks             {subtask fields...,"count":2} -> 201 {"detail_task_ids":[700001,...]}
//	PATCH  /_mock/sas/subtasks/{id}        {"status","asset_type","asset_sub_type","asset_vendor","checks"} -> subtask
//	DELETE /_mock/sas/subtasks/{id}
//	GET    /_mock/sas/page_size_cap        {"page_size_cap":0}
//	PUT    /_mock/sas/page_size_cap        {"page_size_cap":20}   (serve at most 20 a page whatever PageSize asks; 0 = no cap)
//	GET    /_mock/sas/variants             {"numeric_ids":false}
//	PUT    /_mock/sas/variants             {"numeric_ids":true}   (TaskId, DetailTaskId as JSON numbers; by default strings, the documented types)
//
// A subtask in JSON: {"account_id","task_id","detail_task_id","status",
// "asset_type","asset_sub_type","asset_vendor","checks":[{"id","name",
// "name_zh"}],"create_time","start_time","end_time"}, times in RFC 3339.
//
//	GET    /_mock/cloudaudit/tracks        {"tracks":[{track},...]}
//	POST   /_mock/cloudaudit/tracks        {track} -> 201 track   (the limit is not applied)
//	GET    /_mock/cloudaudit/tracks/{id}   {track}
//	PATCH  /_mock/cloudaudit/tracks/{id}   {"status":0,"storage":{...},"name","action_type","resource_type",
//	                                        "event_names","filters","track_for_all_members"} -> track
//	DELETE /_mock/cloudaudit/tracks/{id}
//	GET    /_mock/cloudaudit/limit         {"track_limit":5}
//	PUT    /_mock/cloudaudit/limit         {"track_limit":25}   (0 = the start-up value)
//
// A track in JSON: {"id","account_id","name","status" (0/1),"action_type",
// "resource_type","event_names":[...],"filters":[{"resource_type",
// "action_type","event_names"}],"storage":{"type","region","name","prefix",
// "account_id","app_id"},"track_for_all_members" (0/1),"create_time"}.
//
//	GET    /_mock/{cdn|dcdn}/reports                 {"reports":[{reportId,title,format,...}]}
//	GET    /_mock/{cdn|dcdn}/deliver_tasks           {"deliver_tasks":[{task},...]}
//	POST   /_mock/{cdn|dcdn}/deliver_tasks           {task} -> 201 task   (checked like the API, minus name and limit rules)
//	GET    /_mock/{cdn|dcdn}/deliver_tasks/{id}      {task}
//	PATCH  /_mock/{cdn|dcdn}/deliver_tasks/{id}      {"name","domains","reports","schedule","deliver"} (each optional, replaces) -> task
//	DELETE /_mock/{cdn|dcdn}/deliver_tasks/{id}
//	PUT    /_mock/{cdn|dcdn}/deliver_limit           {"limit":2}   (0 = the default)
//	GET    /_mock/{cdn|dcdn}/deliver_list_reads      {"full":1,"by_id":{"1001":1},"tasks":31}   (DescribeDeliverList answers by DeliverId asked)
//	DELETE /_mock/{cdn|dcdn}/deliver_list_reads      zeroes them
//	GET    /_mock/{cdn|dcdn}/subscription           {subscription}
//	PUT    /_mock/{cdn|dcdn}/subscription           {"reportId":[1,3],"domains","effectiveFrom","effectiveEnd","status"} -> subscription
//	DELETE /_mock/{cdn|dcdn}/subscription
//	GET    /_mock/{cdn|dcdn}/variants               {"sub_list_nested","domains_all","dm_list_empty_string","omit_effective_formats","content_object","relative_effective_formats","task_not_found_subscription"}
//	PUT    /_mock/{cdn|dcdn}/variants               the same, all booleans, replaced whole ({} restores the usual answers)
//
// A deliver task in JSON: {"deliverId","account_id","name","domains",
// "reports":[{"reportId","conditions":[{"field","op","value"}]}],
// "schedule":{"schedName","description","crontab","frequency","status",
// "effectiveFrom","effectiveEnd"},"deliver":{"email":{"subject","to",
// "copy"}},"createTime"}, the wire names of the API's JSON parameters.
//
// A job in JSON: {"id","account_id","trail_name","home_region","status",
// "region_statuses":[{"region","status"}],"created_time","updated_time",
// "start_time","end_time" (absent while running),"client_token","pinned",
// "fail_regions"}, times in RFC 3339.
//
// Audit events (audit_events.go): every call a vendor front serves after
// authentication, and every change through an admin route below that a
// console user could make (tracks, trails, jobs deleted, deliver tasks,
// subscriptions), is recorded and served by ActionTrail LookupEvents
// (Alibaba events) and CloudAudit LookUpEvents (Tencent events). An admin
// change is recorded for the console user named by "who" (a field of the
// JSON body, removed before the route reads it, or ?who=...), default
// "console":
//
//	PATCH  /_mock/cloudaudit/tracks/{id}   {"who":"alice","status":0}   (alice's ModifyAuditTrack)
//	GET    /_mock/events[?vendor=alibaba|tencent]  {"events":[{event},...]}   (oldest first)
//	POST   /_mock/events                   {event fields...,"count":3,"step_seconds":60} -> 201 {"events":[...]}
//	DELETE /_mock/events
//
// An event in JSON: {"seq","event_id","vendor","account_id","time",
// "product","api_version","event_name","event_type" (ApiCall,
// ConsoleOperation),"read_only","identity_type" (root-account, ram-user,
// assumed-role),"user_name","principal_id","access_key_id","role_arn",
// "session_name","source_ip","user_agent","request_id","error_code",
// "error_message","resource_type","resource_name","region"}.
//
// # Pointing an SDK at the mock
//
// Alibaba Cloud classic SDK: client.Domain = "127.0.0.1:PORT" and
// sdk.Config Scheme "HTTP" (or "HTTPS" with the CA trusted). Tencent Cloud:
// cpf.HttpProfile.Endpoint = "127.0.0.1:PORT", cpf.HttpProfile.Scheme =
// "HTTP" (or the default HTTPS). credentials-go: WithStsEndpoint /
// WithSTSEndpoint("127.0.0.1:PORT") (always HTTPS) or HttpOptions.Proxy;
// the Tencent OIDCRoleArnProvider: its Endpoint field (HTTPS). Or keep the
// vendors' host names and set HTTPS_PROXY/HTTP_PROXY to a Proxy.
package mockcloud
