//go:build unix

package main

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// The targets are issue #11's.
const (
	targetJobs      = "100 / < 1.0 s / < 100 MB"
	targetSubtasks  = "RSS < 100 MB"
	targetTracks    = "<= 6"
	targetCDNRead   = "1 (as now)"
	targetCDNCreate = "50 single-task reads"
	targetRunners   = "< 10% / <= 1.25x"
	targetDomains   = "< 3 s / < 5 s"
)

// cloudAuditRate is CloudAudit's documented limit, calls per second per
// action and account (internal/mockcloud/ratelimit.go, API-NOTES.md).
const cloudAuditRate = 20

// dataSourceCase applies a configuration of one data source (typ, no
// arguments: the default configuration) over seeded objects and reads the
// length of its list attribute back from an output.
func dataSourceCase(ctx context.Context, h *harness, dir, typ, attr string) (tfRun, int, counts, error) {
	return dataSourceCaseWith(ctx, h, dir, typ, "", attr)
}

// dataSourceCaseWith is dataSourceCase with arguments in the data block.
func dataSourceCaseWith(ctx context.Context, h *harness, dir, typ, args, attr string) (tfRun, int, counts, error) {
	body := fmt.Sprintf("data %q \"all\" {%s}\n\noutput \"n\" {\n  value = length(data.%s.all.%s)\n}\n", typ, args, typ, attr)
	d, err := h.workdir(dir, body)
	if err != nil {
		return tfRun{}, 0, counts{}, err
	}
	if err := h.zeroCalls(); err != nil {
		return tfRun{}, 0, counts{}, err
	}
	r, err := h.terraform(ctx, d, nil, "apply", "-auto-approve", "-input=false", "-no-color")
	if err != nil {
		return r, 0, counts{}, err
	}
	c, err := h.counts()
	if err != nil {
		return r, 0, c, err
	}
	var n int
	err = h.output(ctx, d, "n", &n)
	return r, n, c, err
}

func usageNote(r tfRun) string {
	return fmt.Sprintf("%d provider processes, apply wall %.1f s, Terraform CPU %.1f s", r.Procs, r.Wall.Seconds(), r.TerraformCPU)
}

// seedJobs resets the mock and seeds n finished history delivery jobs on
// one trail.
func seedJobs(h *harness, n int) error {
	if err := h.reset(); err != nil {
		return err
	}
	if err := h.admin(http.MethodPost, "/_mock/actiontrail/trails", map[string]any{"name": "bench-trail"}, nil); err != nil {
		return err
	}
	return h.admin(http.MethodPost, "/_mock/actiontrail/jobs", map[string]any{"trail_name": "bench-trail", "status": 2, "count": n}, nil)
}

func caseJobs(ctx context.Context, h *harness) ([]row, error) {
	const n = 10000
	if err := seedJobs(h, n); err != nil {
		return nil, err
	}
	r, got, c, err := dataSourceCase(ctx, h, "jobs10k", "cloudtrack_actiontrail_history_delivery_jobs", "jobs")
	if err != nil {
		return nil, err
	}
	return []row{{
		Case:   "10k jobs data source (cloudtrack_actiontrail_history_delivery_jobs)",
		Figure: "calls / provider CPU / provider peak RSS",
		Target: targetJobs,
		Value: fmt.Sprintf("%d / %.2f s / %s (%d jobs read; %s)",
			sum(c.Calls, ""), r.CPU, mb(r.MaxRSS), got, usageNote(r)),
	}}, nil
}

func caseJobRegions(ctx context.Context, h *harness) ([]row, error) {
	const n = 1000
	if err := seedJobs(h, n); err != nil {
		return nil, err
	}
	r, got, c, err := dataSourceCaseWith(ctx, h, "jobs1k-regions", "cloudtrack_actiontrail_history_delivery_jobs",
		"\n  with_region_statuses = true\n", "jobs")
	if err != nil {
		return nil, err
	}
	return []row{{
		Case:   "1k jobs data source with with_region_statuses = true",
		Figure: "calls / wall",
		Target: "(scope: concurrency bound by the rate, not 4)",
		Value: fmt.Sprintf("%d / %.1f s (%s; %d jobs read; provider CPU %.2f s)",
			sum(c.Calls, ""), r.Wall.Seconds(), perAction(c.Calls), got, r.CPU),
	}}, nil
}

