//go:build unix

package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// The runners case: several terraform apply at once against one account,
// each creating tracks of CloudAudit, whose documented limit is per
// account and per API.
const runnersCount, runnersTracks = 8, 20

// runnersRun is what one run of the runners case measured.
type runnersRun struct {
	runners, tracks int
	limits          bool // the mock's rate limits on
	start           time.Time
	wall            time.Duration
	results         []tfRun
	counts          counts
	requests        []mockRequest // the CloudAudit requests, oldest first
}

// mockRequest is the part of GET /_mock/requests the timeline reads.
type mockRequest struct {
	Time    time.Time `json:"time"`
	Product string    `json:"product"`
	Action  string    `json:"action"`
	Status  int       `json:"status"`
	Code    string    `json:"code"`
}

// runRunners runs `runners` terraform apply at once, each creating
// `tracks` tracks, with the mock's documented limits on or off.
func runRunners(ctx context.Context, h *harness, runners, tracks int, limits bool) (runnersRun, error) {
	rr := runnersRun{runners: runners, tracks: tracks, limits: limits}
	if err := h.reset(); err != nil {
		return rr, err
	}
	if err := h.admin(http.MethodPut, "/_mock/cloudaudit/limit", map[string]any{"track_limit": 1000}, nil); err != nil {
		return rr, err
	}
	if err := h.admin(http.MethodPut, "/_mock/ratelimits/enabled", map[string]any{"enabled": limits}, nil); err != nil {
		return rr, err
	}
	dirs := make([]string, runners)
	for i := range runners {
		body := fmt.Sprintf(`resource "cloudtrack_cloudaudit_track" "t" {
  count         = %d
  name          = "bench-r%d-track-${count.index}"
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["*"]
  storage = {
    type   = "cos"
    region = "ap-guangzhou"
    name   = "audit-bucket"
    prefix = "bench"
  }
}
`, tracks, i)
		d, err := h.workdir(fmt.Sprintf("runners%d-limits%t-%d", runners, limits, i), body)
		if err != nil {
			return rr, err
		}
		dirs[i] = d
	}
	if err := h.zeroCalls(); err != nil {
		return rr, err
	}
	if err := h.admin(http.MethodDelete, "/_mock/requests", nil, nil); err != nil {
		return rr, err
	}
	rr.results = make([]tfRun, runners)
	errs := make([]error, runners)
	var wg sync.WaitGroup
	rr.start = time.Now()
	for i, d := range dirs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rr.results[i], errs[i] = h.terraform(ctx, d, nil, "apply", "-auto-approve", "-input=false", "-no-color")
		}()
	}
	wg.Wait()
	rr.wall = time.Since(rr.start)
	for _, err := range errs {
		if err != nil {
			return rr, err
		}
	}
	var err error
	if rr.counts, err = h.counts(); err != nil {
		return rr, err
	}
	var log struct {
		Requests []mockRequest `json:"requests"`
	}
	if err := h.admin(http.MethodGet, "/_mock/requests", nil, &log); err != nil {
		return rr, err
	}
	for _, r := range log.Requests {
		if strings.EqualFold(r.Product, "cloudaudit") {
			rr.requests = append(rr.requests, r)
		}
	}
	return rr, nil
}

// floor is the honest lower bound of the run's wall time: the busiest
// CloudAudit API's successful calls at its documented rate.
func (rr runnersRun) floor() (int, string, float64) {
	return rateFloor(rr.counts.Succeeded, "cloudaudit", cloudAuditRate)
}

func (rr runnersRun) cpu() (provider, terraform float64) {
	for _, r := range rr.results {
		provider += r.CPU
		terraform += r.TerraformCPU
	}
	return provider, terraform
}

// firstCreate is when the first CreateAuditTrack reached the mock, since
// the start.
func (rr runnersRun) firstCreate() (time.Duration, bool) {
	ok, refused := rr.createTimes()
	all := append(ok, refused...)
	if len(all) == 0 {
		return 0, false
	}
	return slices.Min(all), true
}

