//go:build unix

// The harness is a command, so its test is in package main (as the
// standalone mock's is): its helpers cannot be reached from outside.
package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestRateFloor(t *testing.T) {
	succeeded := map[string]int{
		"cloudaudit.CreateAuditTrack":   160,
		"cloudaudit.DescribeAuditTrack": 160,
		"cloudaudit.DeleteAuditTrack":   3,
		"Cdn.DescribeCdnDeliverList":    900, // another product: not counted
	}
	n, action, floor := rateFloor(succeeded, "cloudaudit", 20)
	if n != 160 || action != "CreateAuditTrack" || floor != 8 {
		t.Errorf("rateFloor = %d %s %v, want 160 CreateAuditTrack 8", n, action, floor)
	}
	if n, action, floor := rateFloor(map[string]int{}, "cloudaudit", 20); n != 0 || action != "" || floor != 0 {
		t.Errorf("rateFloor of nothing = %d %q %v", n, action, floor)
	}
}

// Usage lines of several provider processes: CPU summed, RSS the largest.
func TestReadUsage(t *testing.T) {
	file := filepath.Join(t.TempDir(), "usage")
	if err := os.WriteFile(file, []byte("10 0.25 27000\n11 3.5 176000\n12 0.25 26000\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var r tfRun
	if err := r.readUsage(file); err != nil {
		t.Fatal(err)
	}
	if r.Procs != 3 || r.CPU != 4 || r.MaxRSS != 176000 {
		t.Errorf("got %+v", r)
	}
	var none tfRun
	if err := none.readUsage(filepath.Join(t.TempDir(), "absent")); err != nil || none.Procs != 0 {
		t.Errorf("no file: %v, %+v", err, none)
	}
	if err := os.WriteFile(file, []byte("garbage\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := (&tfRun{}).readUsage(file); err == nil || !strings.Contains(err.Error(), "garbage") {
		t.Errorf("a bad line: %v", err)
	}
}

func TestSumAndPerAction(t *testing.T) {
	m := map[string]int{"cloudaudit.CreateAuditTrack": 3, "cloudaudit.DescribeAuditTracks": 5, "Cdn.DescribeCdnDeliverList": 1, "cloudaudit.DeleteAuditTrack": 0}
	if n := sum(m, "CloudAudit."); n != 8 {
		t.Errorf("sum cloudaudit = %d", n)
	}
	if n := sum(m, ""); n != 9 {
		t.Errorf("sum all = %d", n)
	}
	if got, want := perAction(m), "DescribeAuditTracks 5, CreateAuditTrack 3, DescribeCdnDeliverList 1"; got != want {
		t.Errorf("perAction = %q, want %q", got, want)
	}
}

func TestPrintTable(t *testing.T) {
	var b strings.Builder
	printTable(&b, []row{{Case: "10k jobs", Figure: "calls", Target: "100", Value: "100 / 4.1 s", Load: "1.0 0.5 0.2"}})
	want := "| case     | figure | target | measured    | load        |\n" +
		"| -------- | ------ | ------ | ----------- | ----------- |\n" +
		"| 10k jobs | calls  | 100    | 100 / 4.1 s | 1.0 0.5 0.2 |\n"
	if b.String() != want {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

// The runners timeline reads when each runner began creating and ended
// from Terraform's output, and the aggregate rate from the mock's log.
func TestRunnersTimeline(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(s float64) time.Time { return t0.Add(time.Duration(s * float64(time.Second))) }
	rr := runnersRun{
		start: t0,
		wall:  5 * time.Second,
		results: []tfRun{{
			Start: at(0.5), Wall: 4 * time.Second,
			Lines: []timedLine{
				{At: time.Second, Text: "Plan: 2 to add, 0 to change, 0 to destroy."},
				{At: 1500 * time.Millisecond, Text: "cloudtrack_cloudaudit_track.t[0]: Creating..."},
				{At: 1600 * time.Millisecond, Text: "cloudtrack_cloudaudit_track.t[1]: Creating..."},
				{At: 3 * time.Second, Text: "cloudtrack_cloudaudit_track.t[1]: Creation complete after 1s [id=2]"},
				{At: 3500 * time.Millisecond, Text: "cloudtrack_cloudaudit_track.t[0]: Creation complete after 2s [id=1]"},
			},
		}},
		requests: []mockRequest{
			{Time: at(2), Action: "CreateAuditTrack", Status: 200},
			{Time: at(2.2), Action: "CreateAuditTrack", Status: 400, Code: "RequestLimitExceeded"},
			{Time: at(2.1), Action: "DescribeAuditTrack", Status: 200},
			{Time: at(3), Action: "CreateAuditTrack", Status: 200},
		},
	}
	ph := rr.phases()
	if len(ph) != 1 || ph[0].firstCreate != 2*time.Second || ph[0].lastCreated != 4*time.Second || ph[0].end != 4500*time.Millisecond {
		t.Errorf("phases = %+v", ph)
	}
	want := "creates reach the mock from 2.0 s to 3.0 s at 1.0/s (1 refused); runners print their first Creating... at 2.0-2.0 (median 2.0) s, exit at 4.5-4.5 (median 4.5) s"
	if got := rr.timeline(); got != want {
		t.Errorf("timeline:\n%s\nwant:\n%s", got, want)
	}
	if first, ok := rr.firstCreate(); !ok || first != 2*time.Second {
		t.Errorf("firstCreate = %v, %v", first, ok)
	}
	if _, ok := (runnersRun{}).firstCreate(); ok {
		t.Error("firstCreate of no requests must say none")
	}
	if got, want := rr.histogram(time.Second), "0.0:0/0 1.0:0/0 2.0:1/1 3.0:1/0 4.0:0/0 5.0:0/0"; got != want {
		t.Errorf("histogram = %q, want %q", got, want)
	}
}

// lineClock keeps the output whole and notes each complete line.
func TestLineClock(t *testing.T) {
	w := &lineClock{start: time.Now()}
	for _, s := range []string{"one\ntw", "o\n", "three"} {
		if _, err := w.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if w.all.String() != "one\ntwo\nthree" || len(w.lines) != 2 || w.lines[0].Text != "one" || w.lines[1].Text != "two" {
		t.Errorf("all %q, lines %+v", w.all.String(), w.lines)
	}
}