func caseSubtasks(ctx context.Context, h *harness) ([]row, error) {
	const n = 10000
	if err := h.reset(); err != nil {
		return nil, err
	}
	seed := map[string]any{
		"task_id": 4001, "status": 2, "asset_type": 8, "asset_sub_type": 1, "asset_vendor": 0, "count": n,
		"checks": []map[string]any{
			{"id": 51, "name": "Password policy configured", "name_zh": "已配置密码策略"},
			{"id": 52, "name": "MFA enabled for root", "name_zh": "主账号已启用MFA"},
		},
	}
	if err := h.admin(http.MethodPost, "/_mock/sas/subtasks", seed, nil); err != nil {
		return nil, err
	}
	r, got, c, err := dataSourceCase(ctx, h, "subtasks10k", "cloudtrack_sas_operation_subtasks", "subtasks")
	if err != nil {
		return nil, err
	}
	return []row{{
		Case:   "10k subtasks data source (cloudtrack_sas_operation_subtasks)",
		Figure: "calls / provider CPU / provider peak RSS",
		Target: targetSubtasks,
		Value: fmt.Sprintf("%d / %.2f s / %s (%d subtasks read; %s)",
			sum(c.Calls, ""), r.CPU, mb(r.MaxRSS), got, usageNote(r)),
	}}, nil
}

func auditTrack(name string) map[string]any {
	return map[string]any{
		"name": name, "status": 1, "action_type": "Write", "resource_type": "cos", "event_names": []string{"*"},
		"storage": map[string]any{"type": "cos", "region": "ap-guangzhou", "name": "audit-bucket", "prefix": "bench"},
	}
}

func caseTracks(ctx context.Context, h *harness) ([]row, error) {
	const n = 100
	if err := h.reset(); err != nil {
		return nil, err
	}
	if err := h.admin(http.MethodPut, "/_mock/cloudaudit/limit", map[string]any{"track_limit": 1000}, nil); err != nil {
		return nil, err
	}
	for i := range n {
		if err := h.admin(http.MethodPost, "/_mock/cloudaudit/tracks", auditTrack(fmt.Sprintf("bench-track-%03d", i)), nil); err != nil {
			return nil, err
		}
	}
	r, got, c, err := dataSourceCase(ctx, h, "tracks100", "cloudtrack_cloudaudit_tracks", "tracks")
	if err != nil {
		return nil, err
	}
	return []row{{
		Case:   "100 tracks data source (cloudtrack_cloudaudit_tracks), default config",
		Figure: "calls",
		Target: targetTracks,
		Value:  fmt.Sprintf("%d (%s; %d tracks read; %s)", sum(c.Calls, ""), perAction(c.Calls), got, usageNote(r)),
	}}, nil
}

// perAction lists the calls per action, most first.
func perAction(m map[string]int) string {
	type kv struct {
		k string
		v int
	}
	var l []kv
	for k, v := range m {
		if v > 0 {
			l = append(l, kv{k, v})
		}
	}
	sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v || l[i].v == l[j].v && l[i].k < l[j].k })
	var parts []string
	for _, e := range l {
		parts = append(parts, fmt.Sprintf("%s %d", e.k[strings.Index(e.k, ".")+1:], e.v))
	}
	return strings.Join(parts, ", ")
}

const deliverTaskBody = `  domain_names = ["example.com"]
  reports      = [{ report_id = 1 }]
  schedule = {
    crontab   = "0 0 8 * * ?"
    frequency = "d"
  }
  deliver = {
    email = {
      subject = "Ops"
      to      = ["ops@example.com"]
    }
  }
`

