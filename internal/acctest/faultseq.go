package acctest

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// Event is one fault of a create's call sequence: it hits the next call of
// the path's actions (its create, its find, its read-back), in order.
type Event int

// The events ExploreCreateFaults combines. ForeignBefore takes no call: the
// object was made by another run an hour before this one starts. The STS
// events hit the next AssumeRole (paths with AssumeRole only): the first
// session's, or the renewal a token-expired refusal starts.
const (
	Throttled Event = iota
	TokenExpired
	ServerError
	AttemptTimeout
	LostAnswer    // the call took effect; the connection dropped before the answer
	GarbledAnswer // the call took effect; the answer was truncated mid-JSON
	ForeignBetween
	DeadlineReached // the create's deadline passes while this call is in flight
	ForeignBefore
	StsThrottled
	StsServerError
)

var eventNames = []string{"throttled", "token-expired", "5xx", "attempt-timeout", "lost-answer", "garbled-answer", "foreign-between", "deadline", "foreign-before",
	"sts-throttled", "sts-5xx"}

func (e Event) String() string { return eventNames[e] }

// unknownOutcome: after such an event the caller cannot know whether the
// call took effect (whatever the mock did).
func (e Event) unknownOutcome() bool {
	return e == ServerError || e == AttemptTimeout || e == LostAnswer || e == GarbledAnswer || e == DeadlineReached
}

// FaultPath is one create path ExploreCreateFaults drives: a resource
// type's create, or an action's invocation, through the provider's
// protocol server, against the mock.
type FaultPath struct {
	Name     string
	TypeName string
	Config   map[string]any
	// Action: TypeName is an action, invoked (planned, then invoked) instead
	// of a resource's create. It keeps no state: Reported names the object
	// the invocation said it made (from its progress), "" when none, and
	// stands for the state's id in every invariant.
	Action   bool
	Reported func(Applied) string
	// AssumeRole: the provider signs with role sessions it obtains from the
	// mock's STS (assume_role on both vendors) instead of static keys, a
	// new provider for each sequence (the mock's reset forgets sessions).
	// A token-expired refusal is then renewed by a real AssumeRole, and the
	// events add AssumeRole's throttling and 5xx.
	AssumeRole bool
	// Product is the mock's product name ("Actiontrail", "cloudaudit",
	// "Cdn", "dcdn"); Creates the create actions and Reads the find and
	// read-back actions (comma separated) that events hit, in call order.
	Product, Creates, Reads string
	// Tencent selects Tencent's error codes.
	Tencent bool
	// Setup prepares the mock after each reset (a trail for a job).
	Setup func(m *mockcloud.Server) error
	// Foreign makes the object as another run would (its name taken or,
	// for a job, another job of the trail), through the mock's Go API, with
	// created as its create time. It returns the new object's id, or ""
	// when the key is already taken (the other run's create would fail).
	Foreign func(m *mockcloud.Server, created time.Time) (string, error)
	// Holders lists the ids of the objects that hold the key now.
	Holders func(m *mockcloud.Server) []string
	// Owned maps the state's id to the holder it stands for, for types
	// whose id names no single object (the account's one subscription);
	// nil means the state's id is the holder's.
	Owned func(m *mockcloud.Server, stateID string) string
}

// seqTuning is the fast timing of the explorer's provider: short attempt
// timeouts, backoffs and throttling pauses (high pacer rates), so a
// sequence costs milliseconds.
func seqTuning(t *conns.Tuning) {
	t.AttemptTimeout = 150 * time.Millisecond
	t.MinBackoff = time.Millisecond
	t.MaxBackoff = 5 * time.Millisecond
	t.ThrottlePauseMax = 5 * time.Millisecond
	t.PaceScale = 1e9 // back to full rate at the next answer
	t.RateLimits = map[string]float64{}
	for _, p := range append(slices.Clone(conns.AlicloudProducts), conns.TencentProducts...) {
		t.RateLimits[p] = 2000
	}
}

// events is p's alphabet: every event, the STS ones only with AssumeRole.
func (p FaultPath) events() []Event {
	var out []Event
	for e := Throttled; e <= StsServerError; e++ {
		if e >= StsThrottled && !p.AssumeRole {
			continue
		}
		out = append(out, e)
	}
	return out
}

// seqWorkers is how many mocks a path's sequences run on at once: the
// runs mostly wait (attempt timeouts, a deadline's in-flight attempt).
const seqWorkers = 6

