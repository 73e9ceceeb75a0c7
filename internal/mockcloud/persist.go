package mockcloud

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// loadState reads a state file; a missing or empty file is not an error
// (nil, nil) so a first start with -state works.
func loadState(path string) (*cloudState, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("mockcloud: reading state file: %w", err)
	}
	if len(data) == 0 {
		return nil, nil
	}
	var st cloudState
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("mockcloud: parsing state file %s: %w", path, err)
	}
	if st.Format > stateFormat {
		return nil, fmt.Errorf("mockcloud: state file %s has format %d, this build reads up to %d", path, st.Format, stateFormat)
	}
	st.normalize()
	return &st, nil
}

// saveState writes the state to a temporary file in the same directory and
// renames it over path, so a crash never leaves a half-written file.
func saveState(path string, st *cloudState) error {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("mockcloud: encoding state: %w", err)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, base+".tmp-*")
	if err != nil {
		return fmt.Errorf("mockcloud: writing state file: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("mockcloud: writing state file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("mockcloud: writing state file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("mockcloud: writing state file: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("mockcloud: writing state file: %w", err)
	}
	return nil
}
