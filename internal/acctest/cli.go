package acctest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// CLI drives the Terraform CLI of TF_ACC_TERRAFORM_PATH directly, for what
// terraform-plugin-testing cannot express (apply -invoke, terraform test).
// The provider is served in this test process and Terraform reattaches to
// it (TF_REATTACH_PROVIDERS), as terraform-plugin-testing does: no build,
// no registry, the test's tuning, and the mock of the test's Env.
type CLI struct {
	t       *testing.T
	Bin     string
	Dir     string
	Version *version.Version
	env     []string
}

// reattachAddrs are the addresses the served provider answers for: the
// configurations' "cloudtrack/cloudtrack" and the implied
// "hashicorp/cloudtrack", on both registries.
var reattachAddrs = []string{
	"registry.terraform.io/cloudtrack/cloudtrack",
	"registry.terraform.io/hashicorp/cloudtrack",
	"registry.opentofu.org/cloudtrack/cloudtrack",
	"registry.opentofu.org/hashicorp/cloudtrack",
}

// NewCLI skips the test unless TF_ACC is set and the CLI passes checks
// (tfversion.SkipBelow and friends, the gates resource.Test uses), then
// serves the provider and returns a CLI working in dir (a new temporary
// directory when dir is "").
func (e *Env) NewCLI(t *testing.T, dir string, checks ...tfversion.TerraformVersionCheck) *CLI {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 to run it")
	}
	bin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("terraform"); err != nil {
			t.Skip("no Terraform CLI: set TF_ACC_TERRAFORM_PATH (scripts/tf-env.sh does)")
		}
	}
	env := cliEnv(t)
	v, err := cliVersion(bin, env)
	if err != nil {
		t.Fatalf("reading the version of %s: %s", bin, err)
	}
	ctx := context.Background()
	for _, c := range checks {
		var resp tfversion.CheckTerraformVersionResponse
		c.CheckTerraformVersion(ctx, tfversion.CheckTerraformVersionRequest{TerraformVersion: v}, &resp)
		if resp.Error != nil {
			t.Fatal(resp.Error)
		}
		if resp.Skip != "" {
			t.Skip(resp.Skip)
		}
	}
	if dir == "" {
		dir = t.TempDir()
	}
	c := &CLI{t: t, Bin: bin, Dir: dir, Version: v}
	c.env = append(env, "TF_REATTACH_PROVIDERS="+e.serveProvider(t))
	return c
}

// cliEnv is the process environment without the caller's CLI setup, which
// must not change what a test does, and with an empty CLI configuration (an
// absent one makes OpenTofu print a warning to stdout).
func cliEnv(t *testing.T) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(k, "TF_CLI_ARGS"), k == "TF_CLI_CONFIG_FILE", k == "TF_DATA_DIR",
			k == "TF_PLUGIN_CACHE_DIR", k == "TF_WORKSPACE", k == "TF_REATTACH_PROVIDERS", k == "TF_LOG":
			continue
		}
		env = append(env, kv)
	}
	empty := filepath.Join(t.TempDir(), "empty.tfrc")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	return append(env, "TF_CLI_CONFIG_FILE="+empty, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0")
}

func cliVersion(bin string, env []string) (*version.Version, error) {
	cmd := exec.Command(bin, "version", "-json")
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	// Anything before the JSON (a warning) is not part of it.
	if i := bytes.IndexByte(out, '{'); i > 0 {
		out = out[i:]
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, err
	}
	return version.NewVersion(v.Version)
}

