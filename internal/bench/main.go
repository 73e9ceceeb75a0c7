//go:build unix

// Command bench is make bench: it measures the provider at scale from real
// Terraform runs against the standalone mock cloud with its documented rate
// limits on, and prints one table of figures beside the targets of issue
// #11. Figures are printed, never asserted.
//
//	go run ./internal/bench [-cases jobs10k,runners] [-keep] [-terraform PATH]
//
// What it builds (in a temporary directory, never in the repository): the
// provider from this repository, the mock (internal/mockcloud/cmd/mockcloud)
// and provwrap (internal/bench/provwrap), which stands in for the provider
// binary in the dev_overrides: it runs the real provider as its child and
// records the child's CPU time and peak RSS, so every provider process
// Terraform starts is measured. The CLI is the one scripts/terraform.sh
// prints (the newest Terraform unless TF_ACC_TERRAFORM_PATH or
// CLOUDTRACK_CLI say otherwise). No terraform init is run: dev_overrides
// need none.
//
// Each case resets the mock, seeds it through the admin API, zeroes the
// call counters, runs Terraform and reads the counters back (GET
// /_mock/calls: calls, refused as throttled, bytes answered, reads by id).
// Times are wall-clock times of whole Terraform commands on whatever
// machine runs them; the load average is printed beside each case.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"
)

// A benchCase is one row group of the table.
type benchCase struct {
	name string
	desc string
	run  func(ctx context.Context, h *harness) ([]row, error)
}

var cases = []benchCase{
	{"jobs10k", "10k jobs data source", caseJobs},
	{"jobs1k-regions", "1k jobs data source with region statuses", caseJobRegions},
	{"subtasks10k", "10k subtasks data source", caseSubtasks},
	{"tracks100", "100 tracks data source", caseTracks},
	{"cdn300", "300 CDN tasks refresh", caseCDNRefresh},
	{"cdn50", "50 CDN creates", caseCDNCreates},
	{"runners", "8 runners x 20 tracks, one account", caseRunners},
	{"domains500", "500 domain names (the API's most) on one deliver task", caseDomains},
	{"drift1000", "drift attribution over 1,000 managed objects, and the who-changed-it module", caseDrift},
	{"interrupt", "Ctrl-C: SIGINT to exit, per vendor", caseInterrupt},
	{"stsdown", "10 parallel reads with STS down: AssumeRole calls", caseSTSDown},
}

// row is one line of the table.
type row struct {
	Case, Figure, Target, Value, Load string
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		stop()
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var names []string
	for _, c := range cases {
		names = append(names, c.name)
	}
	var (
		only       = fs.String("cases", "", "comma-separated cases to run (default all): "+strings.Join(names, ", "))
		keep       = fs.Bool("keep", false, "keep the work directory (Terraform configurations, logs, the mock's log)")
		tfPath     = fs.String("terraform", "", "the CLI to drive (default: what scripts/terraform.sh prints)")
		cmdTimeout = fs.Duration("command-timeout", 15*time.Minute, "give up on one Terraform command after this long")
	)
	if err := fs.Parse(args); err != nil {
		return err
	}
	selected := cases
	if *only != "" {
		selected = nil
		for _, n := range strings.Split(*only, ",") {
			i := slices.IndexFunc(cases, func(c benchCase) bool { return c.name == strings.TrimSpace(n) })
			if i < 0 {
				return fmt.Errorf("unknown case %q: want some of %s", n, strings.Join(names, ", "))
			}
			selected = append(selected, cases[i])
		}
	}

	h, err := newHarness(ctx, *tfPath, *cmdTimeout)
	if err != nil {
		return err
	}
	defer h.close(*keep)

	header := fmt.Sprintf("make bench, %s; %s; provider %s; %d CPUs; load average at start %s",
		time.Now().UTC().Format(time.RFC3339), h.tfVersion, h.providerVersion, numCPU(), loadAverage())
	logf("%s", header)
	var rows []row
	for _, c := range selected {
		if ctx.Err() != nil {
			break
		}
		logf("== %s (%s)", c.name, c.desc)
		start := time.Now()
		got, err := c.run(ctx, h)
		if err != nil {
			logf("%s failed: %s", c.name, err)
			got = append(got, row{Case: c.desc, Figure: "error", Value: oneLine(err.Error())})
		}
		load := loadAverage()
		for i := range got {
			got[i].Load = load
		}
		rows = append(rows, got...)
		logf("%s done in %s", c.name, time.Since(start).Round(100*time.Millisecond))
	}
	fmt.Println()
	fmt.Println(header)
	fmt.Println()
	printTable(os.Stdout, rows)
	fmt.Println()
	fmt.Println("Load: the 1, 5 and 15 minute load averages when the case ended. CPU and peak RSS are the provider's")
	fmt.Println("(summed over / the largest of the provider processes Terraform started), measured by provwrap.")
	return ctx.Err()
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return s
}
