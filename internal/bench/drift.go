//go:build unix

package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The drift attribution rows (issue #19).
const (
	targetDriftNone  = "0 look-ups"
	targetDriftMany  = "<= 12 ActionTrail calls"
	targetDriftScale = "<= 1 call per 50 write events + a constant; vs 2 calls/s floor"
	driftObjects     = 1000
	driftDrifted     = 100
	driftWrites      = 500
	lookupAPI        = "Actiontrail.LookupEvents"
)

// caseDrift: 1,000 CDN deliver tasks seeded and imported; a plan with none
// drifted (no look-up), then 100 changed in the console by three people
// among 500 write events of the account (the other 400 on other products),
// and a plan that names who changed each; then the who-changed-it module
// over the 1,000 tasks since the import.
func caseDrift(ctx context.Context, h *harness) ([]row, error) {
	if err := h.reset(); err != nil {
		return nil, err
	}
	if err := h.admin(http.MethodDelete, "/_mock/events", nil, nil); err != nil {
		return nil, err
	}
	if err := h.admin(http.MethodPut, "/_mock/cdn/deliver_limit", map[string]any{"limit": driftObjects + 10}, nil); err != nil {
		return nil, err
	}
	ids, idMap, err := seedTasks(h, "drift-task-%04d", driftObjects)
	if err != nil {
		return nil, err
	}
	body := importedTasksConfig(idMap)
	d, err := h.workdir("drift1000", body)
	if err != nil {
		return nil, err
	}
	if _, err := h.terraform(ctx, d, nil, "apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return nil, err
	}
	// Events are whole seconds: changes start after the import's second.
	time.Sleep(1100 * time.Millisecond)
	since := time.Now().UTC().Format(time.RFC3339)
	time.Sleep(1100 * time.Millisecond)

	// Nothing drifted.
	if err := h.zeroCalls(); err != nil {
		return nil, err
	}
	r, err := h.terraform(ctx, d, nil, "plan", "-input=false", "-no-color", "-detailed-exitcode")
	if err != nil {
		return nil, err
	}
	c, err := h.counts()
	if err != nil {
		return nil, err
	}
	rows := []row{{
		Case:   fmt.Sprintf("drift attribution: plan of %d managed CDN tasks, none drifted", driftObjects),
		Figure: "LookupEvents calls",
		Target: targetDriftNone,
		Value:  fmt.Sprintf("%d (all calls %d; plan wall %.1f s)", sum(c.Calls, lookupAPI), sum(c.Calls, ""), r.Wall.Seconds()),
	}}

	// 100 drifted among 500 write events: 4 writes elsewhere, then one
	// console change, 100 times.
	people := []string{"alice", "bob", "carol"}
	for i := range driftDrifted {
		if err := h.admin(http.MethodPost, "/_mock/events", map[string]any{
			"vendor": "alibaba", "event_name": "ModifyInstanceAttribute", "product": "Ecs", "user_name": "ops",
			"resource_type": "ACS::ECS::Instance", "resource_name": fmt.Sprintf("i-%04d", i), "count": (driftWrites - driftDrifted) / driftDrifted,
		}, nil); err != nil {
			return rows, err
		}
		id := ids[i*driftObjects/driftDrifted]
		if err := h.admin(http.MethodPatch, "/_mock/cdn/deliver_tasks/"+id+"?who="+people[i%len(people)],
			map[string]any{"name": "changed-" + id}, nil); err != nil {
			return rows, err
		}
	}
	if err := h.zeroCalls(); err != nil {
		return rows, err
	}
	r, err = h.terraform(ctx, d, []int{2}, "plan", "-input=false", "-no-color", "-detailed-exitcode")
	if err != nil {
		return rows, err
	}
	if c, err = h.counts(); err != nil {
		return rows, err
	}
	attributed := 0
	flat := strings.Join(strings.Fields(strings.ReplaceAll(r.Output, "│", " ")), " ")
	for _, w := range strings.Split(flat, "Warning: ")[1:] {
		if strings.Contains(w, "was changed outside Terraform") && strings.Contains(w, "ran UpdateCdnDeliverTask") {
			attributed++
		}
	}
	calls := sum(c.Calls, lookupAPI)
	rows = append(rows, row{
		Case:   fmt.Sprintf("drift attribution: plan of %d CDN tasks, %d drifted by 3 people among %d write events", driftObjects, driftDrifted, driftWrites),
		Figure: "LookupEvents calls",
		Target: targetDriftMany,
		Value: fmt.Sprintf("%d (%d of %d drifted tasks attributed; throttled %d; plan wall %.1f s; per object it would be >= %d calls, >= %d s)",
			calls, attributed, driftDrifted, sum(c.Throttled, lookupAPI), r.Wall.Seconds(), driftDrifted, driftDrifted/2),
	})

	// The module over the 1,000 tasks, since the import.
	if err := copyModule(h, filepath.Join(d, "who-changed-it")); err != nil {
		return rows, err
	}
	var list strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&list, "%q, ", id)
	}
	mod := fmt.Sprintf(`
module "who" {
  source               = "./who-changed-it"
  since                = %q
  terraform_identities = []
  cdn_deliver_task_ids = [%s]
}

output "lookups" { value = module.who.lookups }
output "changed" { value = length(module.who.changes) }
`, since, list.String())
	main, err := os.ReadFile(filepath.Join(d, "main.tf"))
	if err != nil {
		return rows, err
	}
	if err := os.WriteFile(filepath.Join(d, "main.tf"), append(main, mod...), 0o600); err != nil {
		return rows, err
	}
	if _, err := h.terraform(ctx, d, nil, "init", "-input=false", "-no-color"); err != nil {
		return rows, err
	}
	if err := h.zeroCalls(); err != nil {
		return rows, err
	}
	start := time.Now()
	r, err = h.terraform(ctx, d, nil, "apply", "-auto-approve", "-input=false", "-no-color", "-refresh=false", "-target=module.who")
	if err != nil {
		return rows, err
	}
	wall := time.Since(start)
	if c, err = h.counts(); err != nil {
		return rows, err
	}
	var changed int
	if err := h.output(ctx, d, "changed", &changed); err != nil {
		return rows, err
	}
	calls = sum(c.Calls, lookupAPI)
	rows = append(rows, row{
		Case:   fmt.Sprintf("who-changed-it module over %d CDN tasks (window of %d write events)", driftObjects, driftWrites),
		Figure: "LookupEvents calls, wall",
		Target: targetDriftScale,
		Value: fmt.Sprintf("%d calls (floor at 2 calls/s: %.1f s), apply wall %.1f s; %d changes listed; one look-up per object: >= %d calls, >= %d s",
			calls, float64(calls)/2, wall.Seconds(), changed, driftObjects, driftObjects/2),
	})
	return rows, nil
}

// copyModule copies examples/modules/who-changed-it into dir.
func copyModule(h *harness, dir string) error {
	src := filepath.Join(h.root, "examples", "modules", "who-changed-it", "main.tf")
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "main.tf"), data, 0o600)
}
