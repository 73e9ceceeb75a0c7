//go:build unix

package main_test

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// As the child: touch 64 MiB, answer a line of stdin on stdout, write to
// stderr, exit 3.
func TestMain(m *testing.M) {
	if os.Getenv("PROVWRAP_TEST_CHILD") == "1" {
		buf := make([]byte, 64<<20)
		for i := range buf {
			buf[i] = byte(i)
		}
		line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
		fmt.Printf("child got %s args %s %d\n", strings.TrimSpace(line), strings.Join(os.Args[1:], ","), buf[len(buf)-1])
		fmt.Fprintln(os.Stderr, "child stderr")
		os.Exit(3)
	}
	os.Exit(m.Run())
}

// The wrapper runs the child with the same arguments and stdio, exits with
// its exit code, and appends the child's pid, CPU time and peak RSS.
func TestWrapperRecordsChildUsage(t *testing.T) {
	dir := t.TempDir()
	wrapper := filepath.Join(dir, "provwrap")
	if out, err := exec.Command("go", "build", "-o", wrapper, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %s\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	usage := filepath.Join(dir, "usage")
	if err := os.WriteFile(usage, []byte("1 0.5 100\n"), 0o600); err != nil { // appended to, not replaced
		t.Fatal(err)
	}
	cmd := exec.Command(wrapper, "-test.run=^$", "x")
	cmd.Env = append(os.Environ(), "PROVWRAP_TEST_CHILD=1", "CLOUDTRACK_BENCH_PROVIDER="+self, "CLOUDTRACK_BENCH_RUSAGE="+usage)
	cmd.Stdin = strings.NewReader("ping\n")
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 3 {
		t.Fatalf("want exit code 3, got %v (stderr %q)", err, stderr.String())
	}
	if want := "child got ping args -test.run=^$,x 255\n"; stdout.String() != want {
		t.Errorf("stdout %q, want %q", stdout.String(), want)
	}
	if !strings.Contains(stderr.String(), "child stderr") {
		t.Errorf("stderr %q", stderr.String())
	}
	data, err := os.ReadFile(usage)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || lines[0] != "1 0.5 100" {
		t.Fatalf("usage file %q, want the old line and one more", data)
	}
	var pid, maxRSS int
	var cpu float64
	if _, err := fmt.Sscanf(lines[1], "%d %f %d", &pid, &cpu, &maxRSS); err != nil {
		t.Fatalf("usage line %q: %s", lines[1], err)
	}
	if pid <= 0 || pid == cmd.Process.Pid || cpu <= 0 || maxRSS < 64<<10 {
		t.Errorf("usage line %q: want the child's pid (not the wrapper's %d), CPU > 0, peak RSS >= 65536 KiB", lines[1], cmd.Process.Pid)
	}
}

// Without its two variables the wrapper says what to set.
func TestWrapperNeedsItsEnvironment(t *testing.T) {
	dir := t.TempDir()
	wrapper := filepath.Join(dir, "provwrap")
	if out, err := exec.Command("go", "build", "-o", wrapper, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %s\n%s", err, out)
	}
	cmd := exec.Command(wrapper)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	out, err := cmd.CombinedOutput()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 2 || !strings.Contains(string(out), "CLOUDTRACK_BENCH_PROVIDER") {
		t.Errorf("got %v, %q", err, out)
	}
}