// seqHangAfter bounds one sequence's apply: every event costs at most an
// attempt timeout and a backoff, so an apply still running then is stuck,
// and its context ends (as at its deadline). One that still does not return
// within seqStopBound is reported and not waited for: a wait that ignores
// its context fails the test, naming the sequence, instead of hanging it
// until go test's -timeout.
const (
	seqHangAfter = time.Minute
	seqStopBound = 5 * time.Second
)

// hungPrefix starts the problem of a sequence whose apply hung: it is not
// rerun (a hang is no loaded machine's spurious timeout).
const hungPrefix = "hung: "

// seqResult counts what ExploreCreateFaults ran (it logs them).
type seqResult struct {
	Run, Pruned, Ambiguous, Created int
	// Reruns counts sequences that broke an invariant once and held on a
	// rerun (a spurious attempt timeout on a loaded machine).
	Reruns  int
	Elapsed time.Duration
}

// deadlineCtx is a context whose deadline the test makes pass at a chosen
// call: Err is DeadlineExceeded from then on, as for a timeout.
type deadlineCtx struct {
	context.Context
	done chan struct{}
	once sync.Once
	at   time.Time
}

func newDeadlineCtx() *deadlineCtx {
	return &deadlineCtx{Context: context.Background(), done: make(chan struct{}), at: time.Now().Add(time.Hour)}
}

func (c *deadlineCtx) Deadline() (time.Time, bool) { return c.at, true }
func (c *deadlineCtx) Done() <-chan struct{}       { return c.done }
func (c *deadlineCtx) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}
func (c *deadlineCtx) expire() { c.once.Do(func() { close(c.done) }) }

