//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// harness holds what every case uses: the builds, the CLI, the running mock.
type harness struct {
	root            string // the repository
	work            string // temporary directory
	tf              string // the CLI
	tfVersion       string
	provider        string // the real provider binary
	providerVersion string
	cliConfig       string // dev_overrides pointing at provwrap
	cmdTimeout      time.Duration

	mock     *exec.Cmd
	mockDone chan struct{}
	addr     string // the mock's host:port
	http     *http.Client
	runs     atomic.Int64 // numbers Terraform runs' usage files
}

func newHarness(ctx context.Context, tfPath string, cmdTimeout time.Duration) (h *harness, err error) {
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp("", "cloudtrack-bench.")
	if err != nil {
		return nil, err
	}
	h = &harness{root: root, work: work, cmdTimeout: cmdTimeout, http: &http.Client{Timeout: 2 * time.Minute}}
	defer func() {
		if err != nil {
			h.close(false)
		}
	}()

	if tfPath == "" {
		logf("finding the CLI (scripts/terraform.sh; builds it the first time)")
		cmd := exec.CommandContext(ctx, "bash", filepath.Join(root, "scripts", "terraform.sh"))
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("scripts/terraform.sh: %w", err)
		}
		tfPath = strings.TrimSpace(string(out))
	}
	h.tf = tfPath
	if out, err := exec.CommandContext(ctx, h.tf, "version").Output(); err == nil {
		h.tfVersion = firstLine(string(out))
	} else {
		return nil, fmt.Errorf("%s version: %w", h.tf, err)
	}

	logf("building the provider, provwrap and the mock into %s", work)
	h.provider = filepath.Join(work, "provider", "terraform-provider-cloudtrack")
	version := "bench"
	if out, err := exec.CommandContext(ctx, "git", "-C", root, "describe", "--tags", "--always", "--dirty").Output(); err == nil {
		version = strings.TrimSpace(string(out))
	}
	h.providerVersion = version
	plugins := filepath.Join(work, "plugins")
	for _, b := range []struct{ out, pkg, ldflags string }{
		{h.provider, ".", "-X main.version=" + version},
		{filepath.Join(plugins, "terraform-provider-cloudtrack"), "./internal/bench/provwrap", ""},
		{filepath.Join(work, "mockcloud"), "./internal/mockcloud/cmd/mockcloud", ""},
	} {
		cmd := exec.CommandContext(ctx, "go", "build", "-ldflags", b.ldflags, "-o", b.out, b.pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build %s: %w\n%s", b.pkg, err, out)
		}
	}
	h.cliConfig = filepath.Join(work, "cli.tfrc")
	cfg := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/cloudtrack/cloudtrack" = %[1]q
    "registry.opentofu.org/cloudtrack/cloudtrack" = %[1]q
  }
  direct {}
}
`, plugins)
	if err := os.WriteFile(h.cliConfig, []byte(cfg), 0o600); err != nil {
		return nil, err
	}
	return h, h.startMock(ctx)
}

// startMock runs the standalone mock with its documented rate limits on
// (the command's default), quiet, without the demo subtasks.
func (h *harness) startMock(ctx context.Context) error {
	addrFile := filepath.Join(h.work, "mock.addr")
	logFile, err := os.Create(filepath.Join(h.work, "mock.log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	h.mock = exec.Command(filepath.Join(h.work, "mockcloud"),
		"-addr", "127.0.0.1:0", "-addr-file", addrFile, "-quiet", "-seed-subtasks=false", "-rate-limits=true")
	h.mock.Stdout, h.mock.Stderr = logFile, logFile
	if err := h.mock.Start(); err != nil {
		return err
	}
	h.mockDone = make(chan struct{})
	go func() { _ = h.mock.Wait(); close(h.mockDone) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case <-h.mockDone:
			return errors.New("the mock exited before it was ready; see " + logFile.Name())
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		if data, err := os.ReadFile(addrFile); err == nil && len(bytes.TrimSpace(data)) > 0 {
			h.addr = string(bytes.TrimSpace(data))
			if h.admin(http.MethodGet, "/_mock/health", nil, nil) == nil {
				logf("mock listening on %s", h.addr)
				return nil
			}
		}
		if time.Now().After(deadline) {
			return errors.New("the mock did not answer /_mock/health within 30s")
		}
	}
}

func (h *harness) close(keep bool) {
	if h.mock != nil && h.mock.Process != nil {
		_ = h.mock.Process.Signal(syscall.SIGTERM)
		select {
		case <-h.mockDone:
		case <-time.After(10 * time.Second):
			_ = h.mock.Process.Kill()
			<-h.mockDone
		}
	}
	if keep {
		logf("work directory kept: %s", h.work)
		return
	}
	_ = os.RemoveAll(h.work)
}

// admin calls the mock's admin API with a JSON body (nil for none) and
// decodes a 2xx answer into out (nil to drop it).
func (h *harness) admin(method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, "http://"+h.addr+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := h.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(data))
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

// reset forgets everything in the mock and zeroes its counters.
func (h *harness) reset() error { return h.admin(http.MethodPost, "/_mock/reset", nil, nil) }

func (h *harness) zeroCalls() error { return h.admin(http.MethodDelete, "/_mock/calls", nil, nil) }

// counts is GET /_mock/calls.
type counts struct {
	Calls         map[string]int `json:"calls"`
	Succeeded     map[string]int `json:"succeeded"`
	Throttled     map[string]int `json:"throttled"`
	ResponseBytes map[string]int `json:"response_bytes"`
}

func (h *harness) counts() (counts, error) {
	var c counts
	err := h.admin(http.MethodGet, "/_mock/calls", nil, &c)
	return c, err
}

// sum adds the entries of m whose "Product.Action" key starts with prefix
// (case-insensitive; "" for all).
func sum(m map[string]int, prefix string) int {
	n := 0
	for k, v := range m {
		if strings.HasPrefix(strings.ToLower(k), strings.ToLower(prefix)) {
			n += v
		}
	}
	return n
}

// workdir makes a fresh directory for one Terraform configuration and
// writes main.tf: the provider block pointed at the mock, then body.
func (h *harness) workdir(name, body string) (string, error) {
	return h.workdirWith(name, h.providerConfig(), body)
}

func (h *harness) providerConfig() string {
	return fmt.Sprintf(`terraform {
  required_providers {
    cloudtrack = { source = "cloudtrack/cloudtrack" }
  }
}

