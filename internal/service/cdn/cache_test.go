package cdn_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

// reads is what the product's DescribeDeliverList calls asked for so far.
func (p testProduct) reads(t *testing.T, e *acctest.Env) mockcloud.DeliverListReads {
	t.Helper()
	r, err := e.Mock().DeliverListReads(p.key)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// wantReads fails unless the list calls so far were full whole lists
// and, by DeliverId, exactly byID.
func (p testProduct) wantReads(t *testing.T, e *acctest.Env, step string, full int, byID map[int64]int) {
	t.Helper()
	r := p.reads(t, e)
	if err := readsAre(r, full, byID); err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

func readsAre(r mockcloud.DeliverListReads, full int, byID map[int64]int) error {
	ok := r.Full == full && len(r.ByID) == len(byID)
	for id, n := range byID {
		ok = ok && r.ByID[id] == n
	}
	if !ok {
		return fmt.Errorf("DescribeDeliverList calls: %d whole lists and by DeliverId %v; want %d and %v", r.Full, r.ByID, full, byID)
	}
	return nil
}

// The shared list result, call by call: concurrent finds make one list
// call, later finds are answered from it, a task it does not hold is
// read alone (DeliverId), a task written through the provider is read
// alone and joins the list, each product has its own list.
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
	find := func(id int64) (string, error) {
		got, err := cdn.FindDeliverTaskByID(ctx, c, p.key, id)
		if err != nil {
			return "", err
		}
		return cdn.TasksForTest(cdn.Tasks(got))[0].Crontab, nil
	}

	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := find(id); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	p.wantReads(t, e, "10 concurrent finds", 1, nil)
	if _, err := find(ids[3]); err != nil {
		t.Fatal(err)
	}
	p.wantReads(t, e, "a later find", 1, nil)

	// Created elsewhere after the list: found by reading it alone.
	late := p.seedTask(t, e, acctest.RandomName("late"), "0 0 8 * * ?", true)
	if _, err := find(late); err != nil {
		t.Fatal(err)
	}
	p.wantReads(t, e, "a task newer than the list", 1, map[int64]int{late: 1})
	// An id in no list: NotFound after reading it alone.
	if _, err := find(424242); !conns.IsNotFound(err) {
		t.Fatalf("an unknown id: %v", err)
	}
	p.wantReads(t, e, "an unknown id", 1, map[int64]int{late: 1, 424242: 1})

	// Written through the provider: the updated task is read alone once,
	// then answered from the list, which holds the new version; the
	// deleted one is gone from the list, and a question about it is
	// answered by reading it alone (absence is only taken from an answer
	// newer than the question).
	if err := cdn.UpdateDeliverTask(ctx, c, p.key, ids[1], map[string]string{"Schedule": `{"crontab":"0 0 9 * * ?","frequency":"d","status":"enable"}`}); err != nil {
		t.Fatal(err)
	}
	if err := cdn.DeleteDeliverTask(ctx, c, p.key, ids[2]); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if cron, err := find(ids[1]); err != nil || cron != "0 0 9 * * ?" {
			t.Fatalf("the updated task: %q, %v", cron, err)
		}
		if _, err := find(ids[2]); !conns.IsNotFound(err) {
			t.Fatalf("the deleted task: %v", err)
		}
	}
	p.wantReads(t, e, "after an update and a delete", 1, map[int64]int{late: 1, 424242: 1, ids[1]: 1, ids[2]: 2})
	all, err := cdn.ListDeliverTasks(ctx, c, p.key)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 10 || all[ids[1]].Crontab != "0 0 9 * * ?" || all[late].DeliverID != late {
		t.Fatalf("the whole list after the writes: %+v", all)
	}
	if _, ok := all[ids[2]]; ok {
		t.Fatalf("the whole list holds the deleted task %d", ids[2])
	}
	p.wantReads(t, e, "the whole list after the writes", 1, map[int64]int{late: 1, 424242: 1, ids[1]: 1, ids[2]: 2})

	// A write whose task is unknown (here a create the API refuses, in
	// general a create whose answer is lost) makes the next whole list a
	// new one; single tasks still come from the list.
	// (The refusal is injected: a create the provider would send is
	// refused, without an out-of-contract request.)
	e.Mock().AddFault(mockcloud.Fault{Product: p.code, Action: p.action("Create", "DeliverTask"), Mode: mockcloud.FaultError, Code: "NameAlreadyExists", HTTPStatus: 400, Count: 1})
	if _, err := cdn.CreateDeliverTask(ctx, c, p.key, map[string]string{"Name": "x"}); err == nil {
		t.Fatal("a refused create succeeded")
	}
	if _, err := find(ids[4]); err != nil {
		t.Fatal(err)
	}
	if _, err := cdn.ListDeliverTasks(ctx, c, p.key); err != nil {
		t.Fatal(err)
	}
	p.wantReads(t, e, "a whole list after an unknown write", 2, map[int64]int{late: 1, 424242: 1, ids[1]: 1, ids[2]: 2})

	// The other product has its own list.
	if _, err := find(0); !conns.IsNotFound(err) {
		t.Fatalf("id 0: %v", err)
	}
	if _, err := cdn.FindDeliverTaskByID(ctx, c, pDCDN.key, ids[0]); !conns.IsNotFound(err) || pDCDN.reads(t, e).Full != 1 {
		t.Fatalf("a CDN id in DCDN: err %v, DCDN reads %+v", err, pDCDN.reads(t, e))
	}
}

// The whole list and single-task reads in flight together: whatever lands
// last, a task written here is answered as written, never from a list
// that started before the write ended.
func TestDeliverListCacheRace(t *testing.T) {
	t.Parallel()
	e := acctest.New(t)
	e.NeedsMock(t, "seeds tasks in the mock")
	p := pDCDN
	var ids []int64
	for i := range 20 {
		ids = append(ids, p.seedTask(t, e, acctest.RandomName(fmt.Sprint("t", i)), "0 0 8 * * ?", true))
	}
	c := e.Client()
	ctx := context.Background()
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(2)
		go func() {
			defer wg.Done()
			cron := fmt.Sprintf("0 %d 9 * * ?", i)
			if err := cdn.UpdateDeliverTask(ctx, c, p.key, id, map[string]string{"Schedule": fmt.Sprintf(`{"crontab":%q,"frequency":"d","status":"enable"}`, cron)}); err != nil {
				t.Error(err)
				return
			}
			got, err := cdn.FindDeliverTaskByID(ctx, c, p.key, id)
			if err != nil {
				t.Error(err)
				return
			}
			if w := cdn.TasksForTest(cdn.Tasks(got))[0]; w.Crontab != cron {
				t.Errorf("task %d read back with crontab %q after writing %q", id, w.Crontab, cron)
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := cdn.ListDeliverTasks(ctx, c, p.key); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	all, err := cdn.ListDeliverTasks(ctx, c, p.key)
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range ids {
		if want := fmt.Sprintf("0 %d 9 * * ?", i); all[id].Crontab != want {
			t.Errorf("the whole list after the writes: task %d has %q, want %q", id, all[id].Crontab, want)
		}
	}
}
