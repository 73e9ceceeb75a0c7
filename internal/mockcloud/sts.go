package mockcloud

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// What the STS rooms (product_sts_alibaba.go, product_sts_tencent.go) and
// the metadata door (front_metadata.go) share: roles, registered OIDC
// tokens, and the temporary credentials (sessions) they issue. A session
// is an ordinary credential of the fronts plus a security token and an
// expiry on the server clock (Server.Now, so the admin clock offset
// expires it). Roles, tokens and sessions live in memory only: they are
// not written to Options.StateFile, and Reset forgets them (Options.Roles
// and Options.OIDCTokens are seeded again).

// Vendors, as sessions and instance roles name them.
const (
	VendorAlibaba = "alibaba"
	VendorTencent = "tencent"
)

// Role is a role that STS AssumeRole (and the instance metadata) can issue
// temporary credentials for.
type Role struct {
	// ARN names the role and its vendor and account: Alibaba Cloud
	// "acs:ram::1234567890:role/auditor", Tencent Cloud
	// "qcs::cam::uin/1234567890:roleName/auditor" (or ":role/<id>").
	ARN string `json:"arn"`
	// Trusted says who may assume the role: an access key id or SecretId,
	// "account:<id>" (any key of that account, temporary ones included),
	// or "oidc:<provider ARN or ProviderId>" (AssumeRoleWithOIDC,
	// AssumeRoleWithWebIdentity).
	Trusted []string `json:"trusted,omitempty"`
	// ExternalID, if set, must be sent as ExternalId by AssumeRole.
	ExternalID string `json:"external_id,omitempty"`
	// MaxSessionDuration in seconds; 0 means the vendor default (Alibaba
	// 3600, Tencent 43200).
	MaxSessionDuration int `json:"max_session_duration,omitempty"`
}

// Session is one set of temporary credentials the mock issued.
type Session struct {
	Vendor          string    `json:"vendor"`
	RoleARN         string    `json:"role_arn"`
	SessionName     string    `json:"session_name"`
	AccessKeyID     string    `json:"access_key_id"`
	AccessKeySecret string    `json:"access_key_secret"`
	SecurityToken   string    `json:"security_token"`
	Expiration      time.Time `json:"expiration"`
	// AccountID owns the keys: the role's account.
	AccountID string `json:"account_id"`
	// Source is the API that issued it: "Sts.AssumeRole",
	// "Sts.AssumeRoleWithOIDC", "sts.AssumeRole",
	// "sts.AssumeRoleWithWebIdentity", "metadata".
	Source string `json:"source"`
}

var (
	// Alibaba: acs:ram::<account>:role/<name> (RAM role ARN format, AssumeRole
	// reference https://www.alibabacloud.com/help/doc-detail/28763.html).
	alibabaRoleARN = regexp.MustCompile(`^acs:ram::(\d+):role/([A-Za-z0-9._-]+)$`)
	// Tencent: qcs::cam::uin/<uin>:roleName/<name> or :role/<id> (sts
	// v20180813 models.go, AssumeRoleRequestParams.RoleArn comment).
	tencentRoleARN = regexp.MustCompile(`^qcs::cam::uin/(\d+):(?:roleName|role)/(?:tencentcloudServiceRole(?:Name)?/)?([A-Za-z0-9+=,.@_-]+)$`)
)

// parseRoleARN returns the role's vendor, account and name.
func parseRoleARN(arn string) (vendor, account, name string, ok bool) {
	if m := alibabaRoleARN.FindStringSubmatch(arn); m != nil {
		return VendorAlibaba, m[1], m[2], true
	}
	if m := tencentRoleARN.FindStringSubmatch(arn); m != nil {
		return VendorTencent, m[1], m[2], true
	}
	return "", "", "", false
}

func (r Role) normalize() error {
	if _, _, _, ok := parseRoleARN(r.ARN); !ok {
		return fmt.Errorf("role ARN %q is neither acs:ram::<account>:role/<name> nor qcs::cam::uin/<uin>:roleName/<name>", r.ARN)
	}
	for _, t := range r.Trusted {
		if strings.TrimSpace(t) == "" || t == "account:" || t == "oidc:" {
			return fmt.Errorf("role %s: empty trusted entry", r.ARN)
		}
	}
	if r.MaxSessionDuration < 0 || r.MaxSessionDuration > 43200 {
		return fmt.Errorf("role %s: max_session_duration %d is outside 0-43200", r.ARN, r.MaxSessionDuration)
	}
	return nil
}

