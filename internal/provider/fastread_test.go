package provider_test

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// TestFastReadMatchesFramework reads the large data sources through the
// server main serves (provider.NewServer, whose fast path serves them)
// and through the framework's own server (providerserver), over one
// seeded mock, and requires the same state and diagnostics from both.
func TestFastReadMatchesFramework(t *testing.T) {
	// A frozen clock: jobs and subtasks do not move on between the reads.
	e := acctest.New(t, acctest.WithFrozenClock(acctest.NewClock()))
	e.NeedsMock(t, "compares two servers over the same seeded mock")
	m := e.Mock()
	base := time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC)
	for _, tr := range []string{"audit-a", "audit-b"} {
		if err := m.SeedTrail(mockcloud.Trail{Name: tr, Regions: []string{"cn-hangzhou", "cn-shanghai"}}); err != nil {
			t.Fatal(err)
		}
	}
	var jobIDs []int64
	for _, s := range []struct {
		trail  string
		n      int
		status int
	}{{"audit-a", 150, mockcloud.JobComplete}, {"audit-b", 60, mockcloud.JobFailed}, {"audit-a", 5, mockcloud.JobDelivering}} {
		ids, err := m.SeedJobs(s.trail, s.n, s.status)
		if err != nil {
			t.Fatal(err)
		}
		jobIDs = append(jobIDs, ids...)
	}
	checks := []mockcloud.SasCheck{{ID: 101, Name: "Disk encrypted", NameZh: "磁盘加密"}, {ID: 102, Name: "Open security group"}}
	if _, err := m.SeedSubtasks(mockcloud.Subtask{TaskID: 7, Status: mockcloud.SubtaskSucceeded, AssetType: 2, Checks: checks, CreateTime: base}, 130); err != nil {
		t.Fatal(err)
	}
	if _, err := m.SeedSubtasks(mockcloud.Subtask{TaskID: 8, Status: mockcloud.SubtaskRunning, CreateTime: base}, 40); err != nil {
		t.Fatal(err)
	}

	ctx := context.Background()
	fastServer, err := provider.NewServer("test", acctest.Tuning())()
	if err != nil {
		t.Fatal(err)
	}
	fwServer, err := providerserver.NewProtocol6WithError(provider.NewWithTuning("test", acctest.Tuning())())()
	if err != nil {
		t.Fatal(err)
	}
	fast, err := e.NewDataSourceReaderFor(ctx, fastServer)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := e.NewDataSourceReaderFor(ctx, fwServer)
	if err != nil {
		t.Fatal(err)
	}

	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	strs := func(ss ...string) tftypes.Value {
		vs := make([]tftypes.Value, len(ss))
		for i, s := range ss {
			vs[i] = str(s)
		}
		return tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, vs)
	}
	const jobs, subtasks = "cloudtrack_actiontrail_history_delivery_jobs", "cloudtrack_sas_operation_subtasks"
	cases := []struct {
		name, typ string
		attrs     map[string]tftypes.Value
		// want is how many objects the list holds (the read is not empty
		// by accident).
		list string
		want int
	}{
		{"jobs", jobs, nil, "jobs", 215},
		{"jobs filtered", jobs, map[string]tftypes.Value{"trail_name": str("audit-a"), "status": str("complete")}, "jobs", 150},
		{"jobs by id", jobs, map[string]tftypes.Value{"ids": strs(itoa(jobIDs[3]), itoa(jobIDs[200]), "999999999")}, "jobs", 2},
		{"jobs with region statuses", jobs, map[string]tftypes.Value{
			"status": str("failed"), "with_region_statuses": tftypes.NewValue(tftypes.Bool, true),
		}, "jobs", 60},
		{"subtasks", subtasks, nil, "subtasks", 170},
		{"subtasks filtered", subtasks, map[string]tftypes.Value{"statuses": strs("succeeded"), "language": str("en")}, "subtasks", 130},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := provider.FastReads(fastServer)
			got, typ := readDS(ctx, t, fast, c.typ, c.attrs)
			want, _ := readDS(ctx, t, fw, c.typ, c.attrs)
			if n := provider.FastReads(fastServer) - before; n != 1 {
				t.Fatalf("the fast path served %d reads, want 1", n)
			}
			sameDiagnostics(t, got.Diagnostics, want.Diagnostics)
			gotState, wantState := decode(t, got, typ), decode(t, want, typ)
			if !gotState.Equal(wantState) {
				diffs, _ := gotState.Diff(wantState)
				t.Fatalf("the fast path's state differs from the framework's in %d places, first at %s", len(diffs), diffs[0].Path)
			}
			// The encoding is deterministic (attributes in name order,
			// lists in order): the bytes are the same too.
			if !bytes.Equal(got.State.MsgPack, want.State.MsgPack) {
				t.Errorf("the fast path's state encodes to %d bytes other than the framework's %d", len(got.State.MsgPack), len(want.State.MsgPack))
			}
			var attrs map[string]tftypes.Value
			if err := gotState.As(&attrs); err != nil {
				t.Fatal(err)
			}
			var list []tftypes.Value
			if err := attrs[c.list].As(&list); err != nil {
				t.Fatal(err)
			}
			if len(list) != c.want {
				t.Errorf("%s holds %d objects, want %d", c.list, len(list), c.want)
			}
		})
	}

	t.Run("error", func(t *testing.T) {
		m.AddFault(mockcloud.Fault{Product: "Sas", Action: "ListOperationProcessDetail", Code: mockcloud.CodeServerError, HTTPStatus: 500})
		got, _ := readDS(ctx, t, fast, subtasks, nil)
		want, _ := readDS(ctx, t, fw, subtasks, nil)
		if len(got.Diagnostics) == 0 || got.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError {
			t.Fatalf("want an error, got %v", got.Diagnostics)
		}
		sameDiagnostics(t, got.Diagnostics, want.Diagnostics)
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func readDS(ctx context.Context, t *testing.T, r *acctest.DataSourceReader, typ string, attrs map[string]tftypes.Value) (*tfprotov6.ReadDataSourceResponse, tftypes.Object) {
	t.Helper()
	resp, st, err := r.ReadResponse(ctx, typ, attrs)
	if err != nil {
		t.Fatal(err)
	}
	return resp, st
}

func decode(t *testing.T, resp *tfprotov6.ReadDataSourceResponse, typ tftypes.Object) tftypes.Value {
	t.Helper()
	if resp.State == nil {
		t.Fatalf("no state (diagnostics %v)", resp.Diagnostics)
	}
	v, err := resp.State.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// requestIDRE is a request id in an error's text: each call has its own.
var requestIDRE = regexp.MustCompile(`[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}`)

func sameDiagnostics(t *testing.T, got, want []*tfprotov6.Diagnostic) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d diagnostics, the framework's %d: %v / %v", len(got), len(want), got, want)
	}
	for i := range got {
		g, w := got[i], want[i]
		if g.Severity != w.Severity || g.Summary != w.Summary ||
			requestIDRE.ReplaceAllString(g.Detail, "ID") != requestIDRE.ReplaceAllString(w.Detail, "ID") ||
			!g.Attribute.Equal(w.Attribute) {
			t.Errorf("diagnostic %d: %+v, the framework's %+v", i, g, w)
		}
	}
}

// TestProtoDiagnostics: attribute paths survive the fast path's
// conversion of diagnostics.
func TestProtoDiagnostics(t *testing.T) {
	var diags diag.Diagnostics
	diags.AddAttributeError(path.Root("jobs").AtListIndex(3).AtName("id"), "bad job", "detail")
	diags.AddAttributeWarning(path.Root("endpoints").AtMapKey("sas"), "odd endpoint", "")
	diags.AddError("no path", "")
	got := provider.ProtoDiagnostics(context.Background(), diags)
	want := []*tfprotov6.Diagnostic{
		{Severity: tfprotov6.DiagnosticSeverityError, Summary: "bad job", Detail: "detail",
			Attribute: tftypes.NewAttributePath().WithAttributeName("jobs").WithElementKeyInt(3).WithAttributeName("id")},
		{Severity: tfprotov6.DiagnosticSeverityWarning, Summary: "odd endpoint",
			Attribute: tftypes.NewAttributePath().WithAttributeName("endpoints").WithElementKeyString("sas")},
		{Severity: tfprotov6.DiagnosticSeverityError, Summary: "no path"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d diagnostics, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Severity != w.Severity || g.Summary != w.Summary || g.Detail != w.Detail || !g.Attribute.Equal(w.Attribute) {
			t.Errorf("diagnostic %d: got %+v (path %v), want %+v (path %v)", i, g, g.Attribute, w, w.Attribute)
		}
	}
}

// The fast path's server still offers what tf6server looks for beyond
// ProviderServer: list resources (terraform query) and actions.
func TestNewServer_listResourcesAndActions(t *testing.T) {
	server, err := provider.NewServer("test", acctest.Tuning())()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := server.(tfprotov6.ListResourceServer); !ok {
		t.Error("the server serves no list resources")
	}
	if _, ok := server.(tfprotov6.ActionServer); !ok {
		t.Error("the server serves no actions")
	}
}
