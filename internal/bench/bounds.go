//go:build unix

package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// Issue #16's bounds: Ctrl-C ends every call within 2 s; ten parallel
// operations with STS down make one AssumeRole retry sequence.
const (
	targetInterrupt = "< 2 s"
	targetSTSDown   = "1 sequence (1 + max_retries)"
)

const (
	benchAliRole = "acs:ram::1234567890:role/bench"
	benchTCRole  = "qcs::cam::uin/1234567890:roleName/bench"
	// benchMaxRetries keeps a failing AssumeRole sequence short (its
	// backoff is the production one).
	benchMaxRetries = 2
)

// boundsVendor is one vendor's data source, the API it reads, how the
// vendor says "throttled" and its STS product (the mock's names).
type boundsVendor struct {
	name, dataType, product, action, throttle, sts string
}

var boundsVendors = []boundsVendor{
	{"Alibaba Cloud", "cloudtrack_actiontrail_trails", mockcloud.ActionTrailProduct, "DescribeTrails", "Throttling.User", mockcloud.StsProduct},
	{"Tencent Cloud", "cloudtrack_cloudaudit_tracks", mockcloud.CloudAuditProduct, "DescribeAuditTracks", "RequestLimitExceeded", mockcloud.StsTencentProduct},
}

// roleProviderConfig is the provider block with a role assumed on each
// vendor through the mock's STS.
func (h *harness) roleProviderConfig() string {
	return fmt.Sprintf(`terraform {
  required_providers {
    cloudtrack = { source = "cloudtrack/cloudtrack" }
  }
}

provider "cloudtrack" {
  max_retries = %[8]d
  alicloud {
    access_key = %[2]q
    secret_key = %[3]q
    region     = %[4]q
    protocol   = "HTTP"
    endpoints  = { actiontrail = %[1]q, sts = %[1]q }
    assume_role { role_arn = %[7]q }
  }
  tencentcloud {
    secret_id  = %[5]q
    secret_key = %[6]q
    region     = "ap-guangzhou"
    protocol   = "HTTP"
    endpoints  = { cloudaudit = %[1]q, sts = %[1]q }
    assume_role { role_arn = %[9]q }
  }
}
`, h.addr, mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret, mockcloud.DefaultRegion,
		mockcloud.DefaultSecretID, mockcloud.DefaultSecretKey, benchAliRole, benchMaxRetries, benchTCRole)
}

// seedRoles resets the mock and adds the roles roleProviderConfig assumes.
func (h *harness) seedRoles() error {
	if err := h.reset(); err != nil {
		return err
	}
	for _, r := range []map[string]any{
		{"arn": benchAliRole, "trusted": []string{mockcloud.DefaultAccessKeyID}},
		{"arn": benchTCRole, "trusted": []string{mockcloud.DefaultSecretID}},
	} {
		if err := h.admin(http.MethodPost, "/_mock/sts/roles", r, nil); err != nil {
			return err
		}
	}
	return nil
}

func (h *harness) fault(f map[string]any) error {
	return h.admin(http.MethodPost, "/_mock/faults", f, nil)
}

// interrupted runs terraform plan in a directory of body (after the
// provider block config), sends Terraform SIGINT once the mock has served
// n calls of api, and returns the time from the signal to Terraform's exit.
func (h *harness) interrupted(ctx context.Context, name, config, body, api string, n int) (time.Duration, error) {
	dir := filepath.Join(h.work, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config+"\n"+body), 0o600); err != nil {
		return 0, err
	}
	if err := h.zeroCalls(); err != nil {
		return 0, err
	}
	cmd := exec.Command(h.tf, "plan", "-input=false", "-no-color")
	cmd.Dir = dir
	cmd.Env = h.env(filepath.Join(h.work, "usage-"+name))
	out := &lineClock{start: time.Now()}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() { _ = os.WriteFile(filepath.Join(dir, "terraform-plan.log"), out.all.Bytes(), 0o600) }()

	// Poll the mock until the call to interrupt is under way.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		select {
		case err := <-exited:
			return 0, fmt.Errorf("terraform plan ended (%v) before %d calls of %s:\n%s", err, n, api, tail(out.all.String(), 20))
		case <-ctx.Done():
			_ = cmd.Process.Kill()
			logf("terraform killed: %v", <-exited)
			return 0, ctx.Err()
		case <-time.After(5 * time.Millisecond):
		}
		c, err := h.counts()
		if err != nil {
			return 0, err
		}
		if c.Calls[api] >= n {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			logf("terraform killed: %v", <-exited)
			return 0, fmt.Errorf("no %d calls of %s within 2 min", n, api)
		}
	}
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		return 0, err
	}
	select {
	case err := <-exited:
		took := time.Since(sent)
		var exitErr *exec.ExitError
		if err == nil || !errors.As(err, &exitErr) {
			return took, fmt.Errorf("the interrupted plan exited with %v:\n%s", err, tail(out.all.String(), 20))
		}
		return took, nil
	case <-time.After(time.Minute):
		_ = cmd.Process.Kill()
		logf("terraform killed: %v", <-exited)
		return 0, errors.New("terraform did not exit within a minute of SIGINT")
	}
}

