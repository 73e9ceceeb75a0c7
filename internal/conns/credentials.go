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
	// (assume_role) are due for renewal (their end less the refresh
	// margin), on the local clock. Zero means the source keeps them fresh
	// (static keys, or a vendor library's provider, which refreshes its
	// own sessions) and is asked on every call.
	Expires time.Time
	// End is when they stop working: until then they keep signing while
	// a renewal runs (zero: as Expires).
	End time.Time
}

// credSource is where a session gets its credentials: a static pair, a
// vendor credential library's provider, or this provider's own AssumeRole.
type credSource struct {
	// name says which source was tried, in the words of the provider's
	// configuration ("alicloud.assume_role", "env ALIBABA_CLOUD_ACCESS_KEY_ID").
	name string
	// fetch returns the current credentials; force asks for new ones
	// because the cloud refused the current ones as expired. It returns
	// when ctx ends, whatever it waits for.
	fetch func(ctx context.Context, force bool) (Credentials, error)
	// static sources answer the same keys at once, every time.
	static bool
	// bound limits one fetch (a vendor library's, which has no context
	// and may wait long for a metadata service); 0: the fetch's own
	// retries bound it (AssumeRole through Invoke).
	bound time.Duration
}

// refreshFailureTTL is how long a failed refresh is remembered: calls in
// that time get its error at once instead of each repeating it (ten
// parallel operations with STS down make one AssumeRole retry sequence,
// not ten). Short, so a fixed cause (a permission granted) is seen soon.
const refreshFailureTTL = 5 * time.Second

// marginRenewalLinger is how long a renewal started in the refresh margin
// outlives the last operation that needed it: long enough for the next
// operation of a run to join it, short enough that after Ctrl-C it stops
// within the 2 s the provider promises.
const marginRenewalLinger = time.Second

// errRefreshAbandoned ends a refresh every waiter left (their contexts
// ended); a later caller starts a new one.
var errRefreshAbandoned = errors.New("credential refresh abandoned: every caller waiting for it was cancelled")

// session holds the credentials of one identity for every call of the
// provider process. Refreshes are single-flight: one runs at a time, on
// a context of its own (detached from the caller that started it, ended
// when every caller that needs it has left: the callers waiting for it,
// and, in the refresh margin, the callers signing with the old
// credentials meanwhile, until their operation ends); callers wait for it
// on their own context; its failure is shared by every waiter and
// remembered for refreshFailureTTL; credentials still valid (in the
// refresh margin) keep signing while it runs.
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

	flight      *refresh // the refresh running, if any
	failed      error    // the last refresh's failure, until failedUntil
	failedUntil time.Time
}

