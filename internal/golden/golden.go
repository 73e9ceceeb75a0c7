// Package golden reads the sample answers under a test package's
// testdata/golden (each file a "#" header naming its source, then the body)
// and makes sure a golden test checks every one of them.
package golden

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Dir is where a package keeps its fixtures, relative to the package.
var Dir = filepath.Join("testdata", "golden")

// Read returns a fixture's body: the lines after its "#" header.
func Read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(Dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var body []string
	header := true
	for _, line := range strings.Split(string(b), "\n") {
		if header && (strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "") {
			continue
		}
		header = false
		body = append(body, line)
	}
	return []byte(strings.Join(body, "\n"))
}

// Set runs one subtest per fixture and, at the end of the test, fails for
// every fixture in Dir that no subtest checked.
type Set struct {
	t       *testing.T
	checked map[string]bool
}

// New starts a Set for t.
func New(t *testing.T) *Set {
	s := &Set{t: t, checked: map[string]bool{}}
	t.Cleanup(s.allChecked)
	return s
}

// Check runs f on the body of fixture name as a subtest.
func (s *Set) Check(name string, f func(t *testing.T, body []byte)) {
	s.checked[name] = true
	s.t.Run(name, func(t *testing.T) { f(t, Read(t, name)) })
}

func (s *Set) allChecked() {
	files, _ := filepath.Glob(filepath.Join(Dir, "*.golden"))
	for _, f := range files {
		if !s.checked[filepath.Base(f)] {
			s.t.Errorf("fixture %s is not checked", filepath.Base(f))
		}
	}
}