func caseCDNRefresh(ctx context.Context, h *harness) ([]row, error) {
	const n = 300
	if err := h.reset(); err != nil {
		return nil, err
	}
	if err := h.admin(http.MethodPut, "/_mock/cdn/deliver_limit", map[string]any{"limit": 1000}, nil); err != nil {
		return nil, err
	}
	_, idMap, err := seedTasks(h, "bench-task-%03d", n)
	if err != nil {
		return nil, err
	}
	body := importedTasksConfig(idMap)
	d, err := h.workdir("cdn300", body)
	if err != nil {
		return nil, err
	}
	// Adopt the 300 tasks: a plan that only imports, then its apply.
	p, err := h.terraform(ctx, d, nil, "plan", "-input=false", "-no-color", "-out=import.tfplan")
	if err != nil {
		return nil, err
	}
	if !strings.Contains(p.Output, fmt.Sprintf("%d to import, 0 to add, 0 to change, 0 to destroy", n)) {
		return nil, fmt.Errorf("the import plan does more than import %d tasks:\n%s", n, tail(p.Output, 30))
	}
	if _, err := h.terraform(ctx, d, nil, "apply", "-input=false", "-no-color", "import.tfplan"); err != nil {
		return nil, err
	}
	if err := h.zeroCalls(); err != nil {
		return nil, err
	}
	r, err := h.terraform(ctx, d, []int{2}, "plan", "-input=false", "-no-color", "-detailed-exitcode")
	if err != nil {
		return nil, err
	}
	c, err := h.counts()
	if err != nil {
		return nil, err
	}
	empty := "empty"
	if r.ExitCode == 2 {
		empty = "NOT empty"
	}
	return []row{{
		Case:   "300 CDN tasks refresh (terraform plan of 300 cloudtrack_cdn_deliver_task)",
		Figure: "calls",
		Target: targetCDNRead,
		Value: fmt.Sprintf("%d (%s; %s answered; plan %s; wall %.1f s, provider CPU %.2f s)",
			sum(c.Calls, ""), perAction(c.Calls), kb(sum(c.ResponseBytes, "")), empty, r.Wall.Seconds(), r.CPU),
	}}, nil
}

func caseCDNCreates(ctx context.Context, h *harness) ([]row, error) {
	const n = 50
	if err := h.reset(); err != nil {
		return nil, err
	}
	if err := h.admin(http.MethodPut, "/_mock/cdn/deliver_limit", map[string]any{"limit": 1000}, nil); err != nil {
		return nil, err
	}
	body := fmt.Sprintf(`resource "cloudtrack_cdn_deliver_task" "t" {
  count        = %d
  name         = "bench-create-${count.index}"
`, n) + deliverTaskBody + "}\n"
	d, err := h.workdir("cdn50", body)
	if err != nil {
		return nil, err
	}
	if err := h.zeroCalls(); err != nil {
		return nil, err
	}
	if err := h.admin(http.MethodDelete, "/_mock/cdn/deliver_list_reads", nil, nil); err != nil {
		return nil, err
	}
	r, err := h.terraform(ctx, d, nil, "apply", "-auto-approve", "-input=false", "-no-color")
	if err != nil {
		return nil, err
	}
	c, err := h.counts()
	if err != nil {
		return nil, err
	}
	const list = "Cdn.DescribeCdnDeliverList"
	var reads struct {
		Full int            `json:"full"`
		ByID map[string]int `json:"by_id"`
	}
	if err := h.admin(http.MethodGet, "/_mock/cdn/deliver_list_reads", nil, &reads); err != nil {
		return nil, err
	}
	single := 0
	for _, n := range reads.ByID {
		single += n
	}
	all := reads.Full + single
	return []row{{
		Case:   "50 CDN creates (terraform apply of 50 cloudtrack_cdn_deliver_task)",
		Figure: "data fetched by read-backs: DescribeCdnDeliverList full lists / single-task reads (by DeliverId)",
		Target: targetCDNCreate,
		Value: fmt.Sprintf("%d full lists / %d single-task reads, %s answered (%d throttled; creates %d; wall %.1f s)",
			all-single, single, kb(c.ResponseBytes[list]), c.Throttled[list], c.Calls["Cdn.CreateCdnDeliverTask"], r.Wall.Seconds()),
	}}, nil
}