// refresh is one fetch of new credentials that callers wait for.
type refresh struct {
	done chan struct{}
	err  error
	// waiters counts the callers that need it: those waiting for it and
	// those signing with the old credentials meanwhile (refresh margin)
	// whose operation still runs. The last to leave cancels it.
	waiters int
	cancel  context.CancelFunc
	// joined stops the context.AfterFunc of each margin caller once the
	// refresh is over (they only matter while it runs).
	joined []func() bool
	// unbounded: a margin caller whose context never ends joined it, so
	// the last waiter to leave does not cancel it.
	unbounded bool
	// lingerUntil is when the linger after the last margin caller left
	// ends (leave): a caller that joined and left meanwhile restarted it.
	lingerUntil time.Time
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

// fresh: cur needs no renewal at now. Called with mu held.
func (s *session) fresh(now time.Time) bool {
	if s.gen == 0 || s.stale {
		return false
	}
	if s.src.static {
		return true
	}
	return !s.cur.Expires.IsZero() && now.Before(s.cur.Expires)
}

// usable: cur may still sign at now, renewal due or not. Called with mu held.
func (s *session) usable(now time.Time) bool {
	if s.fresh(now) {
		return true
	}
	return s.gen > 0 && !s.stale && !s.cur.End.IsZero() && now.Before(s.cur.End)
}

// get makes sure the session holds credentials fit for a call now,
// refreshing them if needed, and returns the generation a later invalidate
// names. The SDK clients then sign with current(). It returns when ctx
// ends, with ctx's error, whatever the refresh is doing.
func (s *session) get(ctx context.Context) (uint64, error) {
	for {
		s.mu.Lock()
		now := time.Now()
		if s.fresh(now) {
			gen := s.gen
			s.mu.Unlock()
			return gen, nil
		}
		if s.failed != nil && now.Before(s.failedUntil) && s.flight == nil {
			// A refresh failed a moment ago: the credentials still valid
			// keep signing, else everybody gets its error.
			if s.usable(now) {
				gen := s.gen
				s.mu.Unlock()
				return gen, nil
			}
			err := s.failed
			s.mu.Unlock()
			return 0, err
		}
		f := s.flight
		if f == nil {
			f = s.startRefresh(ctx)
		}
		f.waiters++
		if s.usable(now) {
			// In the refresh margin: sign with what is still valid while
			// the refresh runs. Nobody waits for it, so it is this
			// caller's until the caller's operation ends (Ctrl-C
			// included): then, if no other caller needs it, it stops
			// instead of retrying STS or a metadata service in the
			// background.
			if ctx.Done() != nil {
				f.joined = append(f.joined, context.AfterFunc(ctx, func() { s.leave(f) }))
			} else {
				f.waiters-- // never ends: the refresh runs to its own end
				f.unbounded = true
			}
			gen := s.gen
			s.mu.Unlock()
			return gen, nil
		}
		s.mu.Unlock()

		select {
		case <-f.done:
			s.leave(f)
			if errors.Is(f.err, errRefreshAbandoned) && ctx.Err() == nil {
				continue // abandoned by the others, not by this caller
			}
			if f.err != nil {
				return 0, f.err
			}
			s.mu.Lock()
			gen, stale := s.gen, s.stale
			s.mu.Unlock()
			if stale {
				// A renewal started before the cloud refused the keys
				// brought them back (a library's cached session): ask
				// again, forced (every refresh started while stale is).
				continue
			}
			return gen, nil
		case <-ctx.Done():
			s.leave(f)
			return 0, ctx.Err()
		}
	}
}

// leave ends a caller's need of f; the last one to leave a refresh still
// running cancels it (nobody needs it: every caller was cancelled, or, in
// the refresh margin, every operation that started or joined it ended).
func (s *session) leave(f *refresh) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f.waiters--
	if f.waiters != 0 || f.unbounded || s.flight != f {
		return
	}
	if len(f.joined) > 0 {
		// Operations that signed in the margin end as they finish, not
		// only on Ctrl-C: the next one, a moment later, would start the
		// renewal again. It is kept for marginRenewalLinger in case one
		// comes, counted from the last one to leave (an earlier one's
		// timer leaves it to the later one's).
		f.lingerUntil = time.Now().Add(marginRenewalLinger)
		time.AfterFunc(marginRenewalLinger, func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			if f.waiters == 0 && !f.unbounded && s.flight == f && !time.Now().Before(f.lingerUntil) {
				s.abandon(f)
			}
		})
		return
	}
	s.abandon(f)
}

// abandon cancels f, still running, that nobody needs. Called with mu held.
func (s *session) abandon(f *refresh) {
	select {
	case <-f.done:
	default:
		s.flight = nil
		f.cancel()
	}
}

