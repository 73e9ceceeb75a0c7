//go:build unix

package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"unicode/utf8"
)

// printTable writes the rows as a Markdown table, columns padded.
func printTable(w io.Writer, rows []row) {
	head := row{"case", "figure", "target", "measured", "load"}
	all := append([]row{head}, rows...)
	width := make([]int, 5)
	for _, r := range all {
		for i, c := range r.cells() {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range cells {
			fmt.Fprintf(&b, " %s%s |", c, strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)))
		}
		fmt.Fprintln(w, b.String())
	}
	line(head.cells())
	sep := make([]string, 5)
	for i := range sep {
		sep[i] = strings.Repeat("-", width[i])
	}
	line(sep)
	for _, r := range rows {
		line(r.cells())
	}
}

func (r row) cells() []string { return []string{r.Case, r.Figure, r.Target, r.Value, r.Load} }

// loadAverage is "1m 5m 15m" from /proc/loadavg, or "?" where there is none.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func numCPU() int { return runtime.NumCPU() }

// mb formats KiB as MB (10^6 bytes).
func mb(kib int64) string { return fmt.Sprintf("%.0f MB", float64(kib)*1024/1e6) }

// kb formats bytes as kB or MB.
func kb(n int) string {
	if n >= 1e6 {
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
	return fmt.Sprintf("%.0f kB", float64(n)/1e3)
}