// rateFloor is the shortest time the successful calls of product could
// take at perSecond per action: each action has its own bucket per
// account, so the busiest action bounds the run. It returns that action,
// its calls and the floor in seconds (the first action by name on a tie).
func rateFloor(succeeded map[string]int, product string, perSecond float64) (int, string, float64) {
	busiest, busiestAction := 0, ""
	for k, v := range succeeded {
		action, ok := strings.CutPrefix(k, product+".")
		if ok && v > 0 && (v > busiest || v == busiest && action < busiestAction) {
			busiest, busiestAction = v, action
		}
	}
	return busiest, busiestAction, float64(busiest) / perSecond
}

func caseDomains(ctx context.Context, h *harness) ([]row, error) {
	const n = 500 // the API's most domain names (cdn.MaxDomainNames)
	if err := h.reset(); err != nil {
		return nil, err
	}
	var names strings.Builder
	for i := range n {
		fmt.Fprintf(&names, "    \"d%04d.example.com\",\n", i)
	}
	body := `resource "cloudtrack_cdn_deliver_task" "big" {
  name = "bench-500-domains"
  domain_names = [
` + names.String() + `  ]
  reports = [{ report_id = 1 }]
  schedule = {
    crontab   = "0 0 8 * * ?"
    frequency = "d"
  }
  deliver = {
    email = {
      subject = "Ops"
      to      = ["ops@example.com"]
    }
  }
}
`
	d, err := h.workdir("domains500", body)
	if err != nil {
		return nil, err
	}
	if err := h.zeroCalls(); err != nil {
		return nil, err
	}
	p, err := h.terraform(ctx, d, []int{2}, "plan", "-input=false", "-no-color", "-detailed-exitcode")
	if err != nil {
		return nil, err
	}
	a, err := h.terraform(ctx, d, nil, "apply", "-auto-approve", "-input=false", "-no-color")
	if err != nil {
		return nil, err
	}
	c, err := h.counts()
	if err != nil {
		return nil, err
	}
	return []row{{
		Case:   "500 domain names (the API's most) on one CDN deliver task (plan, then apply, of a new task)",
		Figure: "plan seconds / apply seconds",
		Target: targetDomains,
		Value: fmt.Sprintf("%.1f s / %.1f s (provider CPU %.1f s / %.1f s, Terraform CPU %.1f s / %.1f s; calls %d: %s)",
			p.Wall.Seconds(), a.Wall.Seconds(), p.CPU, a.CPU, p.TerraformCPU, a.TerraformCPU, sum(c.Calls, ""), perAction(c.Calls)),
	}}, nil
}

// importedTasksConfig imports the CDN deliver tasks of idMap (lines of
// `"name" = "id"`) into cloudtrack_cdn_deliver_task.t, one per name.
func importedTasksConfig(idMap string) string {
	return "locals {\n  ids = {\n" + idMap + `  }
}

import {
  for_each = local.ids
  to       = cloudtrack_cdn_deliver_task.t[each.key]
  id       = each.value
}

resource "cloudtrack_cdn_deliver_task" "t" {
  for_each     = local.ids
  name         = each.key
` + deliverTaskBody + "}\n"
}

// seedTasks makes n CDN deliver tasks through the admin API, named by
// format and i, and returns their ids and the `"name" = "id"` lines of
// importedTasksConfig.
func seedTasks(h *harness, format string, n int) (ids []string, idMap string, err error) {
	var b strings.Builder
	for i := range n {
		var task struct {
			DeliverID int64 `json:"deliverId"`
		}
		name := fmt.Sprintf(format, i)
		err := h.admin(http.MethodPost, "/_mock/cdn/deliver_tasks", map[string]any{
			"name": name, "domains": []string{"example.com"}, "reports": []map[string]any{{"reportId": 1}},
			"schedule": map[string]any{"crontab": "0 0 8 * * ?", "frequency": "d", "status": "enable"},
			"deliver":  map[string]any{"email": map[string]any{"subject": "Ops", "to": []string{"ops@example.com"}}},
		}, &task)
		if err != nil {
			return nil, "", err
		}
		ids = append(ids, fmt.Sprint(task.DeliverID))
		fmt.Fprintf(&b, "    %q = %q\n", name, ids[i])
	}
	return ids, b.String(), nil
}
