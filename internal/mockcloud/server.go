package mockcloud

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log"
	"net/http"
	"strings"
	"sync/atomic"
	"time"
)

// Default credentials, accepted by every server. They belong to
// DefaultAccountID. The Tencent pair is an ordinary Credential too: a
// SecretId/SecretKey is stored as AccessKeyID/AccessKeySecret.
const (
	DefaultAccessKeyID     = "mock-access-key-id"
	DefaultAccessKeySecret = "mock-access-key-secret"
	DefaultSecretID        = "AKIDmockcloud"
	DefaultSecretKey       = "mock-secret-key"
	DefaultAccountID       = "1234567890"
	DefaultRegion          = "cn-hangzhou"

	// DefaultJobStep is how long a history delivery job stays in each
	// running status when Options.JobStep is zero.
	DefaultJobStep = 2 * time.Second

	// AdminPrefix is the reserved path prefix of the admin API.
	AdminPrefix = "/_mock/"
)

// Options configure a Server. The zero value is usable.
type Options struct {
	// Credentials are accepted in addition to the default ones.
	Credentials []Credential
	// Now is the base clock; nil means time.Now. Shifted by the admin
	// clock offset (SetClock) it is the server clock (Server.Now), which
	// drives job progress and STS session expiry. The signature timestamp
	// windows and nonce expiry use the base clock without the offset,
	// because clients sign with their real clock: a test can move the
	// offset an hour forward to expire a session without breaking
	// signatures. Rate limits use wall time so a frozen test clock cannot
	// throttle a client forever.
	Now func() time.Time
	// JobStep is how long a delivery history job stays initializing and
	// then delivering; 0 means DefaultJobStep.
	JobStep time.Duration
	// RateLimits switches on the documented default rate limits.
	RateLimits bool
	// RateLimitSettings override the defaults for a product or action
	// (see SetRateLimit); any setting switches rate limiting on.
	RateLimitSettings []RateLimit
	// StateFile, if set, is loaded at start and rewritten (atomically)
	// after every mutating call.
	StateFile string
	// Trails are seeded at start and again after every Reset.
	Trails []Trail
	// Logger, if set, receives one line per request.
	Logger *log.Logger
	// Subtasks (Security Center) are seeded at start and again after every
	// Reset.
	Subtasks []Subtask
	// AuditTrackLimit is how many CloudAudit tracks an account may have;
	// 0 means DefaultAuditTrackLimit.
	AuditTrackLimit int
	// Roles can be assumed through STS (and attached to the instance);
	// seeded at start and again after every Reset.
	Roles []Role
	// OIDCTokens are the tokens AssumeRoleWithOIDC and
	// AssumeRoleWithWebIdentity accept (the mock does not verify JWTs).
	OIDCTokens []string
	// InstanceRoles attach a role to the simulated instance per vendor
	// (VendorAlibaba: ECS metadata, VendorTencent: CVM metadata), by role
	// ARN; the role must be in Roles.
	InstanceRoles map[string]string
	// RequestLogSize is how many requests Requests keeps; 0 means
	// DefaultRequestLogSize.
	RequestLogSize int
	// AuditEventLimit is how many audit events (audit_events.go) the
	// server keeps; 0 means DefaultAuditEventLimit.
	AuditEventLimit int
	// ContractCheck compares every request a handler serves, its answer
	// and its error code with the vendors' published definitions
	// (internal/contract); differences are kept for ContractViolations.
	ContractCheck bool
}

// Credential is an access key pair owned by an account. SecurityToken, if
// set, must accompany every request signed with this key (STS).
type Credential struct {
	AccessKeyID     string `json:"access_key_id"`
	AccessKeySecret string `json:"access_key_secret"`
	SecurityToken   string `json:"security_token,omitempty"`
	AccountID       string `json:"account_id,omitempty"`
	// DeniedProducts are products ("Sas", ...) this key has no permission
	// for: their calls are refused after authentication (see permission.go).
	DeniedProducts []string `json:"denied_products,omitempty"`
}

// Server is the mock cloud. It is an http.Handler serving the Alibaba Cloud
// front on "/", the Tencent Cloud front for requests carrying Tencent
// headers or parameters (isTencentRequest), and the admin API under
// AdminPrefix. All methods are safe for concurrent use.
type Server struct {
	opts   Options
	logger *log.Logger
	creds  map[string]Credential // by access key id; read-only after New
	rpc    map[rpcKey]rpcRoute   // read-only after New
	tc     map[tcKey]tcRoute     // read-only after New
	admin  http.Handler

	store  *store
	faults *faultSet
	limits *rateLimiter
	calls  *callCounter
	nonces *nonceCache
	reqlog *requestLog
	audit  *auditLog
	// fidelity is nil unless Options.ContractCheck (fidelity.go).
	fidelity *fidelity
	sts      atomic.Pointer[stsState]

	clockOffset atomic.Int64 // nanoseconds added to Options.Now
	jobStep     atomic.Int64 // nanoseconds
}

