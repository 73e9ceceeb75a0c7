package mockcloud

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault modes.
const (
	// FaultError answers the vendor's error shape with Code and HTTPStatus;
	// nothing is executed.
	FaultError = "error"
	// FaultLatency sleeps for Latency, then handles the request normally.
	FaultLatency = "latency"
	// FaultDrop closes the connection without executing or answering.
	FaultDrop = "drop"
	// FaultCommitThenDrop executes the action (the store changes), then
	// closes the connection without answering: the client sees a transport
	// error for a call that took effect.
	FaultCommitThenDrop = "commit_then_drop"
	// FaultGarble answers HTTP 200 with the start of the action's answer
	// cut off mid-JSON, without executing it: a proxy or a broken gateway
	// truncating the body. The SDKs fail to parse it.
	FaultGarble = "garble"
	// FaultCommitThenGarble executes the action (the store changes), then
	// answers like FaultGarble: a create whose 2xx answer was truncated on
	// the way, so the object exists but the client cannot read its id.
	FaultCommitThenGarble = "commit_then_garble"
	// FaultHTML answers HTTPStatus (default 502) with a gateway's HTML
	// error page instead of the API's JSON, without executing the action:
	// a load balancer or proxy in front of the API failing. Both fronts
	// answer it the same way (Tencent's API answers errors with HTTP 200,
	// but its gateway does not).
	FaultHTML = "html"
)

// Fault makes matching calls misbehave. Faults apply after authentication
// and before rate limiting; the first matching fault (in the order added)
// whose dice roll succeeds fires.
type Fault struct {
	// ID is assigned by AddFault.
	ID string `json:"id,omitempty"`
	// Product ("Actiontrail", "Cdn", "dcdn", "Sas", ...) and Action; ""
	// matches any. Action may list several actions separated by commas
	// ("CreateTrail,DescribeTrails"): the fault then takes the first call
	// of any of them, so faults queued that way hit a call sequence in
	// order whichever action each call is.
	Product string `json:"product,omitempty"`
	Action  string `json:"action,omitempty"`
	// Mode is one of the Fault* constants; "" means FaultLatency when only
	// Latency is set, FaultError otherwise.
	Mode string `json:"mode,omitempty"`
	// Code, HTTPStatus and Message shape the FaultError answer. Defaults:
	// Code "InternalError"; HTTPStatus from the code (Throttling* 400,
	// ServiceUnavailable 503, InternalError 500, else 400); a generic
	// message. HTTPStatus is also the FaultHTML status (500-599, default
	// 502).
	Code       string `json:"code,omitempty"`
	HTTPStatus int    `json:"http_status,omitempty"`
	Message    string `json:"message,omitempty"`
	// Probability is the chance (0-1] that a matching call is hit; 0 means
	// always.
	Probability float64 `json:"probability,omitempty"`
	// Count is how many more times the fault fires; 0 means unlimited. A
	// fault whose count runs out is removed.
	Count int `json:"count,omitempty"`
	// Latency is slept before the fault acts, in every mode. In JSON it is
	// "latency_ms".
	Latency time.Duration `json:"-"`
	// Fired counts how often the fault has fired (read-only).
	Fired int `json:"fired,omitempty"`
	// OnFire, if set, runs each time the fault fires, before it acts (and
	// before the call is executed): Go tests use it to change the cloud at
	// an exact point of a call sequence, such as another client creating
	// the object a create is about to make. Not part of the admin API.
	OnFire func(product, action string) `json:"-"`
}

type faultAlias Fault // drops the methods, so encoding does not recurse

type faultJSON struct {
	faultAlias
	LatencyMS float64 `json:"latency_ms,omitempty"`
}

// MarshalJSON encodes Latency as "latency_ms".
func (f Fault) MarshalJSON() ([]byte, error) {
	return json.Marshal(faultJSON{faultAlias: faultAlias(f), LatencyMS: float64(f.Latency) / float64(time.Millisecond)})
}

// UnmarshalJSON decodes "latency_ms" into Latency.
func (f *Fault) UnmarshalJSON(data []byte) error {
	var v faultJSON
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*f = Fault(v.faultAlias)
	f.Latency = time.Duration(v.LatencyMS * float64(time.Millisecond))
	return nil
}

// normalize fills the defaults documented on Fault and reports a bad mode.
func (f *Fault) normalize() error {
	if f.Mode == "" {
		if f.Latency > 0 && f.Code == "" {
			f.Mode = FaultLatency
		} else {
			f.Mode = FaultError
		}
	}
	switch f.Mode {
	case FaultError, FaultLatency, FaultDrop, FaultCommitThenDrop, FaultGarble, FaultCommitThenGarble, FaultHTML:
	default:
		return fmt.Errorf("unknown fault mode %q (want %s, %s, %s, %s, %s, %s or %s)", f.Mode,
			FaultError, FaultLatency, FaultDrop, FaultCommitThenDrop, FaultGarble, FaultCommitThenGarble, FaultHTML)
	}
	if f.Probability < 0 || f.Probability > 1 {
		return fmt.Errorf("fault probability %v is outside [0, 1]", f.Probability)
	}
	if f.Count < 0 || f.Latency < 0 || f.HTTPStatus < 0 {
		return fmt.Errorf("fault count, latency and http_status must not be negative")
	}
	if f.Mode == FaultHTML {
		if f.HTTPStatus == 0 {
			f.HTTPStatus = http.StatusBadGateway
		}
		if f.HTTPStatus < 500 || f.HTTPStatus > 599 {
			return fmt.Errorf("an html fault answers a 5xx status, not %d", f.HTTPStatus)
		}
	}
	if f.Mode == FaultError {
		if f.Code == "" {
			f.Code = "InternalError"
		}
		if f.HTTPStatus == 0 {
			f.HTTPStatus = defaultErrorStatus(f.Code)
		}
		if f.Message == "" {
			f.Message = defaultErrorMessage(f.Code)
		}
	}
	return nil
}