// startRefresh starts fetching new credentials. Called with mu held.
func (s *session) startRefresh(ctx context.Context) *refresh {
	// The refresh keeps the caller's values (log masks) but not its end:
	// other callers wait for it too.
	// Nor the caller's create record: a renewal's failure is no attempt of
	// the caller's create (noteAttempt).
	base := context.WithValue(context.WithoutCancel(ctx), outcomeKey{}, (*outcomeRecord)(nil))
	var rctx context.Context
	var cancel context.CancelFunc
	if s.src.bound > 0 {
		rctx, cancel = context.WithTimeout(base, s.src.bound)
	} else {
		rctx, cancel = context.WithCancel(base)
	}
	f := &refresh{done: make(chan struct{}), cancel: cancel}
	s.flight = f
	force := s.stale
	go func() {
		defer cancel()
		cr, err := s.src.fetch(rctx, force)
		if err == nil && (cr.AccessKeyID == "" || cr.AccessKeySecret == "") {
			err = &CredentialError{Source: s.src.name, Err: errors.New("the source returned no access key")}
		}
		s.mu.Lock()
		abandoned := s.flight != f
		if !abandoned {
			s.flight = nil
		}
		switch {
		case err != nil && abandoned:
			f.err = errRefreshAbandoned
		case err != nil:
			f.err = err
			s.failed, s.failedUntil = err, time.Now().Add(refreshFailureTTL)
		default:
			s.failed = nil
			if s.account == "" {
				s.account = keyAccount(cr.AccessKeyID)
			}
			changed := s.gen == 0 || cr != s.cur
			if changed {
				s.cur = cr
				s.gen++
				if s.issued != nil {
					s.issued(cr)
				}
			}
			// Keys the cloud refused stay refused unless this fetch was
			// asked to replace them (force) or brought others.
			if force || changed {
				s.stale = false
			}
		}
		joined := f.joined
		f.joined = nil
		s.mu.Unlock()
		close(f.done)
		for _, stop := range joined {
			stop()
		}
	}()
	return f
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
	return credSource{name: name, static: true, fetch: func(context.Context, bool) (Credentials, error) { return cr, nil }}
}

// libraryFetchBound bounds one fetch of a vendor library, which takes no
// context: a metadata service that never answers must not hold a refresh
// for ever (Tencent's CVM role provider uses a client without a timeout).
const libraryFetchBound = time.Minute

// librarySource wraps a vendor library's provider: the library keeps its
// own session fresh, so it is asked on every call; a forced refresh builds
// a new provider, which starts without a cached session. The library takes
// no context, so it runs in a goroutine of its own, one call at a time: a
// fetch while a call is in flight waits for that call's result (or for its
// own ctx, Ctrl-C) instead of queueing a goroutine of its own behind it,
// so a library call that hangs (a metadata service that never answers)
// holds one goroutine however many fetches come meanwhile.
func librarySource[P any](name string, build func() (P, error), get func(P) (Credentials, error), hint string) credSource {
	type call struct {
		done  chan struct{}
		force bool
		cr    Credentials
		err   error
	}
	var (
		mu      sync.Mutex
		running *call // the library call in flight, if any
		// p and built belong to the running call's goroutine.
		p     P
		built bool
	)
	libFetch := func(force bool) (Credentials, error) {
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
	}
	return credSource{name: name, bound: libraryFetchBound, fetch: func(ctx context.Context, force bool) (Credentials, error) {
		for {
			mu.Lock()
			c := running
			if c == nil {
				c = &call{done: make(chan struct{}), force: force}
				running = c
				go func() {
					cr, err := libFetch(c.force)
					mu.Lock()
					c.cr, c.err = cr, err
					running = nil
					mu.Unlock()
					close(c.done)
				}()
			}
			mu.Unlock()
			select {
			case <-c.done:
				if force && !c.force {
					// A renewal the cloud asked for (the keys were
					// refused as expired) needs a new provider, not
					// the answer of a call that was already running.
					continue
				}
				return c.cr, c.err
			case <-ctx.Done():
				return Credentials{}, &CredentialError{Source: name, Err: fmt.Errorf("no credentials within %s: %w", libraryFetchBound, ctx.Err()), Hint: hint}
			}
		}
	}}
}

// expiryOf is when a session obtained at start for duration d must be
// replaced: the end the cloud named, or start+d if that is sooner (the
// cloud's clock may run ahead of ours), less the refresh margin.
func expiryOf(start time.Time, d time.Duration, cloudEnd time.Time) time.Time {
	end := endOf(start, d, cloudEnd)
	return end.Add(-refreshMargin(end.Sub(start)))
}

// endOf is when a session obtained at start for duration d stops working:
// the end the cloud named, or start+d if that is sooner.
func endOf(start time.Time, d time.Duration, cloudEnd time.Time) time.Time {
	end := start.Add(d)
	if !cloudEnd.IsZero() && cloudEnd.Before(end) {
		end = cloudEnd
	}
	return end
}