provider "cloudtrack" {
  alicloud {
    access_key = %[2]q
    secret_key = %[3]q
    region     = %[4]q
    protocol   = "HTTP"
    endpoints  = { actiontrail = %[1]q, cdn = %[1]q, dcdn = %[1]q, sas = %[1]q }
  }
  tencentcloud {
    secret_id  = %[5]q
    secret_key = %[6]q
    region     = "ap-guangzhou"
    protocol   = "HTTP"
    endpoints  = { cloudaudit = %[1]q }
  }
}
`, h.addr, mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret, mockcloud.DefaultRegion,
		mockcloud.DefaultSecretID, mockcloud.DefaultSecretKey)
}

// tfRun is what one Terraform command cost.
type tfRun struct {
	Wall   time.Duration
	CPU    float64 // provider CPU seconds (user+system), summed over its processes
	MaxRSS int64   // the largest provider peak RSS, KiB
	Procs  int     // provider processes Terraform started
	// TerraformCPU is the CLI's own CPU seconds: its usage as its parent
	// sees it (which includes the children it reaped) less the providers'.
	TerraformCPU float64
	ExitCode     int
	Output       string
	// Start is when the command started; Lines are its output lines with
	// the time each was read (Terraform prints "Creating..." and "Creation
	// complete" as they happen: the runners case's per-runner timeline).
	Start time.Time
	Lines []timedLine
}

// timedLine is one output line and when it was read, since tfRun.Start.
type timedLine struct {
	At   time.Duration
	Text string
}

// lineClock is the command's stdout and stderr: it keeps everything and
// notes when each line arrived.
type lineClock struct {
	mu    sync.Mutex
	start time.Time
	all   bytes.Buffer
	part  []byte
	lines []timedLine
}

func (w *lineClock) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	at := time.Since(w.start)
	w.all.Write(p)
	w.part = append(w.part, p...)
	for {
		i := bytes.IndexByte(w.part, '\n')
		if i < 0 {
			break
		}
		w.lines = append(w.lines, timedLine{At: at, Text: string(w.part[:i])})
		w.part = w.part[i+1:]
	}
	return len(p), nil
}

// terraform runs the CLI in dir with args, Terraform's environment cleaned
// of the caller's settings; each provider process it starts runs under
// provwrap, whose usage lines are summed. okCodes are the exit codes that
// are not failures (0 always is).
func (h *harness) terraform(ctx context.Context, dir string, okCodes []int, args ...string) (tfRun, error) {
	n := h.runs.Add(1)
	usage := filepath.Join(h.work, fmt.Sprintf("usage-%d", n))
	ctx, cancel := context.WithTimeout(ctx, h.cmdTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, h.tf, args...)
	cmd.Dir = dir
	cmd.Env = h.env(usage)
	// Terraform forwards an interrupt to its providers itself.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	start := time.Now()
	out := &lineClock{start: start}
	cmd.Stdout, cmd.Stderr = out, out
	err := cmd.Run()
	r := tfRun{Wall: time.Since(start), Output: out.all.String(), Start: start, Lines: out.lines}
	var total float64
	if st := cmd.ProcessState; st != nil {
		total = (st.UserTime() + st.SystemTime()).Seconds()
	}
	_ = os.WriteFile(filepath.Join(dir, fmt.Sprintf("terraform-%d-%s.log", n, args[0])), out.all.Bytes(), 0o600)
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		r.ExitCode = exitErr.ExitCode()
		if containsInt(okCodes, r.ExitCode) {
			err = nil
		}
	}
	if uerr := r.readUsage(usage); uerr != nil && err == nil {
		err = uerr
	}
	r.TerraformCPU = max(0, total-r.CPU)
	if err != nil {
		return r, fmt.Errorf("terraform %s: %w\n%s", strings.Join(args, " "), err, tail(r.Output, 30))
	}
	return r, nil
}

// env is Terraform's environment: the caller's cleaned, the harness's CLI
// configuration, and the provider wrapper writing its usage to usage.
func (h *harness) env(usage string) []string {
	return append(cleanEnv(),
		"TF_CLI_CONFIG_FILE="+h.cliConfig,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
		"CLOUDTRACK_BENCH_PROVIDER="+h.provider,
		"CLOUDTRACK_BENCH_RUSAGE="+usage,
	)
}

func (r *tfRun) readUsage(file string) error {
	f, err := os.Open(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil // no provider started
	} else if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var pid int
		var cpu float64
		var rss int64
		if _, err := fmt.Sscanf(sc.Text(), "%d %f %d", &pid, &cpu, &rss); err != nil {
			return fmt.Errorf("usage line %q: %w", sc.Text(), err)
		}
		r.CPU += cpu
		r.MaxRSS = max(r.MaxRSS, rss)
		r.Procs++
	}
	return sc.Err()
}

// output reads a root module output as JSON into v (no provider starts).
func (h *harness) output(ctx context.Context, dir, name string, v any) error {
	r, err := h.terraform(ctx, dir, nil, "output", "-no-color", "-json", name)
	if err != nil {
		return err
	}
	return json.Unmarshal([]byte(r.Output), v)
}

// cleanEnv is this process's environment without what would change a
// run: the caller's Terraform settings, cloud credentials, proxies.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "TF_"), strings.HasPrefix(k, "ALIBABA_CLOUD_"), strings.HasPrefix(k, "ALICLOUD_"),
			strings.HasPrefix(k, "TENCENTCLOUD_"), strings.EqualFold(k, "HTTP_PROXY"), strings.EqualFold(k, "HTTPS_PROXY"),
			strings.EqualFold(k, "ALL_PROXY"), strings.HasPrefix(k, "CLOUDTRACK_BENCH_"):
			continue
		}
		env = append(env, kv)
	}
	return env
}

func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "scripts", "terraform.sh")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run from inside the repository (no go.mod with scripts/terraform.sh above the working directory)")
		}
		dir = parent
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
