//go:build unix

// Command provwrap stands in for the provider binary in make bench's
// dev_overrides, so that the harness (internal/bench) can measure the
// provider process Terraform starts: it runs the real provider, named by
// CLOUDTRACK_BENCH_PROVIDER, as its child with the same arguments,
// environment and stdio (go-plugin's handshake line goes straight from the
// child to Terraform), forwards the signals a parent sends, and once the
// child has exited appends one line to the file named by
// CLOUDTRACK_BENCH_RUSAGE:
//
//	<pid> <user+system CPU seconds> <peak RSS in KiB>
//
// then exits as the child did. Terraform ends a provider through go-plugin:
// a Shutdown call, after which the provider exits by itself and the wrapper
// follows within milliseconds, well inside go-plugin's grace period before
// it would kill the wrapper.
//
// It is a tool of the benchmark only, never shipped.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"syscall"
)

const (
	envProvider = "CLOUDTRACK_BENCH_PROVIDER"
	envRusage   = "CLOUDTRACK_BENCH_RUSAGE"
)

func main() {
	os.Exit(run())
}

func run() int {
	provider, usageFile := os.Getenv(envProvider), os.Getenv(envRusage)
	if provider == "" || usageFile == "" {
		fmt.Fprintf(os.Stderr, "provwrap: set %s (the provider binary) and %s (where to append its usage)\n", envProvider, envRusage)
		return 2
	}
	cmd := exec.Command(provider, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr

	// Caught before the start, so none is lost; forwarded to the child
	// (go-plugin's servers ignore interrupts; Terraform stops them by RPC).
	sigs := make(chan os.Signal, 8)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "provwrap: starting %s: %s\n", provider, err)
		return 1
	}
	go func() {
		for sig := range sigs {
			_ = cmd.Process.Signal(sig)
		}
	}()
	err := cmd.Wait()
	signal.Stop(sigs)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		fmt.Fprintf(os.Stderr, "provwrap: waiting for %s: %s\n", provider, err)
		return 1
	}
	st := cmd.ProcessState
	if ru, ok := st.SysUsage().(*syscall.Rusage); ok {
		cpu := st.UserTime() + st.SystemTime()
		maxRSS := ru.Maxrss // KiB on Linux
		if runtime.GOOS == "darwin" {
			maxRSS /= 1024 // bytes there
		}
		line := fmt.Sprintf("%d %.6f %d\n", st.Pid(), cpu.Seconds(), maxRSS)
		// One short O_APPEND write per process: lines of concurrent
		// providers do not interleave.
		if f, err := os.OpenFile(usageFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600); err == nil {
			_, _ = f.WriteString(line)
			_ = f.Close()
		} else {
			fmt.Fprintf(os.Stderr, "provwrap: %s\n", err)
		}
	}
	if st.Exited() {
		return st.ExitCode()
	}
	return 1 // killed by a signal
}
