// Command release builds the provider's release artifacts locally, named
// and laid out as the release workflow's goreleaser (.goreleaser.yml) names
// and lays them out, without network and without goreleaser itself (which
// would have to be built from the module proxy: hundreds of modules, longer
// than the whole test suite on 2 cores). It reads the targets and the name
// templates from .goreleaser.yml and refuses to run when the templates are
// not the ones it implements, so the two cannot drift apart silently.
//
// Usage (make release-snapshot runs it):
//
//	go run ./scripts/release [-version 0.1.0] [-out dist] [-targets all|host|linux_amd64,...] [-mirror DIR]
//
// It writes to -out:
//
//	terraform-provider-cloudtrack_<version>_<os>_<arch>.zip   one per target
//	terraform-provider-cloudtrack_<version>_manifest.json     the registry manifest
//	terraform-provider-cloudtrack_<version>_SHA256SUMS        sha256 of each of them
//	terraform-provider-cloudtrack_<version>_SHA256SUMS.sig    when GPG_FINGERPRINT names a key
//
// and with -mirror, a filesystem mirror of those zips in the packed layout
// Terraform and OpenTofu read (<DIR>/<host>/cloudtrack/cloudtrack/<zip>, for
// both registry host names), the CLI configuration that installs
// cloudtrack/cloudtrack from it (<DIR>/cli.tfrc), and the dependency lock
// file a registry install of this version writes (<DIR>/.terraform.lock.hcl:
// the h1: hash of every target built and the zh: hash of every zip).
package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/dirhash"
	"gopkg.in/yaml.v3"
)

const projectName = "terraform-provider-cloudtrack"

// The templates this command implements, as .goreleaser.yml writes them.
const (
	binaryTemplate   = "{{ .ProjectName }}_v{{ .Version }}"
	archiveTemplate  = "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}"
	checksumTemplate = "{{ .ProjectName }}_{{ .Version }}_SHA256SUMS"
	manifestTemplate = "{{ .ProjectName }}_{{ .Version }}_manifest.json"
	ldflagsTemplate  = "-s -w -X main.version={{.Version}}"
)

// registryHosts are the hosts a configuration's "cloudtrack/cloudtrack"
// resolves to: Terraform's and OpenTofu's.
var registryHosts = []string{"registry.terraform.io", "registry.opentofu.org"}

