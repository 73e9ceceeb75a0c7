package e2e_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/mod/sumdb/dirhash"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
)

// releases holds the release snapshots this test binary built, one
// directory of artifacts per version, removed by TestMain.
var releases struct {
	sync.Mutex
	root string
	dist map[string]string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if releases.root != "" {
		_ = os.RemoveAll(releases.root)
	}
	os.Exit(code)
}

// releaseDist builds this machine's release artifacts of version (once per
// test binary) with scripts/release, as make release-snapshot does, and
// returns their directory; scripts/release's mirror of them, with its CLI
// configuration and lock file, is the directory's name + "-mirror".
func releaseDist(t *testing.T, version string) string {
	t.Helper()
	releases.Lock()
	defer releases.Unlock()
	if d, ok := releases.dist[version]; ok {
		return d
	}
	if releases.root == "" {
		root, err := os.MkdirTemp("", "cloudtrack-e2e-release-") //nolint:usetesting // shared by every test of the binary, removed by TestMain
		if err != nil {
			t.Fatal(err)
		}
		releases.root, releases.dist = root, map[string]string{}
	}
	dist := filepath.Join(releases.root, version)
	cmd := exec.Command("go", "run", "./scripts/release", "-targets", "host", "-version", version, "-out", dist, "-mirror", dist+"-mirror")
	cmd.Dir = filepath.Join("..", "..")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := acctest.RunBounded(t, cmd); err != nil {
		t.Fatalf("building the release snapshot %s: %s\n%s", version, err, out.String())
	}
	releases.dist[version] = dist
	return dist
}

// mirror lays out a filesystem mirror, the test's own, holding the
// release snapshots of versions, and returns its directory and a CLI
// configuration that installs cloudtrack/cloudtrack from it only.
func mirror(t *testing.T, versions ...string) (dir, cliConfig string) {
	t.Helper()
	dir = t.TempDir()
	for _, v := range versions {
		addToMirror(t, dir, v)
	}
	cliConfig = filepath.Join(dir, "cli.tfrc")
	write(t, cliConfig, fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %q
    include = ["registry.terraform.io/cloudtrack/cloudtrack", "registry.opentofu.org/cloudtrack/cloudtrack"]
  }
}
`, dir))
	return dir, cliConfig
}

// addToMirror copies the zips of one version into the mirror's packed
// layout, under both registry host names.
func addToMirror(t *testing.T, dir, version string) {
	t.Helper()
	for _, z := range zips(t, releaseDist(t, version)) {
		b, err := os.ReadFile(z)
		if err != nil {
			t.Fatal(err)
		}
		for _, host := range registryHosts {
			d := filepath.Join(dir, host, "cloudtrack", "cloudtrack")
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(d, filepath.Base(z)), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// registryHosts are the hosts "cloudtrack/cloudtrack" resolves to, as
// scripts/release lays its mirror out: Terraform's and OpenTofu's.
var registryHosts = []string{"registry.terraform.io", "registry.opentofu.org"}

func zips(t *testing.T, dist string) []string {
	t.Helper()
	z, err := filepath.Glob(filepath.Join(dist, "*.zip"))
	if err != nil || len(z) != 1 {
		t.Fatalf("want one zip (this machine's) in %s, got %v (%v)", dist, z, err)
	}
	return z
}

// cliRun runs the CLI in dir with the mirror's configuration and the
// process environment without the caller's TF_ settings.
func cliRun(t *testing.T, dir, cliConfig string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(terraformPath(t), args...)
	cmd.Dir = dir
	for k, v := range env(cliConfig) {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	cmd.Env = append(cmd.Env, "TF_IN_AUTOMATION=1", "TF_INPUT=0")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := acctest.RunBounded(t, cmd)
	t.Logf("%s %s:\n%s", filepath.Base(cmd.Path), strings.Join(args, " "), out.String())
	return out.String(), err
}

// lockEntry returns the version and the hashes the lock file of dir
// records for cloudtrack/cloudtrack (under either registry host).
func lockEntry(t *testing.T, dir string) (version string, hashes []string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ".terraform.lock.hcl"))
	if err != nil {
		t.Fatalf("no lock file written: %s", err)
	}
	m := regexp.MustCompile(`(?s)provider "registry\.(?:terraform\.io|opentofu\.org)/cloudtrack/cloudtrack" \{\s*version\s*=\s*"([^"]+)".*?hashes\s*=\s*\[(.*?)\]`).FindSubmatch(b)
	if m == nil {
		t.Fatalf("the lock file has no cloudtrack/cloudtrack entry:\n%s", b)
	}
	for _, h := range regexp.MustCompile(`"((?:h1|zh):[^"]+)"`).FindAllSubmatch(m[2], -1) {
		hashes = append(hashes, string(h[1]))
	}
	return string(m[1]), hashes
}

