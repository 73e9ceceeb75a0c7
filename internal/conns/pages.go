package conns

import (
	"context"
	"sync"
)

// MaxInFlight bounds the calls one read (a data source's pages, its detail
// calls) has in flight at once. It is a ceiling, not the pace: every call
// still waits for its API's rate limiter (Invoke), so how many run at once
// is what the rate allows for the calls' latency (50/s at 100 ms: 5). The
// ceiling only keeps a read from holding hundreds of goroutines and
// connections against an API the limiter lets through unpaced.
const MaxInFlight = 16

// ForEach calls fn for every i in [0, n), up to MaxInFlight at once, and
// returns the first error (the context passed to the calls still running
// is then cancelled, and no new call starts).
func ForEach(ctx context.Context, n int, fn func(ctx context.Context, i int) error) error {
	if n <= 0 {
		return nil
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg       sync.WaitGroup
		once     sync.Once
		firstErr error
	)
	next := make(chan int)
	for range min(n, MaxInFlight) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := fn(ctx, i); err != nil {
					once.Do(func() {
						firstErr = err
						cancel()
					})
				}
			}
		}()
	}
feed:
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if firstErr == nil && ctx.Err() != nil {
		// The caller's context ended before every call started.
		firstErr = context.Cause(ctx)
	}
	return firstErr
}

// Page is what one page of a list call yields: the items kept from it (a
// data source filters and converts while paging, so what it drops is never
// held), and how many pages the list has as this answer tells
// (TotalCount over the page size), or 0 when the answer does not tell,
// when More says whether another page follows.
type Page[T any] struct {
	Items []T
	Pages int
	More  bool
}

// FetchPages reads a paged list: page 1 first, since its answer tells how
// many pages there are, then the other pages concurrently (ForEach, so
// the API's rate limiter sets the pace), and returns the kept items of
// every page in page order. A page that reports more pages than were
// fetched (items were created while paging) has the missing ones fetched
// after. When page 1 cannot tell (Pages 0), pages are read one after
// another while More. fetch must be safe to call concurrently.
func FetchPages[T any](ctx context.Context, fetch func(ctx context.Context, page int) (Page[T], error)) ([]T, error) {
	first, err := fetch(ctx, 1)
	if err != nil {
		return nil, err
	}
	if first.Pages <= 0 {
		out := first.Items
		for page, p := 2, first; p.More; page++ {
			if p, err = fetch(ctx, page); err != nil {
				return nil, err
			}
			out = append(out, p.Items...)
		}
		return out, nil
	}
	pages := [][]T{first.Items}
	want := first.Pages
	for len(pages) < want {
		from := len(pages)
		pages = append(pages, make([][]T, want-from)...)
		var (
			mu     sync.Mutex
			latest = want
		)
		err := ForEach(ctx, want-from, func(ctx context.Context, i int) error {
			p, err := fetch(ctx, from+i+1)
			if err != nil {
				return err
			}
			pages[from+i] = p.Items
			mu.Lock()
			latest = max(latest, p.Pages)
			mu.Unlock()
			return nil
		})
		if err != nil {
			return nil, err
		}
		want = latest
	}
	n := 0
	for _, p := range pages {
		n += len(p)
	}
	out := make([]T, 0, n)
	for _, p := range pages {
		out = append(out, p...)
	}
	return out, nil
}

// PageCount is how many pages of size hold total items.
func PageCount(total, size int) int {
	if total <= 0 || size <= 0 {
		return 0
	}
	return (total + size - 1) / size
}