// ExploreCreateFaults creates p's resource (or invokes its action) once
// for every sequence of up to depth events of p's alphabet (ForeignBefore
// only first; the STS events with AssumeRole), each on a fresh mock state,
// and checks after each: at most one object holds the key (no
// duplicate); an object this run made is in its state (no orphan); the
// state never holds the other run's object (no adoption, no object owned
// by two states) except when the API leaves no way to tell (the other run
// made it, with the same settings, after an attempt of this run whose
// outcome was unknown: counted as ambiguous); the create returns within
// its bound; an error names a cause that was injected; with AssumeRole,
// the calls were signed with STS sessions and a token-expired refusal was
// followed by a renewal (an AssumeRole that fails is never the create's
// unknown outcome: adopting after it breaks the adoption invariant). A
// sequence whose events did not all fire is the same run as a shorter
// one: its extensions are not run (counted as pruned). It stops at the
// first broken invariant, naming the sequence. Several mocks run
// sequences concurrently. Like NewCLI, it skips the test unless TF_ACC is
// set.
func ExploreCreateFaults(t *testing.T, p FaultPath, depth int) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 to run it")
	}
	// No CLI is involved: the OpenTofu pass of the suite would repeat the
	// Terraform pass's run exactly (scripts/tf-env.sh, .ci/run).
	if os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org" {
		t.Skip("in-process (no CLI): explored in the Terraform pass")
	}
	var res seqResult
	var mu sync.Mutex
	var failed atomic.Bool
	start := time.Now()
	alphabet := p.events()

	pool := make([]*seqWorker, seqWorkers)
	for i := range pool {
		var opts []Option
		if p.AssumeRole {
			opts = append(opts, withSeqRoles)
		}
		w := &seqWorker{env: start1(t, opts...), path: p}
		if !p.AssumeRole {
			prov, err := w.env.newInProcess(t, false, seqTuning)
			if err != nil {
				t.Fatal(err)
			}
			pl, err := prov.plan(p.TypeName, p.Config, p.Action)
			if err != nil {
				t.Fatal(err)
			}
			w.prov, w.planned = prov, pl
		}
		pool[i] = w
	}
	// CLOUDTRACK_SEQ="e1,e2" replays one sequence (event names as
	// printed), to reproduce a failure.
	if only := os.Getenv("CLOUDTRACK_SEQ"); only != "" {
		var seq []Event
		for _, n := range strings.Split(only, ",") {
			i := slices.Index(eventNames, strings.TrimSpace(n))
			if i < 0 {
				t.Fatalf("CLOUDTRACK_SEQ: unknown event %q (known: %s)", n, strings.Join(eventNames, ", "))
			}
			seq = append(seq, Event(i))
		}
		fired, amb, made, problem := pool[0].run(seq)
		for _, r := range pool[0].env.mock.Requests() {
			t.Logf("%s.%s %d %s", r.Product, r.Action, r.Status, r.Code)
		}
		t.Logf("%s %v: all fired %v, ambiguous %v, created %v, problem %q", p.Name, seq, fired, amb, made, problem)
		return
	}
	// Sequences level by level; a sequence that did not fire every event
	// has no children.
	level := [][]Event{{}}
	for d := 1; d <= depth && !failed.Load(); d++ {
		var next [][]Event
		for _, prefix := range level {
			for _, e := range alphabet {
				if e == ForeignBefore && len(prefix) > 0 {
					continue
				}
				next = append(next, append(slices.Clone(prefix), e))
			}
		}
		jobs := make(chan []Event)
		var keep [][]Event
		var wg sync.WaitGroup
		for _, w := range pool {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for seq := range jobs {
					if failed.Load() {
						continue
					}
					allFired, ambiguous, created, problem := w.run(seq)
					first, rerun := problem, false
					for try := 0; problem != "" && !strings.HasPrefix(problem, hungPrefix) && try < 2; try++ {
						// A loaded machine can time an attempt out that the
						// mock answered at once, an unknown outcome the
						// sequence did not inject: a broken invariant must
						// hold on a rerun to count.
						rerun = true
						allFired, ambiguous, created, problem = w.run(seq)
					}
					mu.Lock()
					if rerun && problem == "" {
						res.Reruns++
						t.Logf("%s: sequence %v broke an invariant once, held on a rerun: %s", p.Name, seq, first)
					}
					res.Run++
					if ambiguous {
						res.Ambiguous++
					}
					if created {
						res.Created++
					}
					if problem != "" && !failed.Swap(true) {
						t.Errorf("%s: sequence %v: %s", p.Name, seq, problem)
					}
					if allFired {
						keep = append(keep, seq)
					} else {
						res.Pruned += prunedBelow(depth-len(seq), len(alphabet)-1)
					}
					mu.Unlock()
				}
			}()
		}
		for _, s := range next {
			jobs <- s
		}
		close(jobs)
		wg.Wait()
		level = keep
	}
	res.Elapsed = time.Since(start)
	t.Logf("%s: %d sequences of up to %d events run (%d more pruned: the same run as a shorter one), %d made the object, %d ambiguous, %d held only on a rerun; %s",
		p.Name, res.Run, depth, res.Pruned, res.Created, res.Ambiguous, res.Reruns, res.Elapsed.Round(time.Millisecond))
}

// prunedBelow is how many extensions a sequence with n events to go has,
// each level adding one of width events (ForeignBefore only first).
func prunedBelow(n, width int) int {
	total, w := 0, 1
	for i := 0; i < n; i++ {
		w *= width
		total += w
	}
	return total
}

// start1 is a mock for one explorer worker: plain HTTP (TLS adds nothing
// here but CPU).
func start1(t *testing.T, opts ...Option) *Env {
	e := start(t, append([]Option{WithHTTP()}, opts...)...)
	e.T = t
	e.mockUnlocked.Store(true)
	return e
}

// seqWorker is one mock and the provider that runs sequences on it.
type seqWorker struct {
	env     *Env
	path    FaultPath
	prov    *InProcess // nil with AssumeRole: one per sequence
	planned Planned
}

// run runs one sequence. With AssumeRole, on a provider of its own: one
// that has never fetched a session, as at the start of an apply.
func (w *seqWorker) run(seq []Event) (allFired, ambiguous, created bool, problem string) {
	m := w.env.mock
	m.Reset()
	if w.path.Setup != nil {
		if err := w.path.Setup(m); err != nil {
			return false, false, false, "setup: " + err.Error()
		}
	}
	prov, planned := w.prov, w.planned
	if prov == nil {
		var err error
		if prov, err = w.env.newInProcess(w.env.T, true, seqTuning); err != nil {
			return false, false, false, err.Error()
		}
		if planned, err = prov.plan(w.path.TypeName, w.path.Config, w.path.Action); err != nil {
			return false, false, false, err.Error()
		}
	}
	allFired, ambiguous, created, problem = runSequence(m, prov, planned, w.path, seq)
	if problem != "" {
		problem += "; calls: " + callTrace(m)
	}
	return allFired, ambiguous, created, problem
}