// serveProvider serves the provider bound to e's mock in this process until
// the test ends, and returns its TF_REATTACH_PROVIDERS value.
func (e *Env) serveProvider(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cfgCh := make(chan *plugin.ReattachConfig, 1)
	closeCh := make(chan struct{})
	server, err := provider.NewServer("test", e.tuning())()
	if err != nil {
		cancel()
		t.Fatalf("building the provider server: %s", err)
	}
	go func() {
		err := tf6server.Serve(reattachAddrs[0], func() tfprotov6.ProviderServer { return server },
			tf6server.WithDebug(ctx, cfgCh, closeCh),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t),
		)
		if err != nil {
			t.Errorf("serving the provider: %s", err)
			close(cfgCh)
		}
	}()
	cfg, ok := <-cfgCh
	if !ok || cfg == nil {
		cancel()
		t.FailNow()
	}
	t.Cleanup(func() {
		cancel()
		<-closeCh
	})
	type addr struct{ Network, String string }
	type reattachConfig struct {
		Protocol        string
		ProtocolVersion int
		Pid             int
		Test            bool
		Addr            addr
	}
	rc := reattachConfig{Protocol: string(cfg.Protocol), ProtocolVersion: cfg.ProtocolVersion, Pid: cfg.Pid, Test: cfg.Test,
		Addr: addr{Network: cfg.Addr.Network(), String: cfg.Addr.String()}}
	all := map[string]reattachConfig{}
	for _, a := range reattachAddrs {
		all[a] = rc
	}
	b, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Write writes a file of the working directory.
func (c *CLI) Write(name, content string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.Dir, name), []byte(content), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// Run runs the CLI with args in the working directory and returns what it
// wrote to stdout and stderr, and its error (an *exec.ExitError when it
// exited non-zero).
func (c *CLI) Run(args ...string) (string, error) {
	c.t.Helper()
	cmd := exec.Command(c.Bin, args...)
	cmd.Dir = c.Dir
	cmd.Env = c.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := RunBounded(c.t, cmd)
	c.t.Logf("%s %s (exit %v):\n%s", filepath.Base(c.Bin), strings.Join(args, " "), cmd.ProcessState.ExitCode(), out.String())
	return out.String(), err
}

// MustRun is Run that fails the test on an error.
func (c *CLI) MustRun(args ...string) string {
	c.t.Helper()
	out, err := c.Run(args...)
	if err != nil {
		c.t.Fatalf("%s %s: %s", filepath.Base(c.Bin), strings.Join(args, " "), err)
	}
	return out
}

// CommandBound is how long RunBounded lets a command run.
const CommandBound = 15 * time.Minute

// RunBounded runs cmd (from exec.Command, not started) for t: past
// CommandBound, or when t ends, the command gets SIGINT as at Ctrl-C (and
// is killed 30 s later) and t fails saying so. A command stuck on a wait
// (Terraform, or the provider it drives) fails its test with a message
// instead of hanging the package until go test's -timeout (60 min in make
// test).
func RunBounded(t testing.TB, cmd *exec.Cmd) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), CommandBound)
	defer cancel()
	if cmd.WaitDelay == 0 {
		// Output pipes a child of the command (a provider) holds open.
		cmd.WaitDelay = 30 * time.Second
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() {
		_ = cmd.Process.Signal(os.Interrupt)
		time.AfterFunc(30*time.Second, func() { _ = cmd.Process.Kill() })
	})
	err := cmd.Wait()
	if !stop() {
		t.Errorf("%s %s did not end within %s (or before its test ended): interrupted", filepath.Base(cmd.Path), strings.Join(cmd.Args[1:], " "), CommandBound)
	}
	return err
}

// String names the CLI and its version, for messages.
func (c *CLI) String() string { return fmt.Sprintf("%s %s", c.Bin, c.Version) }

// Start starts the CLI with args in the working directory and returns at
// once, for tests that signal it (Ctrl-C): the caller waits for cmd and
// reads out after.
func (c *CLI) Start(args ...string) (cmd *exec.Cmd, out *bytes.Buffer) {
	c.t.Helper()
	cmd = exec.Command(c.Bin, args...)
	cmd.Dir = c.Dir
	cmd.Env = c.env
	out = &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		c.t.Fatalf("starting %s %s: %s", filepath.Base(c.Bin), strings.Join(args, " "), err)
	}
	return cmd, out
}
