package mockcloud_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func TestStateFileSurvivesRestart(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	clock := newFakeClock()
	opts := mockcloud.Options{StateFile: path, Now: clock.Now, JobStep: step}

	first, host := newMock(t, opts)
	seedTrail(t, first, mockcloud.Trail{Name: "t", FailRegions: []string{"cn-shanghai"}})
	c := newClient(t, host, defaultCred())
	id := mustCreate(t, c, "t", "tok")
	pinned, err := first.SeedJob(mockcloud.Job{TrailName: "t", Status: mockcloud.JobComplete})
	if err != nil {
		t.Fatal(err)
	}
	before, _ := first.Job(id)

	data, err := os.ReadFile(path)
	if err != nil || !json.Valid(data) {
		t.Fatalf("state file: %v, valid JSON %v", err, json.Valid(data))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}

	// A new server on the same file carries on where the first stopped.
	second, host2 := newMock(t, opts)
	c2 := newClient(t, host2, defaultCred())
	if len(second.Trails()) != 1 {
		t.Errorf("trails after restart: %+v", second.Trails())
	}
	after, ok := second.Job(id)
	if !ok || !after.CreatedTime.Equal(before.CreatedTime) || after.ClientToken != "tok" || len(after.FailRegions) != 1 {
		t.Fatalf("job after restart = %+v, before %+v", after, before)
	}
	if j, _ := second.Job(pinned); !j.Pinned || j.Status != mockcloud.JobComplete {
		t.Errorf("pinned job after restart = %+v", j)
	}
	if again := mustCreate(t, c2, "t", "tok"); again != id {
		t.Errorf("ClientToken after restart returned %d, want %d", again, id)
	}
	clock.Advance(2 * step)
	if got := mustGet(t, c2, id); got.JobStatus != mockcloud.JobFailed {
		t.Errorf("status after restart and two steps = %d", got.JobStatus)
	}
	if next := mustCreate(t, c2, "t", ""); next != pinned+1 {
		t.Errorf("next id %d, want %d", next, pinned+1)
	}

	if _, err := mockcloud.New(mockcloud.Options{StateFile: filepath.Join(dir, "missing.json")}); err != nil {
		t.Errorf("a missing state file must be fine: %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := mockcloud.New(mockcloud.Options{StateFile: bad}); err == nil {
		t.Errorf("a corrupt state file was accepted")
	}
}