// caseInterrupt: SIGINT to terraform plan during a read the vendor
// throttles for ever and during an AssumeRole STS answers after a minute,
// per vendor: the time until Terraform (and the provider) exited.
func caseInterrupt(ctx context.Context, h *harness) ([]row, error) {
	var rows []row
	for _, v := range boundsVendors {
		body := fmt.Sprintf("data %q \"all\" {}\n", v.dataType)
		if err := h.reset(); err != nil {
			return rows, err
		}
		if err := h.fault(map[string]any{"product": v.product, "action": v.action, "mode": "error", "code": v.throttle}); err != nil {
			return rows, err
		}
		took, err := h.interrupted(ctx, "interrupt-read-"+v.product, h.providerConfig(), body, v.product+"."+v.action, 3)
		if err != nil {
			return rows, err
		}
		rows = append(rows, row{Case: "Ctrl-C, " + v.name, Figure: "SIGINT to exit, throttled read", Target: targetInterrupt, Value: fmt.Sprintf("%.3f s", took.Seconds())})

		if err := h.seedRoles(); err != nil {
			return rows, err
		}
		if err := h.fault(map[string]any{"product": v.sts, "action": "AssumeRole", "mode": "latency", "latency_ms": 60000}); err != nil {
			return rows, err
		}
		took, err = h.interrupted(ctx, "interrupt-sts-"+v.product, h.roleProviderConfig(), body, v.sts+".AssumeRole", 1)
		if err != nil {
			return rows, err
		}
		rows = append(rows, row{Case: "Ctrl-C, " + v.name, Figure: "SIGINT to exit, during AssumeRole", Target: targetInterrupt, Value: fmt.Sprintf("%.3f s", took.Seconds())})
	}
	return rows, nil
}

// caseSTSDown: ten data sources read at once (Terraform's parallelism)
// with the role assumed through an STS that answers 503: how many
// AssumeRole calls the provider made, per vendor.
func caseSTSDown(ctx context.Context, h *harness) ([]row, error) {
	var rows []row
	for _, v := range boundsVendors {
		if err := h.seedRoles(); err != nil {
			return rows, err
		}
		if err := h.fault(map[string]any{"product": v.sts, "action": "AssumeRole", "mode": "error", "code": "ServiceUnavailable", "http_status": 503}); err != nil {
			return rows, err
		}
		var body strings.Builder
		for i := range 10 {
			arg := fmt.Sprintf("names = [\"bench-%d\"]", i)
			if v.product == mockcloud.CloudAuditProduct {
				arg = fmt.Sprintf("name = \"bench-%d\"", i)
			}
			fmt.Fprintf(&body, "data %q \"d%d\" {\n  %s\n}\n", v.dataType, i, arg)
		}
		d, err := h.workdirWith("sts-down-"+v.product, h.roleProviderConfig(), body.String())
		if err != nil {
			return rows, err
		}
		if err := h.zeroCalls(); err != nil {
			return rows, err
		}
		r, err := h.terraform(ctx, d, []int{1}, "plan", "-input=false", "-no-color", "-parallelism=10")
		if err != nil {
			return rows, err
		}
		if r.ExitCode != 1 || !strings.Contains(r.Output, "AssumeRole") {
			return rows, fmt.Errorf("want the plan to fail on AssumeRole, got exit %d:\n%s", r.ExitCode, tail(r.Output, 20))
		}
		c, err := h.counts()
		if err != nil {
			return rows, err
		}
		n := c.Calls[v.sts+".AssumeRole"]
		rows = append(rows, row{Case: "10 parallel reads, STS down, " + v.name, Figure: fmt.Sprintf("AssumeRole calls (max_retries %d)", benchMaxRetries),
			Target: targetSTSDown, Value: fmt.Sprintf("%d (%d errors, plan %.1f s)", n, strings.Count(r.Output, "Error: "), r.Wall.Seconds())})
	}
	return rows, nil
}

// workdirWith makes a fresh directory for one Terraform configuration and
// writes main.tf: the provider block config, then body.
func (h *harness) workdirWith(name, config, body string) (string, error) {
	dir := filepath.Join(h.work, name)
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config+"\n"+body), 0o600)
}