// callTrace is the mock's log of a sequence's calls, for a broken
// invariant's message: when each came (from the first), its answer, and
// the key that signed it (which session, with AssumeRole).
func callTrace(m *mockcloud.Server) string {
	reqs := m.Requests()
	parts := make([]string, 0, len(reqs))
	for _, r := range reqs {
		key := r.AccessKeyID
		if len(key) > 8 {
			key = key[:8]
		}
		parts = append(parts, fmt.Sprintf("+%dms %s.%s %d %s [%s]", r.Time.Sub(reqs[0].Time).Milliseconds(), r.Product, r.Action, r.Status, r.Code, key))
	}
	return strings.Join(parts, ", ")
}

// runSequence runs one sequence on a reset mock and checks the
// invariants; problem is "" when they hold.
func runSequence(m *mockcloud.Server, prov *InProcess, planned Planned, p FaultPath, seq []Event) (allFired, ambiguous, created bool, problem string) {
	ctx := newDeadlineCtx()
	var mu sync.Mutex
	var foreignIDs []string
	var foreignErr error            // the other run's create failed: the sequence is void
	hit := make([]string, len(seq)) // the action each event hit; "" if it did not fire
	var deadlineAt atomic.Int64
	// Runs in the mock's handler (an event's OnFire) or here: it records
	// a failure rather than panicking, which net/http would swallow.
	foreign := func(created time.Time) {
		id, err := p.Foreign(m, created)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			foreignErr = err
		}
		if id != "" {
			foreignIDs = append(foreignIDs, id)
		}
	}
	attempt := 150 * time.Millisecond
	sts := mockcloud.StsProduct
	if p.Tencent {
		sts = mockcloud.StsTencentProduct
	}
	// Each fault is installed when the one before it fires, so that an
	// event hits the first matching call after the previous event: an STS
	// event after a token-expired refusal hits the renewal it starts, not
	// the session fetched at the first call.
	var chain []mockcloud.Fault
	var refused atomic.Bool
	install := func(i int) {
		if i < len(chain) && m.AddFault(chain[i]) == "" {
			refused.Store(true)
		}
	}
	for i, e := range seq {
		f := mockcloud.Fault{Product: p.Product, Action: p.Creates + "," + p.Reads, Count: 1}
		var act func()
		switch e {
		case Throttled:
			f.Mode, f.Code = mockcloud.FaultError, "Throttling.User"
			if p.Tencent {
				f.Code = "RequestLimitExceeded"
			}
		case TokenExpired:
			f.Mode, f.Code = mockcloud.FaultError, "InvalidSecurityToken.Expired"
			if p.Tencent {
				f.Code = "AuthFailure.TokenFailure"
			}
		case ServerError:
			f.Mode, f.Code = mockcloud.FaultError, "InternalError"
		case AttemptTimeout:
			f.Mode, f.Latency = mockcloud.FaultLatency, 20*attempt
		case LostAnswer:
			f.Mode = mockcloud.FaultCommitThenDrop
		case GarbledAnswer:
			f.Mode = mockcloud.FaultCommitThenGarble
		case ForeignBetween:
			f.Mode = mockcloud.FaultLatency // no delay: the call goes through
			act = func() { foreign(m.Now()) }
		case DeadlineReached:
			// The deadline passes while the call is in flight, and the call
			// ends without an answer (executed or not, the caller cannot
			// tell; here not): what a Tencent call cut by its context and an
			// Alibaba call outliving it (its SDK takes no context) both
			// come to, without waiting an attempt timeout.
			f.Mode = mockcloud.FaultDrop
			act = func() {
				deadlineAt.Store(time.Now().UnixNano())
				ctx.expire()
			}
		case ForeignBefore:
			hit[i] = "before"
			foreign(m.Now().Add(-time.Hour))
			continue
		case StsThrottled:
			f.Product, f.Action, f.Mode, f.Code = sts, "AssumeRole", mockcloud.FaultError, "Throttling"
			if p.Tencent {
				f.Code = "RequestLimitExceeded"
			}
		case StsServerError:
			f.Product, f.Action, f.Mode, f.Code, f.HTTPStatus = sts, "AssumeRole", mockcloud.FaultError, "ServiceUnavailable", 503
		}
		next := len(chain) + 1
		f.OnFire = func(_, action string) {
			mu.Lock()
			hit[i] = action
			mu.Unlock()
			if act != nil {
				act()
			}
			install(next)
		}
		chain = append(chain, f)
	}
	install(0)
	if refused.Load() {
		return false, false, false, "the mock refused the fault"
	}

	begin := time.Now()
	applied, hung := applyWithin(ctx, prov, planned)
	elapsed := time.Since(begin)
	m.ClearFaults()
	if hung != "" {
		return false, false, false, hungPrefix + hung
	}
	if refused.Load() {
		return false, false, false, "the mock refused a fault"
	}

	mu.Lock()
	hit = slices.Clone(hit)
	foreignIDs = slices.Clone(foreignIDs)
	err := foreignErr
	mu.Unlock()
	if err != nil {
		return false, false, false, "the other run's create (FaultPath.Foreign) failed: " + err.Error()
	}
	allFired = !slices.Contains(hit, "")
	// Ambiguous: the other run made the object after an attempt of this
	// run's create whose outcome was unknown, which no API tells apart.
	ambiguousForeign, unknownCreate := false, false
	for i, e := range seq {
		if hit[i] == "" {
			continue
		}
		if e == ForeignBetween && unknownCreate {
			ambiguousForeign = true
		}
		// Only the create's own calls: a 5xx or timeout on a read, or on
		// AssumeRole (an STS event), made nothing and makes nothing ours.
		if e.unknownOutcome() && slices.Contains(strings.Split(p.Creates, ","), hit[i]) {
			unknownCreate = true
		}
	}
	ours := applied.ID()
	if p.Action {
		ours = p.Reported(applied)
	}
	if ours != "" && p.Owned != nil {
		ours = p.Owned(m, ours)
	}
	errText := applied.Err()
	holders := p.Holders(m)
	isForeign := ours != "" && slices.Contains(foreignIDs, ours)
	created = ours != "" && !isForeign

	// Bound: each event costs at most an attempt timeout and a backoff; a
	// deadline adds the time until it passed.
	bound := time.Duration(len(seq)+2)*(attempt+50*time.Millisecond) + 2*time.Second
	if at := deadlineAt.Load(); at != 0 {
		bound += time.Duration(at - begin.UnixNano())
	}
	ev := fmt.Sprintf(" (events hit %v)", hit)
	state := "state" // what holds this run's object: an action's report
	if p.Action {
		state = "reported job"
	}
	switch {
	case countNot(holders, foreignIDs) > 1:
		return allFired, false, created, fmt.Sprintf("duplicate: this run made %v; %s %q; error: %s", holders, state, ours, errText) + ev
	case ours != "" && !slices.Contains(holders, ours):
		return allFired, false, created, fmt.Sprintf("%s %q names no object (holders %v); error: %s", state, ours, holders, errText) + ev
	case ours == "" && slices.ContainsFunc(holders, func(h string) bool { return !slices.Contains(foreignIDs, h) }) &&
		(!strings.Contains(errText, "may have been created") || !strings.Contains(errText, "terraform import")):
		// An object this run made and did not keep is an orphan unless the
		// error says it may exist and how to import it (its look-up failed).
		return allFired, false, created, fmt.Sprintf("orphan: this run made %v but its %s names none; error: %s", holders, state, errText) + ev
	case isForeign && !ambiguousForeign:
		return allFired, false, created, fmt.Sprintf("adopted the other run's object %s (owned by two states); error: %s", ours, errText) + ev
	case elapsed > bound:
		return allFired, false, created, fmt.Sprintf("took %s, over its bound %s", elapsed, bound) + ev
	case ours == "" && errText == "":
		return allFired, false, created, "no " + state + " and no error" + ev
	case ours != "" && errText != "" && isGarbledRead(errText) && deadlineAt.Load() == 0:
		return allFired, false, created, "a garbled read-back failed a create that succeeded (the object is tainted): " + errText + ev
	}
	if p.AssumeRole {
		if why := renewedOnExpiry(m, p, seq, hit); why != "" {
			return allFired, false, created, why + ev
		}
	}
	if errText != "" {
		if why := causeNamed(seq, hit, errText, len(foreignIDs) > 0); why != "" {
			return allFired, false, created, why + ev
		}
	}
	return allFired, isForeign, created, ""
}