// phases are the per-runner moments read from Terraform's output: the
// first "Creating...", the last "Creation complete", the end.
type phases struct {
	firstCreate, lastCreated, end time.Duration
}

func (rr runnersRun) phases() []phases {
	out := make([]phases, len(rr.results))
	for i, r := range rr.results {
		p := phases{firstCreate: -1, lastCreated: -1, end: r.Start.Sub(rr.start) + r.Wall}
		off := r.Start.Sub(rr.start)
		for _, l := range r.Lines {
			switch {
			case strings.HasSuffix(l.Text, ": Creating...") && p.firstCreate < 0:
				p.firstCreate = off + l.At
			case strings.Contains(l.Text, ": Creation complete after"):
				p.lastCreated = off + l.At
			}
		}
		out[i] = p
	}
	return out
}

// createTimes are the CreateAuditTrack requests, since the start, split
// into those the mock took and those it refused as throttled.
func (rr runnersRun) createTimes() (ok, refused []time.Duration) {
	for _, r := range rr.requests {
		if r.Action != "CreateAuditTrack" {
			continue
		}
		at := r.Time.Sub(rr.start)
		if r.Code == "RequestLimitExceeded" {
			refused = append(refused, at)
		} else {
			ok = append(ok, at)
		}
	}
	sort.Slice(ok, func(i, j int) bool { return ok[i] < ok[j] })
	sort.Slice(refused, func(i, j int) bool { return refused[i] < refused[j] })
	return ok, refused
}

// timeline summarizes where the wall time went: until the first create
// reached the mock (Terraform and provider start-up, plan), the creates
// (their aggregate rate against the limit), and after the last one
// (read-back, state, exit).
func (rr runnersRun) timeline() string {
	ok, refused := rr.createTimes()
	if len(ok) == 0 {
		return "no CreateAuditTrack reached the mock"
	}
	first, last := ok[0], ok[len(ok)-1]
	span := (last - first).Seconds()
	rate := 0.0
	if span > 0 {
		rate = float64(len(ok)-1) / span
	}
	ph := rr.phases()
	firstC, lastC := make([]float64, 0, len(ph)), make([]float64, 0, len(ph))
	for _, p := range ph {
		firstC = append(firstC, p.firstCreate.Seconds())
		lastC = append(lastC, p.end.Seconds())
	}
	return fmt.Sprintf("creates reach the mock from %.1f s to %.1f s at %.1f/s (%d refused); runners print their first Creating... at %s s, exit at %s s",
		first.Seconds(), last.Seconds(), rate, len(refused), spread(firstC), spread(lastC))
}

// histogram is the CreateAuditTrack calls taken and refused per bin since
// the start: "t: taken/refused" for each bin.
func (rr runnersRun) histogram(bin time.Duration) string {
	ok, refused := rr.createTimes()
	if len(ok) == 0 {
		return ""
	}
	n := int(rr.wall/bin) + 1
	taken, ref := make([]int, n), make([]int, n)
	for _, t := range ok {
		taken[min(n-1, max(0, int(t/bin)))]++
	}
	for _, t := range refused {
		ref[min(n-1, max(0, int(t/bin)))]++
	}
	var parts []string
	for i := range n {
		parts = append(parts, fmt.Sprintf("%.1f:%d/%d", (time.Duration(i)*bin).Seconds(), taken[i], ref[i]))
	}
	return strings.Join(parts, " ")
}

