//go:build unix

// The harness is a command, so its test is in package main (as the
// standalone mock's is): its helpers cannot be reached from outside.
package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
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