type goreleaserConfig struct {
	Builds []struct {
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Ignore  []target `yaml:"ignore"`
		Binary  string   `yaml:"binary"`
		Ldflags []string `yaml:"ldflags"`
		Flags   []string `yaml:"flags"`
		Env     []string `yaml:"env"`
	} `yaml:"builds"`
	Archives []struct {
		Formats      []string `yaml:"formats"`
		NameTemplate string   `yaml:"name_template"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string      `yaml:"name_template"`
		Algorithm    string      `yaml:"algorithm"`
		ExtraFiles   []extraFile `yaml:"extra_files"`
	} `yaml:"checksum"`
	Signs []struct {
		Artifacts string `yaml:"artifacts"`
		Signature string `yaml:"signature"`
	} `yaml:"signs"`
	Release struct {
		ExtraFiles []extraFile `yaml:"extra_files"`
	} `yaml:"release"`
}

type extraFile struct {
	Glob         string `yaml:"glob"`
	NameTemplate string `yaml:"name_template"`
}

type target struct {
	OS   string `yaml:"goos"`
	Arch string `yaml:"goarch"`
}

func (t target) String() string { return t.OS + "_" + t.Arch }

func main() {
	version := flag.String("version", "", "version to build (default: the newest heading of CHANGELOG.md)")
	out := flag.String("out", "dist", "directory for the artifacts (emptied first)")
	targets := flag.String("targets", "all", `"all" (every target of .goreleaser.yml), "host" (this machine's), or a comma-separated list such as linux_amd64,darwin_arm64`)
	mirror := flag.String("mirror", "", "also write a filesystem mirror, its CLI configuration and a lock file into this directory")
	root := flag.String("root", ".", "the repository's root")
	flag.Parse()
	if err := run(*root, *version, *out, *targets, *mirror); err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
}

func run(root, version, out, targetsFlag, mirror string) error {
	cfg, err := readConfig(filepath.Join(root, ".goreleaser.yml"))
	if err != nil {
		return err
	}
	if version == "" {
		if version, err = changelogVersion(filepath.Join(root, "CHANGELOG.md")); err != nil {
			return err
		}
	}
	if !regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`).MatchString(version) {
		return fmt.Errorf("version %q is not a semantic version without a leading v (0.1.0, 0.2.0-rc1)", version)
	}
	all := cfg.targets()
	chosen, err := pickTargets(all, targetsFlag)
	if err != nil {
		return err
	}
	stamp, err := commitTime(root)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	extra, err := archiveFiles(root)
	if err != nil {
		return err
	}
	var files []string
	for _, t := range chosen {
		start := time.Now()
		name, err := buildZip(root, out, version, t, cfg.Builds[0].Flags, stamp, extra)
		if err != nil {
			return fmt.Errorf("%s: %w", t, err)
		}
		fmt.Fprintf(os.Stderr, "release: %s (%.1fs)\n", name, time.Since(start).Seconds())
		files = append(files, name)
	}
	manifest := fmt.Sprintf("%s_%s_manifest.json", projectName, version)
	if err := copyFile(filepath.Join(root, "terraform-registry-manifest.json"), filepath.Join(out, manifest)); err != nil {
		return err
	}
	files = append(files, manifest)
	sums := fmt.Sprintf("%s_%s_SHA256SUMS", projectName, version)
	if err := writeSums(out, sums, files); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "release: %s\n", sums)
	if fp := os.Getenv("GPG_FINGERPRINT"); fp != "" {
		cmd := exec.Command("gpg", "--batch", "--local-user", fp, "--output", filepath.Join(out, sums+".sig"), "--detach-sign", filepath.Join(out, sums))
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("signing %s with GPG key %s: %w", sums, fp, err)
		}
		fmt.Fprintf(os.Stderr, "release: %s.sig (GPG key %s)\n", sums, fp)
	} else {
		fmt.Fprintln(os.Stderr, "release: not signed: set GPG_FINGERPRINT to the release key's fingerprint to write the detached signature the registry needs")
	}
	if mirror != "" {
		if err := writeMirror(out, mirror, version, files[:len(files)-1]); err != nil {
			return err
		}
	}
	return nil
}

func readConfig(path string) (*goreleaserConfig, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cfg goreleaserConfig
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(cfg.Builds) != 1 || len(cfg.Archives) != 1 {
		return nil, fmt.Errorf("%s: one build and one archive expected, as scripts/release implements", path)
	}
	b0, a0 := cfg.Builds[0], cfg.Archives[0]
	checks := []struct{ what, got, want string }{
		{"builds[0].binary", b0.Binary, binaryTemplate},
		{"builds[0].ldflags", strings.Join(b0.Ldflags, " "), ldflagsTemplate},
		{"builds[0].env", strings.Join(b0.Env, " "), "CGO_ENABLED=0"},
		{"archives[0].formats", strings.Join(a0.Formats, " "), "zip"},
		{"archives[0].name_template", a0.NameTemplate, archiveTemplate},
		{"checksum.name_template", cfg.Checksum.NameTemplate, checksumTemplate},
		{"checksum.algorithm", cfg.Checksum.Algorithm, "sha256"},
	}
	// The manifest: summed and published under one name (the registry
	// reads the published one), from the file this command copies.
	for _, ef := range []struct {
		what  string
		files []extraFile
	}{{"checksum.extra_files", cfg.Checksum.ExtraFiles}, {"release.extra_files", cfg.Release.ExtraFiles}} {
		if len(ef.files) != 1 {
			checks = append(checks, struct{ what, got, want string }{ef.what, strconv.Itoa(len(ef.files)), "1"})
			continue
		}
		checks = append(checks,
			struct{ what, got, want string }{ef.what + "[0].glob", ef.files[0].Glob, "terraform-registry-manifest.json"},
			struct{ what, got, want string }{ef.what + "[0].name_template", ef.files[0].NameTemplate, manifestTemplate})
	}
	// The signature: goreleaser's default name, <checksum file>.sig.
	if len(cfg.Signs) == 1 {
		checks = append(checks,
			struct{ what, got, want string }{"signs[0].artifacts", cfg.Signs[0].Artifacts, "checksum"},
			struct{ what, got, want string }{"signs[0].signature", cfg.Signs[0].Signature, ""})
	} else {
		checks = append(checks, struct{ what, got, want string }{"signs", strconv.Itoa(len(cfg.Signs)), "1"})
	}
	for _, c := range checks {
		if c.got != c.want {
			return nil, fmt.Errorf("%s: %s is %q, scripts/release builds %q: change both together", path, c.what, c.got, c.want)
		}
	}
	return &cfg, nil
}

// targets lists goos x goarch minus ignore and minus the pairs Go cannot
// build (darwin_arm), as goreleaser does, sorted by name.
func (c *goreleaserConfig) targets() []target {
	b := c.Builds[0]
	valid := map[string]bool{}
	if out, err := exec.Command("go", "tool", "dist", "list").Output(); err == nil {
		for _, pair := range strings.Fields(string(out)) {
			valid[strings.Replace(pair, "/", "_", 1)] = true
		}
	}
	var ts []target
	for _, os := range b.Goos {
		for _, arch := range b.Goarch {
			t := target{os, arch}
			ignored := len(valid) > 0 && !valid[t.String()]
			for _, ig := range b.Ignore {
				if ig == t {
					ignored = true
				}
			}
			if !ignored {
				ts = append(ts, t)
			}
		}
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].String() < ts[j].String() })
	return ts
}

func pickTargets(all []target, flagValue string) ([]target, error) {
	switch flagValue {
	case "all":
		return all, nil
	case "host":
		flagValue = runtime.GOOS + "_" + runtime.GOARCH
	}
	var picked []target
	for _, name := range strings.Split(flagValue, ",") {
		found := false
		for _, t := range all {
			if t.String() == strings.TrimSpace(name) {
				picked = append(picked, t)
				found = true
			}
		}
		if !found {
			names := make([]string, len(all))
			for i, t := range all {
				names[i] = t.String()
			}
			return nil, fmt.Errorf("-targets: %q is not a target of .goreleaser.yml (%s)", name, strings.Join(names, ", "))
		}
	}
	return picked, nil
}

// changelogVersion is the version of the newest "## X.Y.Z" heading.
func changelogVersion(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	m := regexp.MustCompile(`(?m)^## v?([0-9]+\.[0-9]+\.[0-9]+[^ ]*)`).FindSubmatch(b)
	if m == nil {
		return "", fmt.Errorf("%s has no \"## X.Y.Z\" heading: pass -version", path)
	}
	return string(m[1]), nil
}

// commitTime is the time of HEAD's commit: goreleaser's mod_timestamp, and
// the time of every entry of the zips, so that a rebuild of one commit
// writes the same bytes (and the same hashes).
func commitTime(root string) (time.Time, error) {
	cmd := exec.Command("git", "log", "-1", "--format=%ct")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return time.Unix(0, 0).UTC(), nil //nolint:nilerr // no git: a fixed time keeps the zips reproducible
	}
	sec, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		return time.Time{}, err
	}
	return time.Unix(sec, 0).UTC(), nil
}

