package conns

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	alicreds "github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// Credentials are one set of keys a vendor call is signed with.
type Credentials struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
	// Expires is when temporary credentials this provider obtained itself
	// (assume_role) must be replaced, on the local clock. Zero means the
	// source keeps them fresh (static keys, or a vendor library's provider,
	// which refreshes its own sessions) and is asked on every call.
	Expires time.Time
}

// credSource is where a session gets its credentials: a static pair, a
// vendor credential library's provider, or this provider's own AssumeRole.
type credSource struct {
	// name says which source was tried, in the words of the provider's
	// configuration ("alicloud.assume_role", "env ALIBABA_CLOUD_ACCESS_KEY_ID").
	name string
	// fetch returns the current credentials; force asks for new ones
	// because the cloud refused the current ones as expired.
	fetch func(ctx context.Context, force bool) (Credentials, error)
}

// session holds the credentials of one identity for every call of the
// provider process. A refresh happens under its lock, so concurrent calls
// that find the credentials stale wait for one refresh and share it.
type session struct {
	src    credSource
	issued func(Credentials) // tells the redactor about new secrets
	vendor string            // vendorAlicloud or vendorTencent

	// account names the account calls count against, for pacing
	// (ratelimit.go): set from a role ARN when built, else from the first
	// access key fetched.
	account string

	mu    sync.Mutex
	cur   Credentials
	gen   uint64 // bumped whenever cur changes; 0: never fetched
	stale bool   // the cloud refused cur as expired
}

func newSession(src credSource, issued func(Credentials), vendor, account string) *session {
	return &session{src: src, issued: issued, vendor: vendor, account: account}
}

// refreshMargin is how long before their end temporary credentials are
// replaced: a fifth of their lifetime, at most five minutes, so a 15-minute
// role session is renewed with three minutes to spare.
func refreshMargin(lifetime time.Duration) time.Duration {
	m := lifetime / 5
	if m > 5*time.Minute {
		m = 5 * time.Minute
	}
	return m
}

// get makes sure the session holds credentials fit for a call now,
// refreshing them if needed, and returns the generation a later invalidate
// names. The SDK clients then sign with current().
func (s *session) get(ctx context.Context) (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.gen > 0 && !s.stale && !s.cur.Expires.IsZero() && time.Now().Before(s.cur.Expires) {
		return s.gen, nil
	}
	cr, err := s.src.fetch(ctx, s.stale)
	if err != nil {
		return 0, err
	}
	if cr.AccessKeyID == "" || cr.AccessKeySecret == "" {
		return 0, &CredentialError{Source: s.src.name, Err: errors.New("the source returned no access key")}
	}
	if s.account == "" {
		s.account = keyAccount(cr.AccessKeyID)
	}
	if s.gen == 0 || cr != s.cur {
		s.cur = cr
		s.gen++
		if s.issued != nil {
			s.issued(cr)
		}
	}
	s.stale = false
	return s.gen, nil
}

// invalidate marks generation gen as refused by the cloud; the next get
// fetches new credentials unless another call already did.
func (s *session) invalidate(gen uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if gen == s.gen {
		s.stale = true
	}
}

// current is what the SDK clients sign with: the credentials the last get
// returned. Invoke calls get just before every attempt, so they are fresh.
func (s *session) current() Credentials {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

// aliProvider adapts a session to the Alibaba SDK's credentials provider.
type aliProvider struct{ s *session }

func (p aliProvider) GetCredentials() (*alicreds.Credentials, error) {
	c := p.s.current()
	if c.AccessKeyID == "" {
		return nil, errors.New("credentials were not fetched before the call")
	}
	return &alicreds.Credentials{AccessKeyId: c.AccessKeyID, AccessKeySecret: c.AccessKeySecret, SecurityToken: c.SecurityToken, ProviderName: "cloudtrack"}, nil
}

func (p aliProvider) GetProviderName() string { return "cloudtrack" }

// tcCredential adapts a session to the Tencent SDK's CredentialIface.
type tcCredential struct{ s *session }

func (t tcCredential) GetSecretId() string  { return t.s.current().AccessKeyID }
func (t tcCredential) GetSecretKey() string { return t.s.current().AccessKeySecret }
func (t tcCredential) GetToken() string     { return t.s.current().SecurityToken }
func (t tcCredential) GetCredential() (string, string, string) {
	c := t.s.current()
	return c.AccessKeyID, c.AccessKeySecret, c.SecurityToken
}

// CredentialError says which credential source failed, what the cloud or
// the library said, and what to set.
type CredentialError struct {
	Source string
	Err    error
	Hint   string
}

func (e *CredentialError) Error() string {
	msg := fmt.Sprintf("%s: %s", e.Source, e.Err)
	if e.Hint != "" {
		msg += ": " + e.Hint
	}
	return msg
}

func (e *CredentialError) Unwrap() error { return e.Err }

// staticSource serves a fixed key pair (and token).
func staticSource(name string, cr Credentials) credSource {
	return credSource{name: name, fetch: func(context.Context, bool) (Credentials, error) { return cr, nil }}
}

// librarySource wraps a vendor library's provider: the library keeps its
// own session fresh, so it is asked on every call; a forced refresh builds
// a new provider, which starts without a cached session.
func librarySource[P any](name string, build func() (P, error), get func(P) (Credentials, error), hint string) credSource {
	var p P
	built := false
	return credSource{name: name, fetch: func(_ context.Context, force bool) (Credentials, error) {
		if !built || force {
			np, err := build()
			if err != nil {
				return Credentials{}, &CredentialError{Source: name, Err: err, Hint: hint}
			}
			p, built = np, true
		}
		cr, err := get(p)
		if err != nil {
			built = false // try a fresh provider next time
			return Credentials{}, &CredentialError{Source: name, Err: err, Hint: hint}
		}
		return cr, nil
	}}
}

// expiryOf is when a session obtained at start for duration d must be
// replaced: the end the cloud named, or start+d if that is sooner (the
// cloud's clock may run ahead of ours), less the refresh margin.
func expiryOf(start time.Time, d time.Duration, cloudEnd time.Time) time.Time {
	end := start.Add(d)
	if !cloudEnd.IsZero() && cloudEnd.Before(end) {
		end = cloudEnd
	}
	return end.Add(-refreshMargin(end.Sub(start)))
}