func defaultErrorStatus(code string) int {
	switch code {
	case "ServiceUnavailable":
		return http.StatusServiceUnavailable
	case "InternalError", "ServerError":
		return http.StatusInternalServerError
	default: // Throttling*, validation errors
		return http.StatusBadRequest
	}
}

func defaultErrorMessage(code string) string {
	switch {
	case strings.HasPrefix(code, "Throttling"), strings.HasSuffix(code, "Throttling"):
		return msgThrottling
	case code == "ServiceUnavailable":
		return "The request has failed due to a temporary failure of the server."
	case code == "InternalError", code == "ServerError":
		return "The request processing has failed due to some unknown error, exception or failure."
	default:
		return "Injected fault: " + code
	}
}

// faultSet holds the active faults in insertion order.
type faultSet struct {
	mu     sync.Mutex
	nextID int
	faults []*Fault
}

func newFaultSet() *faultSet { return &faultSet{} }

func (fs *faultSet) add(f Fault) (string, error) {
	if err := f.normalize(); err != nil {
		return "", err
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.nextID++
	f.ID = "f" + strconv.Itoa(fs.nextID)
	f.Fired = 0
	fs.faults = append(fs.faults, &f)
	return f.ID, nil
}

func (fs *faultSet) remove(id string) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, f := range fs.faults {
		if f.ID == id {
			fs.faults = append(fs.faults[:i], fs.faults[i+1:]...)
			return true
		}
	}
	return false
}

func (fs *faultSet) clear() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.faults = nil
}

func (fs *faultSet) list() []Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	out := make([]Fault, len(fs.faults))
	for i, f := range fs.faults {
		out[i] = *f
	}
	return out
}

// pick returns a copy of the fault that fires for this call, if any,
// consuming one of its Count, after running its OnFire (outside the lock,
// so OnFire may add faults).
func (fs *faultSet) pick(product, action string) (Fault, bool) {
	f, ok := fs.pickLocked(product, action)
	if ok && f.OnFire != nil {
		f.OnFire(product, action)
	}
	return f, ok
}

func (fs *faultSet) pickLocked(product, action string) (Fault, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, f := range fs.faults {
		if (f.Product != "" && !strings.EqualFold(f.Product, product)) || !matchAction(f.Action, action) {
			continue
		}
		if f.Probability > 0 && rand.Float64() >= f.Probability {
			continue
		}
		f.Fired++
		fired := *f
		if f.Count > 0 {
			f.Count--
			if f.Count == 0 {
				fs.faults = append(fs.faults[:i], fs.faults[i+1:]...)
			}
		}
		return fired, true
	}
	return Fault{}, false
}

// matchAction reports whether a fault's Action (one action, a comma
// separated list, or "" for any) matches action.
func matchAction(spec, action string) bool {
	if spec == "" {
		return true
	}
	for _, a := range strings.Split(spec, ",") {
		if strings.EqualFold(strings.TrimSpace(a), action) {
			return true
		}
	}
	return false
}

// sleep waits d or until the client goes away; it reports whether the
// full delay passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// dropConnection closes the client connection without an answer. Hijacking
// is the clean way; if the writer cannot be hijacked (HTTP/2, a recorder)
// the ErrAbortHandler panic makes net/http reset the stream instead.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// writeGarbled answers a FaultGarble: HTTP 200, the vendor's JSON content
// type and request id header, and a body cut off after the request id, as
// a truncated answer of the action would be. It returns the status and the
// code for the front's log line.
func writeGarbled(w http.ResponseWriter, tencent bool, reqID string) (int, string) {
	h := w.Header()
	body := `{"RequestId":"` + reqID + `","`
	if tencent {
		h.Set("Content-Type", "application/json")
		h.Set("X-TC-RequestId", reqID)
		body = `{"Response":{"RequestId":"` + reqID + `","`
	} else {
		h.Set("Content-Type", "application/json;charset=utf-8")
		h.Set("X-Acs-Request-Id", reqID)
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(body))
	return http.StatusOK, "fault:garble"
}

// writeHTMLError answers a FaultHTML: the chosen 5xx status with an HTML
// page such as nginx or a cloud load balancer serves when the API behind it
// fails, and no request id header (the API never saw the call). It returns
// the status and the code for the front's log line.
func writeHTMLError(w http.ResponseWriter, status int) (int, string) {
	text := strconv.Itoa(status) + " " + http.StatusText(status)
	h := w.Header()
	h.Set("Content-Type", "text/html")
	h.Set("Server", "nginx")
	w.WriteHeader(status)
	_, _ = w.Write([]byte("<html>\r\n<head><title>" + text + "</title></head>\r\n<body>\r\n<center><h1>" + text +
		"</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"))
	return status, "fault:html"
}

// AddFault installs a fault and returns its id. An invalid fault (unknown
// mode, probability outside [0,1], negative numbers) is not installed and
// yields "".
func (s *Server) AddFault(f Fault) string {
	id, err := s.faults.add(f)
	if err != nil {
		s.logf("AddFault: %v", err)
		return ""
	}
	return id
}

// RemoveFault removes one fault by id.
func (s *Server) RemoveFault(id string) bool { return s.faults.remove(id) }

// ClearFaults removes every fault.
func (s *Server) ClearFaults() { s.faults.clear() }

// Faults lists the active faults with their remaining counts.
func (s *Server) Faults() []Fault { return s.faults.list() }
