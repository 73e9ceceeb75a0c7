package conns_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// pagedList is a list of total items served size a page, numbered from 0;
// it records which pages were asked for and the most asked at once.
type pagedList struct {
	mu       sync.Mutex
	total    int
	size     int
	asked    []int
	inFlight atomic.Int32
	most     atomic.Int32
	// grow, when set, is what total becomes once page 2 was served.
	grow int
	// failPage, when set, fails.
	failPage int
}

func (l *pagedList) fetch(_ context.Context, page int) (conns.Page[int], error) {
	n := l.inFlight.Add(1)
	defer l.inFlight.Add(-1)
	for {
		m := l.most.Load()
		if n <= m || l.most.CompareAndSwap(m, n) {
			break
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.asked = append(l.asked, page)
	if page == l.failPage {
		return conns.Page[int]{}, fmt.Errorf("page %d failed", page)
	}
	var items []int
	for i := (page - 1) * l.size; i < page*l.size && i < l.total; i++ {
		items = append(items, i)
	}
	p := conns.Page[int]{Items: items, Pages: conns.PageCount(l.total, l.size)}
	if page == 2 && l.grow > 0 {
		l.total = l.grow
	}
	return p, nil
}

func wantSequence(t *testing.T, got []int, n int) {
	t.Helper()
	if len(got) != n {
		t.Fatalf("got %d items, want %d", len(got), n)
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("item %d is %d: pages out of order", i, v)
		}
	}
}

func TestFetchPages_manyPagesInOrder(t *testing.T) {
	l := &pagedList{total: 1234, size: 10} // 124 pages, more than MaxInFlight
	got, err := conns.FetchPages(t.Context(), l.fetch)
	if err != nil {
		t.Fatal(err)
	}
	wantSequence(t, got, 1234)
	slices.Sort(l.asked)
	for i, p := range l.asked {
		if p != i+1 {
			t.Fatalf("pages asked %v: want each of 1..124 once", l.asked)
		}
	}
	if l.asked[0] != 1 || len(l.asked) != 124 {
		t.Fatalf("pages asked %v", l.asked)
	}
	if m := l.most.Load(); m > conns.MaxInFlight {
		t.Fatalf("%d calls at once, more than MaxInFlight (%d)", m, conns.MaxInFlight)
	}
}

func TestFetchPages_firstPageAlone(t *testing.T) {
	l := &pagedList{total: 95, size: 10}
	if _, err := conns.FetchPages(t.Context(), l.fetch); err != nil {
		t.Fatal(err)
	}
	if l.asked[0] != 1 {
		t.Fatalf("page %d asked first, want page 1 (it tells the page count)", l.asked[0])
	}
}

func TestFetchPages_listGrowsWhilePaging(t *testing.T) {
	l := &pagedList{total: 45, size: 10, grow: 72} // 5 pages, then 8
	got, err := conns.FetchPages(t.Context(), l.fetch)
	if err != nil {
		t.Fatal(err)
	}
	wantSequence(t, got, 72)
}

func TestFetchPages_error(t *testing.T) {
	l := &pagedList{total: 500, size: 10, failPage: 7}
	if _, err := conns.FetchPages(t.Context(), l.fetch); err == nil || err.Error() != "page 7 failed" {
		t.Fatalf("got %v, want page 7's error", err)
	}
	l = &pagedList{total: 500, size: 10, failPage: 1}
	if _, err := conns.FetchPages(t.Context(), l.fetch); err == nil || len(l.asked) != 1 {
		t.Fatalf("got %v after %v: want page 1's error and no other page asked", err, l.asked)
	}
}

// A list whose answers do not tell the page count is read one page after
// another while More.
func TestFetchPages_unknownCount(t *testing.T) {
	var asked []int
	got, err := conns.FetchPages(t.Context(), func(_ context.Context, page int) (conns.Page[int], error) {
		asked = append(asked, page) // sequential: no lock needed, and -race checks it
		return conns.Page[int]{Items: []int{page - 1}, More: page < 5}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wantSequence(t, got, 5)
	if !slices.Equal(asked, []int{1, 2, 3, 4, 5}) {
		t.Fatalf("asked %v", asked)
	}
}

// ForEach runs MaxInFlight calls at once: each of the first MaxInFlight
// waits until all of them have started, which one at a time never
// happens.
func TestForEach_concurrent(t *testing.T) {
	var (
		started atomic.Int32
		all     = make(chan struct{})
		seen    = make([]atomic.Int32, 100)
	)
	err := conns.ForEach(t.Context(), 100, func(ctx context.Context, i int) error {
		seen[i].Add(1)
		if started.Add(1) == conns.MaxInFlight {
			close(all)
		}
		select {
		case <-all:
			return nil
		case <-time.After(time.Minute): // a safety net, not a measure
			return errors.New("calls did not run at once")
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := range seen {
		if n := seen[i].Load(); n != 1 {
			t.Fatalf("index %d called %d times", i, n)
		}
	}
}

func TestForEach_stopsAtError(t *testing.T) {
	var calls atomic.Int32
	boom := errors.New("boom")
	err := conns.ForEach(t.Context(), 10000, func(ctx context.Context, i int) error {
		calls.Add(1)
		if i == 3 {
			return boom
		}
		<-ctx.Done() // the others end when the error cancels them
		return ctx.Err()
	})
	if !errors.Is(err, boom) {
		t.Fatalf("got %v, want boom", err)
	}
	if n := calls.Load(); n > 2*conns.MaxInFlight {
		t.Fatalf("%d calls started after the error: want no new call", n)
	}
}