// applyWithin applies pl on ctx, ending ctx after seqHangAfter; hung says
// why when the apply took that long (its result, if any, is then not
// judged).
func applyWithin(ctx *deadlineCtx, prov *InProcess, pl Planned) (applied Applied, hung string) {
	done := make(chan Applied, 1)
	go func() { done <- prov.Apply(ctx, pl) }()
	select {
	case a := <-done:
		return a, ""
	case <-time.After(seqHangAfter):
	}
	ctx.expire()
	select {
	case a := <-done:
		return a, fmt.Sprintf("the apply was still running after %s; it returned when its context ended", seqHangAfter)
	case <-time.After(seqStopBound):
		return Applied{}, fmt.Sprintf("the apply was still running after %s and did not return within %s of its context's end: a wait ignores its context", seqHangAfter, seqStopBound)
	}
}

// renewedOnExpiry checks that the path's calls were signed with role
// sessions from STS, and that a token-expired refusal was followed by a
// real renewal (a second AssumeRole session): the refusal is answered by
// new credentials, not by giving up or by signing with the old ones.
func renewedOnExpiry(m *mockcloud.Server, p FaultPath, seq []Event, hit []string) string {
	role := seqAlicloudRole
	if p.Tencent {
		role = seqTencentRole
	}
	sessions := 0
	for _, s := range m.Sessions() {
		if s.RoleARN == role {
			sessions++
		}
	}
	expired := false
	for i, e := range seq {
		expired = expired || (e == TokenExpired && hit[i] != "")
	}
	// STS down for a whole retry sequence leaves no session and no call.
	called := slices.ContainsFunc(m.Requests(), func(r mockcloud.RequestRecord) bool { return r.Product == p.Product })
	switch {
	case called && sessions == 0:
		return "no role session was issued: the calls were not signed with STS credentials"
	case expired && sessions < 2:
		return fmt.Sprintf("a token-expired refusal was not followed by a renewal (%d role sessions issued)", sessions)
	}
	return ""
}

