package auditevents_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/auditevents"
)

// pager serves ints 0..n-1 in pages of size, counting the calls.
type pager struct {
	n, size, calls int
}

func (p *pager) fetch(token string) ([]int, string, error) {
	p.calls++
	from := 0
	if token != "" {
		if _, err := fmt.Sscan(token, &from); err != nil {
			return nil, "", err
		}
	}
	var page []int
	for i := from; i < from+p.size && i < p.n; i++ {
		page = append(page, i)
	}
	next := ""
	if from+p.size < p.n {
		next = fmt.Sprint(from + p.size)
	}
	return page, next, nil
}

func TestCollect(t *testing.T) {
	all := func(int) bool { return true }
	even := func(i int) bool { return i%2 == 0 }
	for _, tc := range []struct {
		name            string
		n, max          int
		keep            func(int) bool
		want, wantPages int
		wantTruncated   bool
	}{
		{"empty", 0, 10, all, 0, 1, false},
		{"all in one page", 5, 10, all, 5, 1, false},
		{"exactly max, last page", 10, 10, all, 10, 2, false},
		{"max reached with pages left", 12, 5, all, 5, 1, true},
		{"max reached mid page", 12, 3, all, 3, 1, true},
		{"filtered across pages", 20, 100, even, 10, 4, false},
		{"filtered, cut short", 20, 4, even, 4, 2, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &pager{n: tc.n, size: 5}
			found, pages, truncated, err := auditevents.Collect(tc.max, p.fetch, tc.keep)
			if err != nil {
				t.Fatal(err)
			}
			if found == nil || len(found) != tc.want || pages != tc.wantPages || p.calls != pages || truncated != tc.wantTruncated {
				t.Fatalf("got %d events (nil %v), %d pages (%d calls), truncated %v; want %d, %d, %v",
					len(found), found == nil, pages, p.calls, truncated, tc.want, tc.wantPages, tc.wantTruncated)
			}
		})
	}
}

func TestCollectError(t *testing.T) {
	boom := errors.New("boom")
	calls := 0
	fetch := func(token string) ([]int, string, error) {
		calls++
		if token != "" {
			return nil, "", boom
		}
		return []int{1}, "more", nil
	}
	found, pages, _, err := auditevents.Collect(10, fetch, func(int) bool { return true })
	if !errors.Is(err, boom) || found != nil || pages != 1 || calls != 2 {
		t.Fatalf("got %v, %v, %d pages, %d calls", err, found, pages, calls)
	}
}

func TestConditionsMatch(t *testing.T) {
	var c auditevents.Conditions
	c.Add("A", types.StringValue("x"))
	c.Add("B", types.StringNull())
	c.Add("C", types.StringValue(""))
	c.AddReadWrite("RW", types.StringValue("All"))
	if len(c) != 1 {
		t.Fatalf("conditions %v: only A should be set", c)
	}
	c.AddReadWrite("RW", types.StringValue("Write"))
	ev := map[string][]string{"A": {"y", "X"}, "RW": {"write"}}
	got := func(k string) []string { return ev[k] }
	if c.Match(got, func(g, w string) bool { return g == w }) {
		t.Fatal("matched case-sensitively")
	}
	if !c.Match(got, strings.EqualFold) {
		t.Fatal("did not match case-insensitively")
	}
	if (auditevents.Conditions{{Key: "Z", Value: "1"}}).Match(got, strings.EqualFold) {
		t.Fatal("a key the event lacks matched")
	}
}

func TestCommonModelSetID(t *testing.T) {
	m := auditevents.CommonModel{StartTime: types.StringValue("2026-11-30T00:00:00Z"), EndTime: types.StringNull(), MaxEvents: types.Int64Null()}
	m.SetID([]string{"EventName=A"}, "cn-hangzhou")
	if got, want := m.ID.ValueString(), "EventName=A|cn-hangzhou|2026-11-30T00:00:00Z||200"; got != want {
		t.Fatalf("id %q, want %q", got, want)
	}
	m.MaxEvents = types.Int64Value(7)
	m.SetID(nil, "")
	if got, want := m.ID.ValueString(), "|2026-11-30T00:00:00Z||7"; got != want {
		t.Fatalf("id %q, want %q", got, want)
	}
}
