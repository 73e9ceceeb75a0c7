package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The targets come from .goreleaser.yml, minus its ignore list: what the
// release workflow would publish.
func TestTargetsFromGoreleaser(t *testing.T) {
	cfg, err := readConfig(filepath.Join("..", "..", ".goreleaser.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tg := range cfg.targets() {
		names = append(names, tg.String())
	}
	got := strings.Join(names, " ")
	want := "darwin_amd64 darwin_arm64 freebsd_386 freebsd_amd64 freebsd_arm freebsd_arm64 linux_386 linux_amd64 linux_arm linux_arm64 windows_386 windows_amd64 windows_arm64"
	if got != want {
		t.Errorf("targets:\n got %s\nwant %s", got, want)
	}
	if _, err := pickTargets(cfg.targets(), "plan9_amd64"); err == nil || !strings.Contains(err.Error(), "linux_amd64") {
		t.Errorf("an unknown target is not refused with the list: %v", err)
	}
}

// A name template this command does not implement is refused, so the
// snapshot cannot silently name its files unlike a release.
func TestChangedTemplateRefused(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", ".goreleaser.yml"))
	if err != nil {
		t.Fatal(err)
	}
	orig := string(b)
	// The manifest's published name is release's extra_files, the last one.
	i := strings.LastIndex(orig, "_manifest.json'")
	for _, c := range []struct{ what, changed string }{
		{"archives[0].name_template", strings.Replace(orig, "_{{ .Os }}_{{ .Arch }}'", "-{{ .Os }}-{{ .Arch }}'", 1)},
		{"release.extra_files[0].name_template", orig[:max(i, 0)] + "-manifest.json'" + orig[max(i, 0)+len("_manifest.json'"):]},
		{"signs[0].signature", strings.Replace(orig, "  - artifacts: checksum\n", "  - artifacts: checksum\n    signature: '${artifact}.asc'\n", 1)},
	} {
		if i < 0 || c.changed == orig {
			t.Fatalf("%s: the template was not found to change", c.what)
		}
		p := filepath.Join(t.TempDir(), ".goreleaser.yml")
		if err := os.WriteFile(p, []byte(c.changed), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := readConfig(p); err == nil || !strings.Contains(err.Error(), c.what) {
			t.Errorf("a changed %s: %v", c.what, err)
		}
	}
}

func TestChangelogVersion(t *testing.T) {
	p := filepath.Join(t.TempDir(), "CHANGELOG.md")
	if err := os.WriteFile(p, []byte("## 0.2.0 (Unreleased)\n\n## 0.1.0\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if v, err := changelogVersion(p); err != nil || v != "0.2.0" {
		t.Errorf("version %q, %v; want 0.2.0", v, err)
	}
}
