package conns

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"strings"
	"sync"
	"time"
)

// Pacing: how fast the provider sends calls.
//
// Vendors limit calls per account and per API (API-NOTES.md, "Rate limit"),
// so there is one pacer per (endpoint, account, product, API), kept in a
// registry that the whole provider process shares: two provider
// configurations (aliases) signing as the same account share one pacer, as
// they share the vendor's limit.
//
// Each pacer is a token bucket of capacity 1 (calls evenly spaced: vendors
// count per second window and refuse a burst at the start of one) whose
// rate adapts. The model is the AWS SDKs' "adaptive" retry mode (a
// client-side token bucket whose rate follows CUBIC), read, not copied:
//   - An API with a documented limit starts at that rate and never goes
//     above it. An API without one is not paced at all until the vendor
//     throttles it: no made-up bound.
//   - Every throttling answer lowers the rate: to paceBeta times the lowest
//     of the current rate, the rate calls were measured to go out at (so a
//     pacer that was not the bound still slows down) and the rate the
//     vendor was measured to take them at over the last second (so a
//     process that joins an account others already keep busy drops to
//     about its share at once, not after a string of refusals), and by
//     paceBeta again when the previous answer was a refusal too (no
//     success in between: far over the limit, as when many processes start
//     at once). The next call then waits up to a second: the vendors count
//     per second window, and this one's budget is spent. The refused call
//     itself is retried through the pacer, with no backoff of its own.
//   - Every other answer lets the rate climb back along a cubic curve: quickly
//     at first, flat around the rate that was refused, then faster and
//     faster above it (probeScaleFactor times faster than below it). Growth
//     is capped at twice the measured send rate, so an idle or
//     concurrency-bound pacer does not run up a rate it never tried.
//
// Separate processes (Terraform runs on CI runners sharing an account)
// cannot talk to each other; each one backing off on refusals and probing
// back is how they converge on shares of the account's limit. The growth
// is in calls per second, the same for every process whatever its rate, so
// a process with a small share catches up with one with a large share,
// and one that finishes leaves its share to the others within seconds.
//
// The constants were tuned against make bench's runners case (8 terraform
// apply at once, 20 CloudAudit tracks each, one account at 20 calls/s;
// README, "Pacing"), where the processes reach their first create over a
// second or two and the last ones must take up the shares of those that
// finished. With the earlier beta 0.5 and scale 0.08 (a slow climb
// everywhere) and an exponential backoff before retrying a refused call,
// the creates took 8.1-9.7 s from the first to the last against the
// 7 s the limit allows after its first second's burst, the last runners
// crawling at 2-3 calls/s each; with the AWS SDKs' beta 0.7 and scale
// 0.4, 8.1-9.3 s at 6-7% refused; with the faster probe above the refused
// rate, the cut to the measured accepted rate and no backoff of the
// refused call, 7.6-9.0 s at 7-10% refused (most refusals come in the
// first second, as each process joins at the documented rate). Cutting
// to the accepted rate on a pacer's first refusal only, or pausing five
// intervals instead of three, refused as many or more and was no faster.

// defaultRates are the documented per-account, per-API limits (calls per
// second), the starting and highest rate of each pacer of the product.
// Sources: API-NOTES.md ("Rate limit" under CDN/DCDN and CloudAudit).
// Products not listed document no limit and are not paced until throttled.
var defaultRates = map[string]float64{
	ProductCDN:        3,  // every deliver-task and sub-task API, per account
	ProductDCDN:       3,  // the same for DCDN
	ProductCloudAudit: 20, // every CloudAudit API (Tencent's default per API)
}

// defaultAPIRates are documented limits of single APIs, which win over
// their product's.
var defaultAPIRates = map[string]float64{
	// "you can query the event details at most twice per second"
	// (ActionTrail LookupEvents 2020-07-06 reference,
	// https://www.alibabacloud.com/help/doc-detail/185722.html).
	ProductActionTrail + ".LookupEvents": 2,
}