// New builds a Server, loading Options.StateFile if it exists.
func New(opts Options) (*Server, error) {
	s := &Server{
		opts:   opts,
		logger: opts.Logger,
		creds:  map[string]Credential{},
		rpc:    map[rpcKey]rpcRoute{},
		tc:     map[tcKey]tcRoute{},
		faults: newFaultSet(),
		limits: newRateLimiter(opts.RateLimits, opts.RateLimitSettings),
		calls:  newCallCounter(),
		nonces: newNonceCache(),
		reqlog: newRequestLog(opts.RequestLogSize),
		audit:  newAuditLog(opts.AuditEventLimit),
	}
	s.jobStep.Store(int64(s.defaultJobStep()))
	if opts.ContractCheck {
		s.fidelity = &fidelity{}
	}

	defaults := []Credential{
		{AccessKeyID: DefaultAccessKeyID, AccessKeySecret: DefaultAccessKeySecret},
		{AccessKeyID: DefaultSecretID, AccessKeySecret: DefaultSecretKey},
	}
	for _, c := range append(defaults, opts.Credentials...) {
		if c.AccessKeyID == "" || c.AccessKeySecret == "" {
			return nil, fmt.Errorf("mockcloud: credential %q needs an access key id and a secret", c.AccessKeyID)
		}
		if c.AccountID == "" {
			c.AccountID = DefaultAccountID
		}
		s.creds[c.AccessKeyID] = c
	}

	st, err := openStore(opts.StateFile)
	if err != nil {
		return nil, err
	}
	s.store = st

	s.registerActionTrail()
	s.registerSas()
	s.registerCloudAudit()
	s.registerReports()
	s.registerStsAlibaba()
	s.registerStsTencent()
	s.registerAuditLookups()
	s.admin = s.adminHandler()

	if err := s.seedSTS(); err != nil {
		return nil, err
	}
	if err := s.seedInitialTrails(); err != nil {
		return nil, err
	}
	if err := s.seedInitialSubtasks(); err != nil {
		return nil, err
	}
	return s, nil
}

// ServeHTTP routes a request to the admin API, the metadata door (by
// Host), the Tencent front or the Alibaba front.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case strings.HasPrefix(r.URL.Path, AdminPrefix):
		s.admin.ServeHTTP(w, r)
	case metadataHost(r.Host) != "":
		s.serveMetadata(w, r, metadataHost(r.Host))
	case isTencentRequest(r):
		s.serveTencent(w, r)
	default:
		s.serveAlibaba(w, r)
	}
}

// Reset returns the server to its freshly started state: the store is
// emptied (and Options.Trails re-seeded), faults, call counts, nonces, rate
// limit settings, clock offset, job step, the request log, the audit
// events, STS sessions, roles and OIDC tokens are cleared (the Options
// ones are seeded again).
func (s *Server) Reset() {
	s.logError("reset", s.store.update(func(st *cloudState) error {
		*st = *newState()
		return nil
	}))
	s.faults.clear()
	s.calls.reset()
	s.nonces.reset()
	s.limits.reset(s.opts.RateLimits, s.opts.RateLimitSettings)
	s.clockOffset.Store(0)
	s.jobStep.Store(int64(s.defaultJobStep()))
	s.logError("reset", s.seedInitialTrails())
	s.logError("reset", s.seedInitialSubtasks())
	s.reqlog.reset()
	s.audit.reset()
	s.logError("reset", s.seedSTS())
}

// SetClock changes the job step (if step > 0) and shifts the server clock by
// offset from Options.Now.
func (s *Server) SetClock(step, offset time.Duration) {
	if step > 0 {
		s.jobStep.Store(int64(step))
	}
	s.clockOffset.Store(int64(offset))
}

// Now is the server clock: Options.Now plus the admin offset.
func (s *Server) Now() time.Time {
	return s.baseNow().Add(time.Duration(s.clockOffset.Load()))
}

// baseNow is Options.Now (or time.Now) without the admin offset: the clock
// the signature timestamp windows and nonce expiry use.
func (s *Server) baseNow() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// JobStep is the current delivery history job step.
func (s *Server) JobStep() time.Duration { return time.Duration(s.jobStep.Load()) }

func (s *Server) defaultJobStep() time.Duration {
	if s.opts.JobStep > 0 {
		return s.opts.JobStep
	}
	return DefaultJobStep
}

// logError reports an error a Go API method has no way to return (a failed
// state file write).
func (s *Server) logError(what string, err error) {
	if err != nil {
		s.logf("%s: %v", what, err)
	}
}

func (s *Server) logf(format string, args ...any) {
	if s.logger != nil {
		s.logger.Printf(format, args...)
	}
}

// newRequestID returns a random UUID-shaped upper-case id, as Alibaba
// Cloud's RequestId looks.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := strings.ToUpper(hex.EncodeToString(b[:]))
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