func (r Role) vendor() string  { v, _, _, _ := parseRoleARN(r.ARN); return v }
func (r Role) account() string { _, a, _, _ := parseRoleARN(r.ARN); return a }
func (r Role) name() string    { _, _, n, _ := parseRoleARN(r.ARN); return n }

// maxDuration is the longest session the role allows.
func (r Role) maxDuration() int {
	if r.MaxSessionDuration > 0 {
		return r.MaxSessionDuration
	}
	if r.vendor() == VendorTencent {
		return tcMaxSessionSeconds
	}
	return alibabaDefaultMaxSessionSeconds
}

// trusts reports whether a caller signing with cred may assume the role.
func (r Role) trusts(cred Credential) bool {
	for _, t := range r.Trusted {
		if t == cred.AccessKeyID {
			return true
		}
		if acct, ok := strings.CutPrefix(t, "account:"); ok && acct == cred.AccountID {
			return true
		}
	}
	return false
}

// trustsOIDC reports whether the role trusts an OIDC provider.
func (r Role) trustsOIDC(provider string) bool {
	for _, t := range r.Trusted {
		if p, ok := strings.CutPrefix(t, "oidc:"); ok && p == provider {
			return true
		}
	}
	return false
}

// id is a stable numeric role id, as AssumedRoleUser.AssumedRoleId shows.
func (r Role) id() string {
	sum := sha256.Sum256([]byte(r.ARN))
	return fmt.Sprintf("3%018d", binary.BigEndian.Uint64(sum[:8])%1e18)
}

// maxSessions bounds the session table; the oldest are forgotten first.
const maxSessions = 10000

// stsState is the in-memory STS state.
type stsState struct {
	mu            sync.Mutex
	roles         map[string]Role
	oidcTokens    map[string]bool
	sessions      map[string]*Session // by access key id
	order         []string            // access key ids, oldest first
	instanceRoles map[string]string   // vendor -> role ARN
	metaSessions  map[string]string   // vendor -> access key id of the current metadata session
	imdsTokens    map[string]time.Time
}

func newSTSState() *stsState {
	return &stsState{
		roles:         map[string]Role{},
		oidcTokens:    map[string]bool{},
		sessions:      map[string]*Session{},
		instanceRoles: map[string]string{},
		metaSessions:  map[string]string{},
		imdsTokens:    map[string]time.Time{},
	}
}

// seedSTS loads Options.Roles, Options.OIDCTokens and Options.InstanceRoles.
func (s *Server) seedSTS() error {
	st := newSTSState()
	for _, r := range s.opts.Roles {
		if err := r.normalize(); err != nil {
			return fmt.Errorf("mockcloud: %w", err)
		}
		st.roles[r.ARN] = r
	}
	for _, t := range s.opts.OIDCTokens {
		st.oidcTokens[t] = true
	}
	for vendor, arn := range s.opts.InstanceRoles {
		if err := checkInstanceRole(st, vendor, arn); err != nil {
			return fmt.Errorf("mockcloud: %w", err)
		}
		st.instanceRoles[vendor] = arn
	}
	s.sts.Store(st)
	return nil
}

func checkInstanceRole(st *stsState, vendor, arn string) error {
	if vendor != VendorAlibaba && vendor != VendorTencent {
		return fmt.Errorf("instance role vendor %q: want %q or %q", vendor, VendorAlibaba, VendorTencent)
	}
	if arn == "" {
		return nil
	}
	r, ok := st.roles[arn]
	if !ok {
		return fmt.Errorf("instance role %s is not a known role", arn)
	}
	if r.vendor() != vendor {
		return fmt.Errorf("instance role %s is not a %s role", arn, vendor)
	}
	return nil
}

func (s *Server) stsState() *stsState { return s.sts.Load() }

// AddRole adds or replaces a role.
func (s *Server) AddRole(r Role) error {
	if err := r.normalize(); err != nil {
		return err
	}
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.roles[r.ARN] = r
	return nil
}

// Roles lists the roles, by ARN.
func (s *Server) Roles() []Role {
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]Role, 0, len(st.roles))
	for _, r := range st.roles {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ARN < out[j].ARN })
	return out
}

func (s *Server) role(arn string) (Role, bool) {
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	r, ok := st.roles[arn]
	return r, ok
}