// spread is "min-max (median m)" of xs.
func spread(xs []float64) string {
	if len(xs) == 0 {
		return "-"
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return fmt.Sprintf("%.1f-%.1f (median %.1f)", s[0], s[len(s)-1], s[len(s)/2])
}

func caseRunners(ctx context.Context, h *harness) ([]row, error) {
	lim, err := runRunners(ctx, h, runnersCount, runnersTracks, true)
	if err != nil {
		return nil, err
	}
	logf("runners: CreateAuditTrack taken/refused per 0.5 s: %s", lim.histogram(500*time.Millisecond))
	for i, p := range lim.phases() {
		logf("runners: runner %d: first Creating... %.1f s, last Creation complete %.1f s, exit %.1f s",
			i, p.firstCreate.Seconds(), p.lastCreated.Seconds(), p.end.Seconds())
	}
	// Context: the same work alone (one runner) and without the limit
	// (what Terraform and the provider cost on this machine when nobody
	// waits for the vendor).
	one, err := runRunners(ctx, h, 1, runnersTracks, true)
	if err != nil {
		return nil, err
	}
	free, err := runRunners(ctx, h, runnersCount, runnersTracks, false)
	if err != nil {
		return nil, err
	}

	calls, throttled := sum(lim.counts.Calls, "cloudaudit."), sum(lim.counts.Throttled, "cloudaudit.")
	busiest, busiestAction, floor := lim.floor()
	pct := 0.0
	if calls > 0 {
		pct = 100 * float64(throttled) / float64(calls)
	}
	ratio := 0.0
	if floor > 0 {
		ratio = lim.wall.Seconds() / floor
	}
	pcpu, tcpu := lim.cpu()
	rows := []row{{
		Case:   "8 runners x 20 CloudAudit tracks, one account (8 terraform apply at once)",
		Figure: "calls refused as throttled / wall vs floor",
		Target: targetRunners,
		Value: fmt.Sprintf("%.0f%% (%d of %d) / %.2fx (wall %.1f s, floor %.1f s = %d %s at %d/s; calls: %s; provider CPU %.1f s, Terraform CPU %.1f s)",
			pct, throttled, calls, ratio, lim.wall.Seconds(), floor, busiest, busiestAction, cloudAuditRate,
			perAction(lim.counts.Calls), pcpu, tcpu),
	}}

	// The fixed cost: the time before the first create reached the mock,
	// when no call had been made (Terraform and provider start-up and
	// plan). Shown beside the raw figure, never folded into it.
	tail := "no create reached the mock"
	if first, ok := lim.firstCreate(); ok {
		rest := lim.wall - first
		tail = fmt.Sprintf("%s; the first create reached the mock %.1f s after the start (%d Terraform runs starting and planning on %d CPUs, no call made yet); from there to the end %.1f s = %.2fx the floor",
			lim.timeline(), first.Seconds(), runnersCount, numCPU(), rest.Seconds(), safeDiv(rest.Seconds(), floor))
	}
	rows = append(rows, row{
		Case:   "  the same, where the time goes",
		Figure: "timeline of the run above",
		Target: "(context)",
		Value:  tail,
	})
	oneB, oneA, oneFloor := one.floor()
	oneCPU, oneTF := one.cpu()
	rows = append(rows, row{
		Case:   "  context: 1 runner x 20 tracks, limits on",
		Figure: "wall vs floor",
		Target: "(context)",
		Value: fmt.Sprintf("%.2fx (wall %.1f s, floor %.1f s = %d %s at %d/s; %s; provider CPU %.1f s, Terraform CPU %.1f s)",
			safeDiv(one.wall.Seconds(), oneFloor), one.wall.Seconds(), oneFloor, oneB, oneA, cloudAuditRate, one.timeline(), oneCPU, oneTF),
	})
	freeCPU, freeTF := free.cpu()
	rows = append(rows, row{
		Case:   "  context: 8 runners x 20 tracks, the mock's limits off",
		Figure: "wall (the fixed cost: Terraform and provider work on this machine)",
		Target: "(context)",
		Value: fmt.Sprintf("%.1f s (provider CPU %.1f s, Terraform CPU %.1f s; %s)",
			free.wall.Seconds(), freeCPU, freeTF, free.timeline()),
	})
	return rows, nil
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}
