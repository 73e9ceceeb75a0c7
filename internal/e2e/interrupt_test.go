package e2e_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// interruptBound is the test's bound on the time from SIGINT to Terraform's
// exit: the provider promises 2 s; the test allows more so a loaded CI
// machine does not flake, and prints the figure (make bench measures it).
const interruptBound = 5 * time.Second

const (
	interruptAliRole = "acs:ram::1234567890:role/interrupt"
	interruptTCRole  = "qcs::cam::uin/1234567890:roleName/interrupt"
)

// interruptVendor is one vendor's data source, the API it reads and its
// STS product (mock names).
type interruptVendor struct {
	name, data, product, action, throttle, sts string
}

var interruptVendors = []interruptVendor{
	{"alibaba", `data "cloudtrack_actiontrail_trails" "all" {}`, mockcloud.ActionTrailProduct, "DescribeTrails", "Throttling.User", mockcloud.StsProduct},
	{"tencent", `data "cloudtrack_cloudaudit_tracks" "all" {}`, mockcloud.CloudAuditProduct, "DescribeAuditTracks", "RequestLimitExceeded", mockcloud.StsTencentProduct},
}

// interruptPlan runs terraform plan on main.tf, sends it SIGINT once the
// mock has served n calls of api, and returns how long Terraform took to
// exit after the signal and its output.
func interruptPlan(t *testing.T, e *acctest.Env, mainTF, api string, n int) (time.Duration, string) {
	t.Helper()
	took, out, _ := interruptRun(t, e, mainTF, api, n, "plan", "-input=false", "-no-color")
	return took, out
}

// interruptRun is interruptPlan for any command; it also returns the CLI.
func interruptRun(t *testing.T, e *acctest.Env, mainTF, api string, n int, args ...string) (time.Duration, string, *acctest.CLI) {
	t.Helper()
	cli := e.NewCLI(t, "")
	cli.Write("main.tf", mainTF)
	cli.MustRun("init", "-input=false", "-no-color")
	cmd, out := cli.Start(args...)
	signalled := make(chan time.Time, 1)
	e.WhenCalled(api, n, func() {
		at := time.Now()
		if err := cmd.Process.Signal(os.Interrupt); err != nil {
			t.Errorf("SIGINT: %s", err)
		}
		signalled <- at
	})
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	var err error
	select {
	case err = <-exited:
	case <-time.After(3 * time.Minute):
		_ = cmd.Process.Kill()
		t.Logf("terraform killed: %v", <-exited)
		t.Fatalf("terraform %s neither finished nor was interrupted within 3 min:\n%s", args[0], out)
	}
	end := time.Now()
	var at time.Time
	select {
	case at = <-signalled:
	default:
		t.Fatalf("terraform %s ended (%v) before the mock served %d calls of %s:\n%s", args[0], err, n, api, out)
	}
	if err == nil {
		t.Errorf("an interrupted %s exited 0:\n%s", args[0], out)
	}
	t.Logf("terraform %s (%v):\n%s", args[0], err, out)
	return end.Sub(at), out.String(), cli
}

// checkInterruptBound prints how long Terraform took to exit after SIGINT
// during what, and fails t past interruptBound.
func checkInterruptBound(t *testing.T, what string, took time.Duration, out string) {
	t.Helper()
	t.Logf("%s: terraform exited %s later", what, took.Round(time.Millisecond))
	if took > interruptBound {
		t.Errorf("terraform exited %s after SIGINT; want within 2 s (test bound %s):\n%s", took, interruptBound, out)
	}
}

func requiredProviders() string {
	return `terraform {
  required_providers {
    cloudtrack = { source = "cloudtrack/cloudtrack" }
  }
}
`
}

// Ctrl-C during a read the vendor throttles for ever (the throttle budget
// is a minute): Terraform exits within the bound, on each vendor.
func TestAccE2E_interruptThrottledRead(t *testing.T) {
	for _, v := range interruptVendors {
		t.Run(v.name, func(t *testing.T) {
			e := acctest.New(t)
			e.NeedsMock(t, "throttles the read through the mock's faults")
			e.Mock().AddFault(mockcloud.Fault{Product: v.product, Action: v.action, Code: v.throttle})
			took, out := interruptPlan(t, e, requiredProviders()+e.ProviderConfig()+v.data, v.product+"."+v.action, 2)
			checkInterruptBound(t, v.name+": SIGINT during a throttled read", took, out)
		})
	}
}

// Ctrl-C while the provider waits for AssumeRole (STS answers after a
// minute): Terraform exits within the bound, on each vendor.
func TestAccE2E_interruptAssumeRole(t *testing.T) {
	for _, v := range interruptVendors {
		t.Run(v.name, func(t *testing.T) {
			e := acctest.New(t, func(o *mockcloud.Options) {
				o.Roles = []mockcloud.Role{
					{ARN: interruptAliRole, Trusted: []string{mockcloud.DefaultAccessKeyID}},
					{ARN: interruptTCRole, Trusted: []string{mockcloud.DefaultSecretID}},
				}
			})
			e.NeedsMock(t, "seeds roles and slows STS through the mock's faults")
			e.Mock().AddFault(mockcloud.Fault{Product: v.sts, Action: "AssumeRole", Mode: mockcloud.FaultLatency, Latency: time.Minute})
			provider := e.ProviderBlock(
				acctest.StaticAlicloudKeys+fmt.Sprintf("\n    assume_role { role_arn = %q }", interruptAliRole),
				acctest.StaticTencentKeys+fmt.Sprintf("\n    assume_role { role_arn = %q }", interruptTCRole))
			took, out := interruptPlan(t, e, requiredProviders()+provider+v.data, v.sts+".AssumeRole", 1)
			checkInterruptBound(t, v.name+": SIGINT during AssumeRole", took, out)
			if strings.Contains(out, "panic") {
				t.Errorf("the provider panicked:\n%s", out)
			}
		})
	}
}

