package mockcloud

import (
	"sync"
)

// cloudState is everything the mock cloud remembers between calls: one section
// per product, each JSON-serialisable so the whole value can be written to
// Options.StateFile. Products added later (Cdn, dcdn, Sas, CloudAudit) add
// a section here and initialise it in newState and normalize.
type cloudState struct {
	// Format guards against loading a file written by an incompatible
	// future layout.
	Format      int               `json:"format"`
	ActionTrail *actionTrailState `json:"actiontrail"`
	Sas         *sasState         `json:"sas"`
	CloudAudit  *cloudAuditState  `json:"cloudaudit,omitempty"`
	// Reports holds CDN and DCDN deliver tasks and subscriptions, by
	// product key ("cdn", "dcdn").
	Reports map[string]*reportState `json:"reports"`
}

const stateFormat = 1

func newState() *cloudState {
	st := &cloudState{Format: stateFormat}
	st.normalize()
	return st
}

// normalize fills nil sections and maps, as left by an older or hand-edited
// state file.
func (st *cloudState) normalize() {
	if st.Format == 0 {
		st.Format = stateFormat
	}
	if st.ActionTrail == nil {
		st.ActionTrail = &actionTrailState{}
	}
	st.ActionTrail.normalize()
	if st.Sas == nil {
		st.Sas = &sasState{}
	}
	st.Sas.normalize()
	if st.CloudAudit == nil {
		st.CloudAudit = &cloudAuditState{}
	}
	st.CloudAudit.normalize()
	st.Reports = normalizeReportStates(st.Reports)
}

// store guards the state with one mutex. One lock for all products keeps
// cross-product invariants (and the state file) consistent; the mock is
// never busy enough for contention to matter.
type store struct {
	mu    sync.Mutex
	path  string // state file; "" = memory only
	state *cloudState
}

func openStore(path string) (*store, error) {
	st := &store{path: path, state: newState()}
	if path == "" {
		return st, nil
	}
	loaded, err := loadState(path)
	if err != nil {
		return nil, err
	}
	if loaded != nil {
		st.state = loaded
	}
	return st, nil
}

// view runs f under the lock without persisting. f may still make
// derived, reproducible changes (such as advancing job statuses by the
// clock), which need no saving because they are recomputed after a load.
func (st *store) view(f func(*cloudState) error) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	return f(st.state)
}

// update runs f under the lock and, if f succeeds, persists the state.
func (st *store) update(f func(*cloudState) error) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if err := f(st.state); err != nil {
		return err
	}
	if st.path == "" {
		return nil
	}
	return saveState(st.path, st.state)
}
