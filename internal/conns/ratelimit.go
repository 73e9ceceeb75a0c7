package conns

import (
	"context"
	"math"
	"sync"

	"golang.org/x/time/rate"
)

// defaultRates are the documented per-API limits (calls per second). APIs
// without a documented limit still get a bound so that ten parallel
// Terraform operations cannot flood a vendor.
var defaultRates = map[string]float64{
	ProductCDN:        3,
	ProductDCDN:       3,
	ProductCloudAudit: 20,
}

// defaultAPIRates are documented limits of single APIs, which win over
// their product's.
var defaultAPIRates = map[string]float64{
	// "you can query the event details at most twice per second"
	// (ActionTrail LookupEvents 2020-07-06 reference,
	// https://www.alibabacloud.com/help/doc-detail/185722.html).
	ProductActionTrail + ".LookupEvents": 2,
}

// Unlisted APIs get a bound, not a pacing: a burst of unlistedBurst calls
// goes out at once, then unlistedRate per second.
const (
	unlistedRate  = 50
	unlistedBurst = 10
)

// limiters hands out one token bucket per product and action, shared by the
// whole provider process.
type limiters struct {
	mu        sync.Mutex
	overrides map[string]float64
	byAPI     map[string]*rate.Limiter
}

func newLimiters(overrides map[string]float64) *limiters {
	return &limiters{overrides: overrides, byAPI: map[string]*rate.Limiter{}}
}

// rateFor returns the calls per second allowed for product's APIs and the
// burst: 1 for documented limits, which vendors count per second window.
func (l *limiters) rateFor(product string) (float64, int) {
	if r, ok := l.overrides[product]; ok && r > 0 {
		return r, 1
	}
	if r, ok := defaultRates[product]; ok {
		return r, 1
	}
	return unlistedRate, unlistedBurst
}

func (l *limiters) wait(ctx context.Context, product, action string) error {
	key := product + "." + action
	l.mu.Lock()
	lim, ok := l.byAPI[key]
	if !ok {
		// A burst of 1 keeps calls evenly spaced: vendors count per second
		// window, so a burst at the start of a window is what they refuse.
		r, burst := l.rateFor(product)
		if api, ok := defaultAPIRates[key]; ok {
			r, burst = math.Min(r, api), 1
		}
		lim = rate.NewLimiter(rate.Limit(r), burst)
		l.byAPI[key] = lim
	}
	l.mu.Unlock()
	return lim.Wait(ctx)
}