const (
	// paceBeta is the multiplicative decrease on a throttling answer.
	paceBeta = 0.7
	// defaultPaceScale is the cubic's scale in calls/s per s³
	// (Tuning.PaceScale) while the rate climbs back to the one refused:
	// after dropping from 5 to 3.5 calls/s a pacer is back at 5 after
	// 1.6 s; after dropping from 20 to 14, after 2.5 s.
	defaultPaceScale = 0.4
	// probeScaleFactor multiplies the scale above the rate refused: there
	// the pacer probes for a share others left (a process that finished),
	// from 3 calls/s to 10 in 1.5 s, to 20 in 2 s.
	probeScaleFactor = 5
	// refusalPauseIntervals and refusalPauseMax bound the pause after a
	// throttling answer (onThrottle).
	refusalPauseIntervals = 3
	refusalPauseMax       = time.Second
	// minPaceRate is the slowest a throttled pacer goes (calls per second).
	minPaceRate = 0.5
	// maxConcurrency bounds the calls Concurrency suggests to run at once
	// (Terraform's own default parallelism).
	maxConcurrency = 10
)

// Pacing is a registry of pacers. The provider process has one (nil
// Tuning.Pacing); a test standing for several processes makes one per
// simulated process with NewPacing.
type Pacing struct {
	mu   sync.Mutex
	byID map[paceKey]*pacer
}

// NewPacing returns an empty registry.
func NewPacing() *Pacing { return &Pacing{byID: map[paceKey]*pacer{}} }

// processPacing is the registry every Client of the process shares.
var processPacing = NewPacing()

// paceKey names what a vendor limits: an account's calls of one API. The
// endpoint host is part of it: a different host (a mock per test, another
// site) is a different limiter on the vendor's side too.
type paceKey struct {
	host, account, product, action string
}

// pacerFor returns the pacer of key, created with the client's starting
// rate, scale and pause cap. A pacer is shared by every client of the
// registry: what the first one set stays (a client's tuning never changes
// the pacer another client already paces by).
func (p *Pacing) pacerFor(key paceKey, start, scale float64, pauseMax time.Duration) *pacer {
	p.mu.Lock()
	defer p.mu.Unlock()
	pc, ok := p.byID[key]
	if !ok {
		pc = newPacer(start, scale, time.Now())
		pc.pauseMax = pauseMax
		p.byID[key] = pc
	}
	return pc
}

// lookup returns the pacer of key, if it has been used.
func (p *Pacing) lookup(key paceKey) *pacer {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.byID[key]
}

// startRate is the documented limit of product's APIs (or the tuning's
// override), 0 for none.
func (c *Client) startRate(product, action string) float64 {
	if r, ok := c.tuning.RateLimits[product]; ok && r > 0 {
		return r
	}
	if r, ok := defaultAPIRates[product+"."+action]; ok {
		return r
	}
	return defaultRates[product]
}

func (c *Client) pacing() *Pacing {
	if c.tuning.Pacing != nil {
		return c.tuning.Pacing
	}
	return processPacing
}

// paceKeyFor is the key of the calls of product.action signed by sess.
func (c *Client) paceKeyFor(sess *session, product, action string) paceKey {
	k := paceKey{account: "anonymous", product: product, action: action}
	vendor := vendorAlicloud
	if sess != nil {
		vendor = sess.vendor
		if a := sess.accountID(); a != "" {
			k.account = a
		}
	}
	if vendor == vendorTencent {
		k.host = c.tencentHost(product)
	} else {
		k.host = c.alicloudDomain(product)
	}
	return k
}

// pacerOf returns the pacer the next call of product.action goes through.
// sess must have fetched its credentials (the account comes from them).
func (c *Client) pacerOf(sess *session, product, action string) *pacer {
	scale := c.tuning.PaceScale
	if scale <= 0 {
		scale = defaultPaceScale
	}
	return c.pacing().pacerFor(c.paceKeyFor(sess, product, action), c.startRate(product, action), scale, c.tuning.ThrottlePauseMax)
}

// PaceStatus describes the pacer of one API for the calling account.
type PaceStatus struct {
	// Paced is false while calls go out unpaced (no documented limit and
	// never throttled).
	Paced bool
	// Rate is the current rate in calls per second (when Paced).
	Rate float64
	// Throttled counts the throttling answers the pacer has seen.
	Throttled int
}

