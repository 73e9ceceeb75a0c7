// The command is package main, so its test is an internal one.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRun(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	addrFile := filepath.Join(dir, "addr")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{
			"-addr", "127.0.0.1:0", "-addr-file", addrFile, "-quiet",
			"-seed-trail", "trail-a", "-seed-trail", "trail-b",
			"-credential", "ak2:sk2:999", "-credential", "ak3:sk3::Sas,Cdn", "-state", filepath.Join(dir, "state.json"),
			"-rate-limit", "Actiontrail.ListDeliveryHistoryJobs=5",
		}, &stdout, &stderr)
	}()

	var addr string
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if data, err := os.ReadFile(addrFile); err == nil && strings.HasSuffix(string(data), "\n") {
			addr = strings.TrimSpace(string(data))
			break
		}
	}
	if addr == "" {
		t.Fatalf("no address written; stderr: %s", stderr.String())
	}

	resp, err := http.Get("http://" + addr + "/_mock/actiontrail/trails")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var trails struct{ Trails []struct{ Name string } }
	if err := json.Unmarshal(body, &trails); err != nil || len(trails.Trails) != 2 {
		t.Errorf("trails = %s (%v)", body, err)
	}

	// The built-in Security Center subtasks are there by default.
	resp, err = http.Get("http://" + addr + "/_mock/sas/subtasks")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	var subtasks struct {
		Subtasks []struct {
			TaskID int64 `json:"task_id"`
		}
	}
	if err := json.Unmarshal(body, &subtasks); err != nil || len(subtasks.Subtasks) != 5 || subtasks.Subtasks[0].TaskID != 4001 {
		t.Errorf("subtasks = %s (%v)", body, err)
	}

	resp, err = http.Get("http://" + addr + "/_mock/ratelimits")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `"per_second": 5`) {
		t.Errorf("rate limits = %s", body)
	}

	out := stdout.String()
	for _, want := range []string{addr, "(HTTP)", "ALIBABA_CLOUD_ACCESS_KEY_ID=mock-access-key-id", "TENCENTCLOUD_SECRET_ID=AKIDmockcloud", "/_mock/"} {
		if !strings.Contains(out, want) {
			t.Errorf("banner lacks %q:\n%s", want, out)
		}
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no shutdown")
	}
	if _, err := os.Stat(filepath.Join(dir, "state.json")); err != nil {
		t.Errorf("state file: %v", err)
	}
}

func TestRunBadFlags(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"-credential", "only-ak"}, {"-nope"}, {"extra"}, {"-rate-limit", "Cdn"}, {"-rate-limit", "Cdn=-1"}} {
		if err := run(context.Background(), args, io.Discard, io.Discard); err == nil {
			t.Errorf("run(%v) succeeded", args)
		}
	}
}