// interruptCreate is one vendor's resource for the create interrupts: its
// create and list APIs (mock names), its configuration (name, then extra
// lines) and how many objects of a name the mock holds.
type interruptCreate struct {
	name, product, action, find, body string
	count                             func(*mockcloud.Server, string) int
}

var interruptCreates = []interruptCreate{
	{"alibaba", mockcloud.ActionTrailProduct, "CreateTrail", "DescribeTrails",
		`resource "cloudtrack_actiontrail_trail" "t" {
  name            = %q
  sls_project_arn = "acs:log:cn-hangzhou:1234567890:project/audit-logs"
}
`, func(m *mockcloud.Server, name string) int {
			return countNamed(m.Trails(), func(tr mockcloud.Trail) string { return tr.Name }, name)
		}},
	{"tencent", mockcloud.CloudAuditProduct, "CreateAuditTrack", "DescribeAuditTracks",
		`resource "cloudtrack_cloudaudit_track" "t" {
  name          = %q
  action_type   = "Write"
  resource_type = "cos"
  event_names   = ["PutObject"]
  storage = {
    type   = "cos"
    region = "ap-guangzhou"
    name   = "audit-bucket"
    prefix = "cloudaudit"
  }
}
`, func(m *mockcloud.Server, name string) int {
			return countNamed(m.AuditTracks(), func(tr mockcloud.AuditTrack) string { return tr.Name }, name)
		}},
}

// countNamed is how many of objects nameOf names name.
func countNamed[T any](objects []T, nameOf func(T) string, name string) int {
	n := 0
	for _, o := range objects {
		if nameOf(o) == name {
			n++
		}
	}
	return n
}

// Ctrl-C while a create is in flight (the vendor answers after a minute):
// Terraform exits within the bound, the create is reported of unknown
// outcome, and the next apply ends with exactly one object (the aborted
// request made nothing at the mock; a real vendor's commit is reconciled
// like a lost answer).
func TestAccE2E_interruptCreateInFlight(t *testing.T) {
	for _, tc := range interruptCreates {
		t.Run(tc.name, func(t *testing.T) {
			e := acctest.New(t)
			e.NeedsMock(t, "slows the create through the mock's faults and counts what it holds")
			name := strings.ToLower(acctest.RandomName("intr"))
			e.Mock().AddFault(mockcloud.Fault{Product: tc.product, Action: tc.action, Mode: mockcloud.FaultLatency, Latency: time.Minute, Count: 1})
			took, out, cli := interruptRun(t, e, requiredProviders()+e.ProviderConfig()+fmt.Sprintf(tc.body, name),
				tc.product+"."+tc.action, 1, "apply", "-auto-approve", "-input=false", "-no-color")
			checkInterruptBound(t, tc.name+": SIGINT during a create in flight", took, out)
			if !strings.Contains(out, "outcome is unknown") {
				t.Errorf("the error does not say the create's outcome is unknown:\n%s", out)
			}
			cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
			if n := tc.count(e.Mock(), name); n != 1 {
				t.Errorf("after the interrupted apply and a second one, %d objects named %s; want 1", n, name)
			}
		})
	}
}

// Ctrl-C during the look-up a create makes after its timeout ran out with
// its outcome unknown (the look-up runs detached from the expired timeout,
// for up to 30 s of its own): Terraform exits within the bound, the error
// still says the object may have been made and how to import it, and the
// next apply ends with exactly one object.
func TestAccE2E_interruptFindAfterCreateTimeout(t *testing.T) {
	for _, tc := range interruptCreates {
		t.Run(tc.name, func(t *testing.T) {
			e := acctest.New(t)
			e.NeedsMock(t, "slows the create and its look-up through the mock's faults and counts what it holds")
			name := strings.ToLower(acctest.RandomName("intr"))
			// The create's answer outlasts timeouts.create (2 s); the
			// look-up that follows is slow too.
			e.Mock().AddFault(mockcloud.Fault{Product: tc.product, Action: tc.action, Mode: mockcloud.FaultLatency, Latency: time.Minute, Count: 1})
			e.Mock().AddFault(mockcloud.Fault{Product: tc.product, Action: tc.find, Mode: mockcloud.FaultLatency, Latency: time.Minute, Count: 1})
			body := fmt.Sprintf(tc.body, name)
			body = body[:strings.LastIndex(body, "}")] + "  timeouts {\n    create = \"2s\"\n  }\n}\n"
			took, out, cli := interruptRun(t, e, requiredProviders()+e.ProviderConfig()+body,
				tc.product+"."+tc.find, 1, "apply", "-auto-approve", "-input=false", "-no-color")
			checkInterruptBound(t, tc.name+": SIGINT during the look-up after the create timeout", took, out)
			flat := acctest.FlatOutput(out) // Terraform wraps the error
			for _, want := range []string{"timeout ran out", "Ctrl-C", "may have been created", "import it: terraform import"} {
				if !strings.Contains(flat, want) {
					t.Errorf("the error does not say %q:\n%s", want, out)
				}
			}
			cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
			if n := tc.count(e.Mock(), name); n != 1 {
				t.Errorf("after the interrupted apply and a second one, %d objects named %s; want 1", n, name)
			}
		})
	}
}
