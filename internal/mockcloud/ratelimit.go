package mockcloud

import (
	"math"
	"sort"
	"strings"
	"sync"

	"golang.org/x/time/rate"
)

// defaultRateLimits are the documented per-account limits in calls per
// second, applied to each action of the product separately. Products not
// listed (Actiontrail, Sas, ...) document no limit and are unlimited, but
// for the single APIs in defaultActionRateLimits (audit_events.go).
var defaultRateLimits = map[string]float64{
	"cdn":  3, // every deliver-task and sub-task API, per account
	"dcdn": 3,

	"cloudaudit": 20, // every CloudAudit API, per account
}

const (
	codeThrottling = "Throttling.User"
	msgThrottling  = "Request was denied due to user flow control."
)

// RateLimit is one rate limit setting. Action "" applies to every action
// of the product; Product "" to every product. PerSecond 0 is unlimited.
type RateLimit struct {
	Product   string  `json:"product"`
	Action    string  `json:"action"`
	PerSecond float64 `json:"per_second"`
}

// RateLimitStatus describes the rate limiter for the admin API.
type RateLimitStatus struct {
	Enabled   bool        `json:"enabled"`
	Defaults  []RateLimit `json:"defaults"`
	Overrides []RateLimit `json:"overrides"`
}

type limitKey struct{ product, action string } // lower-case

type bucketKey struct {
	account string
	limitKey
}

// rateLimiter keeps one token bucket per account, product and action.
// Buckets run on wall time, not the server clock: a test that freezes the
// server clock must not throttle its client forever.
type rateLimiter struct {
	mu        sync.Mutex
	enabled   bool
	overrides map[limitKey]float64
	buckets   map[bucketKey]*rate.Limiter
}

func newRateLimiter(enabled bool, settings []RateLimit) *rateLimiter {
	rl := &rateLimiter{}
	rl.reset(enabled, settings)
	return rl
}

// reset restores the start-up configuration; settings, like SetRateLimit,
// switch limiting on.
func (rl *rateLimiter) reset(enabled bool, settings []RateLimit) {
	rl.mu.Lock()
	rl.enabled = enabled
	rl.overrides = map[limitKey]float64{}
	rl.buckets = map[bucketKey]*rate.Limiter{}
	rl.mu.Unlock()
	for _, l := range settings {
		rl.set(l.Product, l.Action, l.PerSecond)
	}
}

func (rl *rateLimiter) setEnabled(on bool) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.enabled = on
	rl.buckets = map[bucketKey]*rate.Limiter{} // start full after a switch
}

func (rl *rateLimiter) set(product, action string, perSecond float64) {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	rl.enabled = true
	rl.overrides[limitKey{strings.ToLower(product), strings.ToLower(action)}] = math.Max(perSecond, 0)
	rl.buckets = map[bucketKey]*rate.Limiter{}
}

// limitLocked resolves the most specific setting: product+action, then
// product, then the catch-all, then the documented default.
func (rl *rateLimiter) limitLocked(k limitKey) float64 {
	for _, c := range []limitKey{k, {k.product, ""}, {"", k.action}, {"", ""}} {
		if v, ok := rl.overrides[c]; ok {
			return v
		}
	}
	if v, ok := defaultActionRateLimits[k]; ok {
		return v
	}
	return defaultRateLimits[k.product]
}

// allow takes a token for the call and reports whether it may proceed.
func (rl *rateLimiter) allow(account, product, action string) bool {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	if !rl.enabled {
		return true
	}
	k := limitKey{strings.ToLower(product), strings.ToLower(action)}
	perSecond := rl.limitLocked(k)
	if perSecond <= 0 {
		return true
	}
	bk := bucketKey{account, k}
	b, ok := rl.buckets[bk]
	if !ok {
		// A burst of one second's worth lets a client make its first
		// perSecond calls at once, as the vendors' limiters do.
		b = rate.NewLimiter(rate.Limit(perSecond), int(math.Max(1, math.Ceil(perSecond))))
		rl.buckets[bk] = b
	}
	return b.Allow()
}