func wantHashes(t *testing.T, zip string) (h1, zh string) {
	t.Helper()
	h1, err := dirhash.HashZip(zip, dirhash.Hash1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(zip)
	if err != nil {
		t.Fatal(err)
	}
	return h1, fmt.Sprintf("zh:%x", sha256.Sum256(b))
}

const installConfig = `terraform {
  required_providers {
    cloudtrack = { source = "cloudtrack/cloudtrack" }
  }
}

provider "cloudtrack" {}
`

// Installed as users install it: terraform init from a filesystem mirror of
// the release artifacts writes a lock file whose h1: hash is that of the
// release zip, and prints no development override warning; init against a
// lock file refuses a zip changed by one byte; init -upgrade moves the lock
// file to a newer snapshot. Invariant: the CLI runs only the provider
// package the lock file names.
func TestAccE2E_installFromMirror(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	mirrorDir, cliConfig := mirror(t, "0.1.0")
	work := t.TempDir()
	write(t, filepath.Join(work, "main.tf"), installConfig)

	out, err := cliRun(t, work, cliConfig, "init", "-no-color")
	if err != nil {
		t.Fatalf("init from the mirror: %s", err)
	}
	if strings.Contains(strings.ToLower(out), "development overrides") {
		t.Errorf("init printed a development override warning")
	}
	zip := zips(t, releaseDist(t, "0.1.0"))[0]
	h1, zh := wantHashes(t, zip)
	v, hashes := lockEntry(t, work)
	if v != "0.1.0" || !slices.Contains(hashes, h1) {
		t.Errorf("lock file: version %s hashes %v, want 0.1.0 with %s", v, hashes, h1)
	}
	if _, err := cliRun(t, work, cliConfig, "validate", "-no-color"); err != nil {
		t.Errorf("validate with the installed provider: %s", err)
	}

	// The lock file of a registry install (scripts/release writes it to
	// the mirror) carries zh: hashes too; init checks against them and keeps
	// them.
	locked := t.TempDir()
	write(t, filepath.Join(locked, "main.tf"), installConfig)
	lock, err := os.ReadFile(releaseDist(t, "0.1.0") + "-mirror/.terraform.lock.hcl")
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(locked, ".terraform.lock.hcl"), string(lock))
	if _, err := cliRun(t, locked, cliConfig, "init", "-no-color"); err != nil {
		t.Fatalf("init against the release's lock file: %s", err)
	}
	if _, hashes := lockEntry(t, locked); !slices.Contains(hashes, h1) || !slices.Contains(hashes, zh) {
		t.Errorf("lock file after init: %v, want %s and %s", hashes, h1, zh)
	}

	// One byte changed in the zip: init against the lock file refuses it.
	for _, host := range registryHosts {
		tamper(t, filepath.Join(mirrorDir, host, "cloudtrack", "cloudtrack", filepath.Base(zip)))
	}
	if err := os.RemoveAll(filepath.Join(work, ".terraform")); err != nil {
		t.Fatal(err)
	}
	out, err = cliRun(t, work, cliConfig, "init", "-no-color")
	if err == nil {
		t.Fatalf("init installed a tampered zip")
	}
	if !regexp.MustCompile(`doesn't match any of the checksums previously recorded in the dependency lock file`).MatchString(acctest.FlatOutput(out)) {
		t.Errorf("init refused the tampered zip for another reason")
	}

	// A newer snapshot beside the original: init -upgrade moves the lock
	// file to it.
	for _, host := range registryHosts {
		b, err := os.ReadFile(zip)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(mirrorDir, host, "cloudtrack", "cloudtrack", filepath.Base(zip)), string(b))
	}
	addToMirror(t, mirrorDir, "0.1.1")
	if _, err := cliRun(t, work, cliConfig, "init", "-no-color", "-upgrade"); err != nil {
		t.Fatalf("init -upgrade: %s", err)
	}
	newH1, _ := wantHashes(t, zips(t, releaseDist(t, "0.1.1"))[0])
	if v, hashes := lockEntry(t, work); v != "0.1.1" || !slices.Contains(hashes, newH1) || slices.Contains(hashes, h1) {
		t.Errorf("lock file after init -upgrade: version %s hashes %v, want 0.1.1 with %s only", v, hashes, newH1)
	}
}

// tamper rewrites a release zip with one byte of its README changed: a
// well-formed package that is not the one released.
func tamper(t *testing.T, path string) {
	t.Helper()
	r, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	changed := false
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !changed && strings.HasPrefix(f.Name, "README") {
			b[0] ^= 0x20
			changed = true
		}
		h := f.FileHeader
		fw, err := w.CreateHeader(&h)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	r.Close()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !changed {
		t.Fatal("the zip has no README to change")
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