func countNot(ids, except []string) int {
	n := 0
	for _, id := range ids {
		if !slices.Contains(except, id) {
			n++
		}
	}
	return n
}

// isGarbledRead: the error is a read's answer that did not parse.
func isGarbledRead(errText string) bool {
	return strings.Contains(errText, "reading") && (strings.Contains(errText, "JsonUnmarshal") || strings.Contains(errText, "ParseJson") || strings.Contains(errText, "unexpected end"))
}

// causeWords are what an error says of each event.
var causeWords = map[Event][]string{
	Throttled:      {"Throttling", "RequestLimitExceeded", "throttl"},
	TokenExpired:   {"InvalidSecurityToken.Expired", "AuthFailure.TokenFailure", "expired"},
	ServerError:    {"InternalError"},
	AttemptTimeout: {"timeout", "Timeout", "deadline exceeded"},
	LostAnswer:     {"EOF", "connection reset", "closed", "NetworkError", "none was created"},
	GarbledAnswer:  {"JsonUnmarshal", "ParseJson", "unexpected end", "garbled", "none was created"},
	ForeignBetween: {"terraform import"},
	ForeignBefore:  {"terraform import"},
	// The call in flight when the deadline passed ends without an answer:
	// its error is one. (That a deadline reached while backing off is
	// reported as the context's is issue 16's other half.)
	DeadlineReached: {"timeout ran out", "deadline", "timed out", "EOF", "closed the connection", "NetworkError"},
	StsThrottled:    {"AssumeRole", "Throttling", "RequestLimitExceeded"},
	StsServerError:  {"AssumeRole", "ServiceUnavailable"},
}

// causeNamed checks that an error names one of the events that fired, and
// the import command when the other run holds the key.
func causeNamed(seq []Event, hit []string, errText string, foreignMade bool) string {
	if foreignMade && (strings.Contains(errText, "AlreadyExists") || strings.Contains(errText, "already exists") ||
		strings.Contains(errText, "NameAlreadyExists") || strings.Contains(errText, "AliasExists")) && !strings.Contains(errText, "terraform import") {
		return "the key is the other run's but the error gives no import command: " + errText
	}
	for i, e := range seq {
		if hit[i] == "" {
			continue
		}
		for _, w := range causeWords[e] {
			if strings.Contains(errText, w) {
				return ""
			}
		}
	}
	return "the error names none of the injected causes: " + errText
}