// Pace reports the pacer of product.action for the account the client
// signs with (as it would be before the first call, when there has been
// none).
func (c *Client) Pace(product, action string) PaceStatus {
	sess := c.sessionFor(product)
	if pc := c.pacing().lookup(c.paceKeyFor(sess, product, action)); pc != nil {
		return pc.status()
	}
	r := c.startRate(product, action)
	return PaceStatus{Paced: r > 0, Rate: r}
}

// Concurrency is how many calls of product.action are worth running at
// once, for a caller that fans out (pages of a list): enough to use the
// current rate when each call takes about a second, at least 1 and at most
// maxConcurrency. The pacer remains the bound on the rate: a caller may run
// this many goroutines that all go through Invoke.
func (c *Client) Concurrency(product, action string) int {
	st := c.Pace(product, action)
	if !st.Paced {
		return maxConcurrency
	}
	n := int(math.Ceil(st.Rate))
	return max(1, min(n, maxConcurrency))
}

// accountID names the account a session's calls count against, without
// anything secret: the account id of the role it assumes when there is
// one (role ARNs name it), else a short hash of the access key id it first
// signed with (stable while temporary keys rotate; two keys of one account
// pace apart, which only makes the pacing less shared, never wrong).
func (s *session) accountID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.account
}

// keyAccount is the hashed form of an access key id for accountID.
func keyAccount(accessKeyID string) string {
	sum := sha256.Sum256([]byte(accessKeyID))
	return "key-" + hex.EncodeToString(sum[:8])
}

// roleAccount reads the account id out of a role ARN:
// acs:ram::<account>:role/<name> (Alibaba Cloud) or
// qcs::cam::uin/<account>:roleName/<name> (Tencent Cloud); "" if it is
// neither.
func roleAccount(arn string) string {
	parts := strings.Split(arn, ":")
	switch {
	case len(parts) == 5 && parts[0] == "acs" && parts[1] == "ram" && parts[3] != "":
		return "account-" + parts[3]
	case len(parts) == 6 && parts[0] == "qcs" && parts[2] == "cam" && strings.HasPrefix(parts[4], "uin/"):
		return "account-" + strings.TrimPrefix(parts[4], "uin/")
	}
	return ""
}

// pacer is the adaptive token bucket of one (account, API).
type pacer struct {
	mu      sync.Mutex
	ceiling float64 // the documented limit; 0: none
	paced   bool    // false: calls go out at once
	rate    float64 // calls per second, when paced
	tokens  float64 // at most 1
	filled  time.Time
	wake    chan struct{} // closed when the rate rises

	// After a throttling answer the rate follows
	// lastMax + scale*(t-climb)^3, t the time since: the decreased rate at
	// once, lastMax (the rate refused) again after climb, then above.
	scale        float64
	lastMax      float64
	climb        float64 // seconds
	lastThrottle time.Time
	throttled    int  // throttling answers seen
	refusedLast  bool // the last answer was a throttling one

	sends   sendMeter
	accepts sendMeter
	// pauseMax overrides refusalPauseMax (Tuning.ThrottlePauseMax of the
	// client that made the pacer); set once, when made.
	pauseMax time.Duration
}

func newPacer(start, scale float64, now time.Time) *pacer {
	return &pacer{
		ceiling: start,
		paced:   start > 0,
		rate:    start,
		tokens:  1,
		filled:  now,
		wake:    make(chan struct{}),
		scale:   scale,
		sends:   sendMeter{born: now},
		accepts: sendMeter{born: now},
	}
}

// errPaceDeadline says the wait for the pacer would outlast the context's
// deadline or limit.
var errPaceDeadline = errors.New("the wait for the rate limiter would outlast the deadline")