// archiveFiles are the files goreleaser puts in every archive beside the
// binary by default (LICENSE*, README*, CHANGELOG*), those that exist.
func archiveFiles(root string) ([]string, error) {
	var files []string
	for _, pattern := range []string{"LICENSE*", "README*", "CHANGELOG*"} {
		m, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			return nil, err
		}
		files = append(files, m...)
	}
	sort.Strings(files)
	return files, nil
}

func buildZip(root, out, version string, t target, flags []string, stamp time.Time, extra []string) (string, error) {
	bin := fmt.Sprintf("%s_v%s", projectName, version)
	if t.OS == "windows" {
		bin += ".exe"
	}
	tmp, err := os.MkdirTemp("", "cloudtrack-release-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	args := append([]string{"build"}, flags...)
	args = append(args, "-ldflags", "-s -w -X main.version="+version, "-o", filepath.Join(tmp, bin), ".")
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	// goreleaser's defaults for the variants: GOARM 6, GOAMD64 v1, GO386 sse2.
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+t.OS, "GOARCH="+t.Arch, "GOARM=6", "GOAMD64=v1", "GO386=sse2")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build: %w", err)
	}
	name := fmt.Sprintf("%s_%s_%s_%s.zip", projectName, version, t.OS, t.Arch)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(path, as string, mode os.FileMode) error {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		h := &zip.FileHeader{Name: as, Method: zip.Deflate, Modified: stamp}
		h.SetMode(mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		_, err = io.Copy(w, f)
		return err
	}
	for _, f := range extra {
		if err := add(f, filepath.Base(f), 0o644); err != nil {
			return "", err
		}
	}
	if err := add(filepath.Join(tmp, bin), bin, 0o755); err != nil {
		return "", err
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return name, os.WriteFile(filepath.Join(out, name), buf.Bytes(), 0o644)
}

func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writeSums writes "<sha256>  <name>" lines sorted by name, as goreleaser does.
func writeSums(dir, name string, files []string) error {
	sorted := append([]string(nil), files...)
	sort.Strings(sorted)
	var b strings.Builder
	for _, f := range sorted {
		sum, err := fileSHA256(filepath.Join(dir, f))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", sum, f)
	}
	return os.WriteFile(filepath.Join(dir, name), []byte(b.String()), 0o644)
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

// writeMirror lays the zips out for a filesystem_mirror (the packed layout:
// HOSTNAME/NAMESPACE/TYPE/terraform-provider-TYPE_VERSION_TARGET.zip), adds
// to an existing mirror (a newer version beside an older one), and writes
// the CLI configuration and this version's lock file.
func writeMirror(dist, mirror, version string, zips []string) error {
	abs, err := filepath.Abs(mirror)
	if err != nil {
		return err
	}
	var h1, zh []string
	for _, z := range zips {
		src := filepath.Join(dist, z)
		for _, host := range registryHosts {
			dir := filepath.Join(abs, host, "cloudtrack", "cloudtrack")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			if err := copyFile(src, filepath.Join(dir, z)); err != nil {
				return err
			}
		}
		h, err := dirhash.HashZip(src, dirhash.Hash1)
		if err != nil {
			return err
		}
		sum, err := fileSHA256(src)
		if err != nil {
			return err
		}
		h1 = append(h1, h)
		zh = append(zh, "zh:"+sum)
	}
	sort.Strings(h1)
	sort.Strings(zh)
	if err := os.WriteFile(filepath.Join(abs, "cli.tfrc"), []byte(cliConfig(abs)), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(abs, ".terraform.lock.hcl"), []byte(lockFile(version, append(h1, zh...))), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "release: mirror %s (CLI configuration %s)\n", abs, filepath.Join(abs, "cli.tfrc"))
	return nil
}

// cliConfig installs cloudtrack/cloudtrack, under both registry host names,
// from the filesystem mirror at dir and nothing from anywhere else: the
// configuration an air-gapped machine uses (a machine that can reach a
// registry adds a direct {} block for the other providers).
func cliConfig(dir string) string {
	return fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %q
    include = ["registry.terraform.io/cloudtrack/cloudtrack", "registry.opentofu.org/cloudtrack/cloudtrack"]
  }
}
`, dir)
}

// lockFile is the dependency lock file entry Terraform writes when it
// installs this version from the registry (which signs the SHA256SUMS, so
// Terraform keeps their zh: hashes): terraform init with a mirror checks the
// zip it installs against these hashes, and keeps them.
func lockFile(version string, hashes []string) string {
	var b strings.Builder
	b.WriteString("# This file is maintained automatically by \"terraform init\".\n# Manual edits may be lost in future updates.\n\n")
	for i, host := range registryHosts {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "provider %q {\n  version = %q\n  hashes = [\n", host+"/cloudtrack/cloudtrack", version)
		for _, h := range hashes {
			fmt.Fprintf(&b, "    %q,\n", h)
		}
		b.WriteString("  ]\n}\n")
	}
	return b.String()
}
