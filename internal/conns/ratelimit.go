package conns

import (
	"context"
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

const unlistedRate = 50

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

// RateFor returns the calls per second allowed for product's APIs.
func (l *limiters) rateFor(product string) float64 {
	if r, ok := l.overrides[product]; ok && r > 0 {
		return r
	}
	if r, ok := defaultRates[product]; ok {
		return r
	}
	return unlistedRate
}

func (l *limiters) wait(ctx context.Context, product, action string) error {
	key := product + "." + action
	l.mu.Lock()
	lim, ok := l.byAPI[key]
	if !ok {
		r := l.rateFor(product)
		// A burst of 1 keeps calls evenly spaced: vendors count per second
		// window, so a burst at the start of a window is what they refuse.
		lim = rate.NewLimiter(rate.Limit(r), 1)
		l.byAPI[key] = lim
	}
	l.mu.Unlock()
	return lim.Wait(ctx)
}