func (rl *rateLimiter) status() RateLimitStatus {
	rl.mu.Lock()
	defer rl.mu.Unlock()
	st := RateLimitStatus{Enabled: rl.enabled, Defaults: []RateLimit{}, Overrides: []RateLimit{}}
	for p, v := range defaultRateLimits {
		st.Defaults = append(st.Defaults, RateLimit{Product: p, PerSecond: v})
	}
	for k, v := range defaultActionRateLimits {
		st.Defaults = append(st.Defaults, RateLimit{Product: k.product, Action: k.action, PerSecond: v})
	}
	for k, v := range rl.overrides {
		st.Overrides = append(st.Overrides, RateLimit{Product: k.product, Action: k.action, PerSecond: v})
	}
	for _, l := range [][]RateLimit{st.Defaults, st.Overrides} {
		sort.Slice(l, func(i, j int) bool {
			if l[i].Product != l[j].Product {
				return l[i].Product < l[j].Product
			}
			return l[i].Action < l[j].Action
		})
	}
	return st
}

// SetRateLimit sets the limit for a product and action ("" = all) in calls
// per second per account; 0 means unlimited. Setting a limit switches rate
// limiting on.
func (s *Server) SetRateLimit(product, action string, perSecond float64) {
	s.limits.set(product, action, perSecond)
}

// SetRateLimitsEnabled switches all rate limiting (defaults and settings
// made with SetRateLimit) on or off.
func (s *Server) SetRateLimitsEnabled(on bool) { s.limits.setEnabled(on) }

// RateLimits reports the rate limiter's settings.
func (s *Server) RateLimits() RateLimitStatus { return s.limits.status() }

// callCounter counts calls per product and action: every request that
// passed authentication (faulted and throttled ones included), and
// separately those answered with success. The figures make bench prints
// beside them (refused as throttled, bytes answered, reads of one object
// through a list API) are in callcount_bench.go.
type callCounter struct {
	mu        sync.Mutex
	calls     map[[2]string]int
	succeeded map[[2]string]int
	benchCounts
}

func newCallCounter() *callCounter {
	c := &callCounter{}
	c.reset()
	return c
}

func (c *callCounter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = map[[2]string]int{}
	c.succeeded = map[[2]string]int{}
	c.benchCounts = newBenchCounts()
}

func (c *callCounter) call(product, action string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[[2]string{product, action}]++
}

func (c *callCounter) success(product, action string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.succeeded[[2]string{product, action}]++
}

func sumMatching(m map[[2]string]int, product, action string) int {
	n := 0
	for k, v := range m {
		if (product == "" || strings.EqualFold(k[0], product)) && (action == "" || strings.EqualFold(k[1], action)) {
			n += v
		}
	}
	return n
}

func flatten(m map[[2]string]int) map[string]int {
	out := make(map[string]int, len(m))
	for k, v := range m {
		out[k[0]+"."+k[1]] = v
	}
	return out
}

// Calls is how many requests for product.action reached dispatch
// (including faulted and throttled ones); "" matches any.
func (s *Server) Calls(product, action string) int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return sumMatching(s.calls.calls, product, action)
}

// Succeeded is how many requests for product.action were answered with
// success; "" matches any.
func (s *Server) Succeeded(product, action string) int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return sumMatching(s.calls.succeeded, product, action)
}

// CallCounts maps "Product.Action" to its number of calls.
func (s *Server) CallCounts() map[string]int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return flatten(s.calls.calls)
}

// SuccessCounts maps "Product.Action" to its number of successful calls.
func (s *Server) SuccessCounts() map[string]int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return flatten(s.calls.succeeded)
}

// ResetCalls zeroes the call counters.
func (s *Server) ResetCalls() { s.calls.reset() }
