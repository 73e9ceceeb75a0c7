// Package mockcloud is a mock of the cloud APIs the provider calls, close
// enough on the wire that the official Alibaba Cloud and Tencent Cloud SDKs
// talk to it unchanged once their endpoint points at it. Tests embed it
// (New + httptest); users run it standalone (cmd/mockcloud).
//
// One Server (an http.Handler) serves:
//
//   - the Alibaba Cloud RPC front on "/": GET or POST, parameters in the
//     query and the form body, HMAC-SHA1 signatures verified, dispatch on
//     Version and Action. Implemented: ActionTrail 2020-07-06
//     CreateDeliveryHistoryJob, GetDeliveryHistoryJob,
//     ListDeliveryHistoryJobs, DeleteDeliveryHistoryJob; Sas 2018-12-03
//     ListOperationProcessDetail.
//   - the Tencent Cloud API 3.0 front for requests with an X-TC-Action
//     header: POST / with a JSON body, TC3-HMAC-SHA256 signatures
//     verified, dispatch on X-TC-Version and X-TC-Action, every answer HTTP
//     200 in a {"Response":{...,"RequestId"}} envelope. Implemented:
//     CloudAudit 2019-03-19 CreateAuditTrack, CreateEventsAuditTrack,
//     ModifyAuditTrack, ModifyEventsAuditTrack, DeleteAuditTrack,
//     DescribeAuditTrack, DescribeAuditTracks.
//   - the admin API under /_mock/.
//
// # Credentials
//
// Alibaba Cloud: AccessKeyId "mock-access-key-id", secret
// "mock-access-key-secret". Tencent Cloud: SecretId "AKIDmockcloud",
// SecretKey "mock-secret-key". Both belong to account 1234567890; more
// credentials (optionally with an STS token or another account) come from
// Options.Credentials or -credential AK:SECRET[:ACCOUNT]. State (trails,
// jobs, the one-running-job rule, client tokens, rate limit buckets) is
// per account.
//
// # Alibaba Cloud request checks
//
// In this order: the common parameters AccessKeyId, Signature,
// SignatureNonce, Timestamp, Action and Version (400 MissingParameter);
// a known Version and Action (404 InvalidAction.NotFound); a known access
// key (404 InvalidAccessKeyId.NotFound); the signature (400
// SignatureDoesNotMatch, whose message ends with "server string to sign
// is:" and the server's StringToSign); the timestamp within 15 minutes of
// the server clock (400 InvalidTimeStamp.Expired); a fresh SignatureNonce
// (400 SignatureNonceUsed); for a credential with an STS token, the same
// SecurityToken (400 MissingSecurityToken, InvalidSecurityToken.Malformed).
// Then the call is counted, faults apply, then the credential's
// permission (a key whose Credential.DeniedProducts lists the product gets
// 403 NoPermission from Sas, 403 Forbidden.RAM elsewhere, an ASSUMPTION),
// then the rate limit (400 Throttling.User), then the handler. Errors are non-2xx JSON
// {"RequestId","HostId","Code","Message","Recommend"}.
//
// # Tencent Cloud request checks
//
// In this order: POST / (UnsupportedProtocol); a known X-TC-Version and
// X-TC-Action (InvalidAction); an Authorization header of the TC3 shape
// (AuthFailure.InvalidAuthorization); a known SecretId
// (AuthFailure.SecretIdNotFound); X-TC-Timestamp within 5 minutes of the
// server clock (AuthFailure.SignatureExpire); the credential scope and the
// signature over content-type;host and the body
// (AuthFailure.SignatureFailure); for an STS credential, X-TC-Token
// (AuthFailure.TokenFailure). Then the call is counted, faults apply (an
// "error" fault answers in the Tencent envelope, HTTP 200), then the rate
// limit (RequestLimitExceeded), then the handler. Body fields an API does
// not have are refused with UnknownParameter.
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
// Trails exist only when seeded (SeedTrail, Options.Trails, -seed-trail,
// or the admin API). A job is initializing (0) for one job step after it
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
// crontab (six fields with seconds, "?" allowed), a frequency other than
// h, d, M, a bad e-mail address), TimeParseFailed (times other than
// yyyy-MM-ddTHH:mm:ssZ), SubscriptionAlreadyExists, SubscriptionNotFound.
// An unknown DeliverId answers 404 InvalidDeliverId.NotFound (an
// ASSUMPTION). Update parameters left empty keep their value; a new
// subscription is enabled and effective from its creation without an end
// (an ASSUMPTION). DescribeDeliverList does not show the schedule's name
// and description, as documented.
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
// answer). Latency is slept before any mode acts.
//
// # Admin API
//
// JSON in and out, no signature (listen on loopback only). Errors are
// {"error": "..."}; unknown paths answer 404.
//
//	GET    /_mock/health                   {"status":"ok","now":...}
//	POST   /_mock/reset                    forget everything (Options.Trails are re-seeded)
//	GET    /_mock/state                    the whole store, as saved in the state file
//
//	GET    /_mock/calls                    {"calls":{"Actiontrail.CreateDeliveryHistoryJob":3,...},"succeeded":{...}}
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
//	PUT    /_mock/clock                    {"job_step_ms":500,"offset_seconds":-1200}   (both optional)
//
//	GET    /_mock/actiontrail/trails       {"trails":[{trail},...]}
//	POST   /_mock/actiontrail/trails       {"name","account_id","home_region","regions":[...],
//	                                        "delivers_to_sls":true,"fail_regions":[...]} -> 201 trail
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
//	GET    /_mock/{cdn|dcdn}/subscription           {subscription}
//	PUT    /_mock/{cdn|dcdn}/subscription           {"reportId":[1,3],"domains","effectiveFrom","effectiveEnd","status"} -> subscription
//	DELETE /_mock/{cdn|dcdn}/subscription
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
// # Pointing an SDK at the mock
//
// Alibaba Cloud classic SDK: client.Domain = "127.0.0.1:PORT" and
// sdk.Config Scheme "HTTP". Tencent Cloud: cpf.HttpProfile.Endpoint =
// "127.0.0.1:PORT", cpf.HttpProfile.Scheme = "HTTP".
package mockcloud