// anyRoleTrustsOIDC reports whether some role trusts the provider, which is
// how the mock knows an OIDC provider exists.
func (s *Server) anyRoleTrustsOIDC(provider string) bool {
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, r := range st.roles {
		if r.trustsOIDC(provider) {
			return true
		}
	}
	return false
}

// AddOIDCToken registers a token AssumeRoleWithOIDC and
// AssumeRoleWithWebIdentity accept. ASSUMPTION: the mock does not verify
// JWTs; a registered string is a valid token, anything else is not.
func (s *Server) AddOIDCToken(token string) {
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.oidcTokens[token] = true
}

func (s *Server) oidcTokenKnown(token string) bool {
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.oidcTokens[token]
}

// Sessions lists every session issued since the start (or the last
// Reset), oldest first, secrets included: tests use it to know what must
// never appear in logs.
func (s *Server) Sessions() []Session {
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	out := make([]Session, 0, len(st.order))
	for _, id := range st.order {
		out = append(out, *st.sessions[id])
	}
	return out
}

// session looks a temporary access key up.
func (s *Server) session(accessKeyID string) (Session, bool) {
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	sess, ok := st.sessions[accessKeyID]
	if !ok {
		return Session{}, false
	}
	return *sess, true
}

// issueSession mints temporary credentials for role, valid for d from the
// server clock.
func (s *Server) issueSession(role Role, sessionName string, d time.Duration, source string) Session {
	sess := Session{
		Vendor:      role.vendor(),
		RoleARN:     role.ARN,
		SessionName: sessionName,
		Expiration:  s.Now().Add(d).UTC().Truncate(time.Second),
		AccountID:   role.account(),
		Source:      source,
	}
	if sess.Vendor == VendorTencent {
		// Shapes from sts v20180813 Credentials (TmpSecretId, TmpSecretKey,
		// Token); lengths are an ASSUMPTION, the SDK documents only maxima.
		sess.AccessKeyID = "AKID" + randomString(alnum, 32)
		sess.AccessKeySecret = randomString(alnum, 32)
		sess.SecurityToken = randomString(alnum+"-_", 160)
	} else {
		// Alibaba STS keys start with "STS." (AssumeRole reference sample);
		// the token's "CAIS" prefix and lengths are an ASSUMPTION.
		sess.AccessKeyID = "STS." + randomString(alnum, 28)
		sess.AccessKeySecret = randomString(alnum, 44)
		sess.SecurityToken = "CAIS" + randomString(alnum+"+/", 252)
	}
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	st.sessions[sess.AccessKeyID] = &sess
	st.order = append(st.order, sess.AccessKeyID)
	if len(st.order) > maxSessions {
		delete(st.sessions, st.order[0])
		st.order = st.order[1:]
	}
	return sess
}

// lookupCredential finds a static credential or a session's. expires is
// zero for static credentials.
func (s *Server) lookupCredential(accessKeyID string) (cred Credential, expires time.Time, ok bool) {
	if c, ok := s.creds[accessKeyID]; ok {
		return c, time.Time{}, true
	}
	sess, ok := s.session(accessKeyID)
	if !ok {
		return Credential{}, time.Time{}, false
	}
	return Credential{
		AccessKeyID:     sess.AccessKeyID,
		AccessKeySecret: sess.AccessKeySecret,
		SecurityToken:   sess.SecurityToken,
		AccountID:       sess.AccountID,
	}, sess.Expiration, true
}

// expired reports whether a credential's expiry has passed on the server
// clock.
func (s *Server) expired(expires time.Time) bool {
	return !expires.IsZero() && !s.Now().Before(expires)
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func randomString(alphabet string, n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// SetInstanceRole attaches a role (by ARN, "" to detach) to the simulated
// ECS (VendorAlibaba) or CVM (VendorTencent) instance.
func (s *Server) SetInstanceRole(vendor, arn string) error {
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := checkInstanceRole(st, vendor, arn); err != nil {
		return err
	}
	if arn == "" {
		delete(st.instanceRoles, vendor)
	} else {
		st.instanceRoles[vendor] = arn
	}
	delete(st.metaSessions, vendor)
	return nil
}

// InstanceRoles is the role attached per vendor.
func (s *Server) InstanceRoles() map[string]string {
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	out := map[string]string{}
	for k, v := range st.instanceRoles {
		out[k] = v
	}
	return out
}