// wait blocks until the call may go out. A wait that would end after
// ctx's deadline or after limit (when not zero: the call's throttle
// budget) is refused at once with errPaceDeadline.
func (p *pacer) wait(ctx context.Context, limit time.Time) error {
	for {
		p.mu.Lock()
		now := time.Now()
		if !p.paced {
			p.sends.add(now)
			p.mu.Unlock()
			return nil
		}
		p.refill(now)
		if p.tokens >= 1 {
			p.tokens--
			p.sends.add(now)
			p.mu.Unlock()
			return nil
		}
		need := time.Duration((1 - p.tokens) / p.rate * float64(time.Second))
		wake := p.wake
		p.mu.Unlock()

		if d, ok := ctx.Deadline(); ok && now.Add(need).After(d) {
			return errPaceDeadline
		}
		if !limit.IsZero() && now.Add(need).After(limit) {
			return errPaceDeadline
		}
		t := time.NewTimer(need)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-wake:
			t.Stop()
		case <-t.C:
		}
		// Another waiter may have taken the token: look again.
	}
}

func (p *pacer) refill(now time.Time) {
	if el := now.Sub(p.filled).Seconds(); el > 0 {
		p.tokens = math.Min(1, p.tokens+el*p.rate)
	}
	p.filled = now
}

// onThrottle lowers the rate after a throttling answer.
func (p *pacer) onThrottle() {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	p.refill(now)
	base := p.sends.rate(now)
	if p.paced && (base <= 0 || p.rate < base) {
		base = p.rate
	}
	if acc := p.accepts.rate(now); acc > 0 && acc < base {
		base = acc
	}
	base = math.Max(base, minPaceRate)
	next := base * paceBeta
	if p.refusedLast {
		next *= paceBeta
	}
	next = math.Max(next, minPaceRate)
	p.throttled++
	p.refusedLast = true
	p.lastMax = base
	p.climb = math.Cbrt((base - next) / p.scale)
	p.lastThrottle = now
	p.paced = true
	p.rate = next
	// The vendor has no budget left in its window (they count per second):
	// the next call waits three intervals at the new rate, at most a
	// second, and at least one interval. This pause took the refusals
	// of BenchmarkPacing_processesSharingAnAccount from 12% to 9-11%.
	pause := math.Max(1/next, math.Min(refusalPauseIntervals/next, refusalPauseMax.Seconds()))
	if p.pauseMax > 0 {
		pause = math.Min(pause, p.pauseMax.Seconds()) // tests' fast clock
	}
	p.tokens = 1 - pause*next
}

// onAnswer lets the rate climb back after a throttling answer: any answer
// but a refusal (an error too) says the vendor took the call at this rate.
func (p *pacer) onAnswer() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.refusedLast = false
	p.accepts.add(time.Now())
	if !p.paced || p.lastThrottle.IsZero() {
		return
	}
	now := time.Now()
	t := now.Sub(p.lastThrottle).Seconds() - p.climb
	scale := p.scale
	if t > 0 {
		scale *= probeScaleFactor
	}
	target := p.lastMax + scale*t*t*t
	if m := 2 * p.sends.rate(now); target > m {
		target = m
	}
	if p.ceiling > 0 && target > p.ceiling {
		target = p.ceiling
	}
	if target <= p.rate {
		return
	}
	p.refill(now)
	p.rate = target
	close(p.wake)
	p.wake = make(chan struct{})
}

func (p *pacer) status() PaceStatus {
	p.mu.Lock()
	defer p.mu.Unlock()
	return PaceStatus{Paced: p.paced, Rate: p.rate, Throttled: p.throttled}
}

// sendMeter measures the rate calls go out at over the last second, in
// tenths of a second.
type sendMeter struct {
	born   time.Time
	slots  [10]int
	slotAt [10]int64 // which tenth of a second each slot counts
}

func tenth(t time.Time) int64 { return t.UnixNano() / int64(100*time.Millisecond) }

func (m *sendMeter) add(now time.Time) {
	n := tenth(now)
	i := n % int64(len(m.slots))
	if m.slotAt[i] != n {
		m.slotAt[i], m.slots[i] = n, 0
	}
	m.slots[i]++
}

// rate is the calls per second of the last second (or of the meter's life,
// at least a fifth of a second, when it is younger).
func (m *sendMeter) rate(now time.Time) float64 {
	n := tenth(now)
	count := 0
	for i, at := range m.slotAt {
		if n-at < int64(len(m.slots)) {
			count += m.slots[i]
		}
	}
	span := math.Min(1, math.Max(0.2, now.Sub(m.born).Seconds()))
	return float64(count) / span
}
