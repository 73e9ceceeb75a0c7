package cdn_test

import (
	"context"
	"sync"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

// The shared list result, call by call: concurrent finds make one list
// call, later finds are answered from it, a task it does not hold is
// looked for in one new list, and each product has its own.
func TestDeliverListCache(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.NeedsMock(t, "seeds tasks in the mock and counts list calls")
	p := pCDN
	var ids []int64
	for _, name := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		ids = append(ids, p.seedTask(t, e, acctest.RandomName(name), "0 0 8 * * ?", true))
	}
	c := e.Client()
	ctx := context.Background()
	find := func(id int64) error {
		_, err := cdn.FindDeliverTaskByID(ctx, c, p.key, id)
		return err
	}

	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := find(id); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if n := p.listCalls(e); n != 1 {
		t.Fatalf("10 concurrent finds: want 1 list call, got %d", n)
	}
	if err := find(ids[3]); err != nil || p.listCalls(e) != 1 {
		t.Fatalf("a later find: err %v, %d list calls; want the shared result", err, p.listCalls(e))
	}

	// Created elsewhere after the list: found by one more list.
	late := p.seedTask(t, e, acctest.RandomName("late"), "0 0 8 * * ?", true)
	if err := find(late); err != nil || p.listCalls(e) != 2 {
		t.Fatalf("a task newer than the list: err %v, %d list calls; want it found with 2", err, p.listCalls(e))
	}
	// An id that is in no list costs one more list before NotFound; the
	// next find is answered from that list.
	if err := find(424242); !conns.IsNotFound(err) || p.listCalls(e) != 3 {
		t.Fatalf("an unknown id: err %v, %d list calls; want NotFound after 3", err, p.listCalls(e))
	}
	if err := find(ids[0]); err != nil || p.listCalls(e) != 3 {
		t.Fatalf("err %v, %d list calls", err, p.listCalls(e))
	}

	// The other product has its own list.
	if err := find(0); !conns.IsNotFound(err) {
		t.Fatalf("id 0: %v", err)
	}
	if _, err := cdn.FindDeliverTaskByID(ctx, c, pDCDN.key, ids[0]); !conns.IsNotFound(err) || pDCDN.listCalls(e) != 1 {
		t.Fatalf("a CDN id in DCDN: err %v, %d DCDN list calls", err, pDCDN.listCalls(e))
	}
}
