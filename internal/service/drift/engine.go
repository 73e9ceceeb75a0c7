// Package drift attributes drift: when a resource's Read finds that an
// object differs from its prior state, or is gone, it asks the engine of
// its provider process who changed it, and the engine answers from the
// vendor's audit trail (ActionTrail LookupEvents, CloudAudit LookUpEvents)
// with a warning naming each change.
//
// Cost rule (the guide "Who changed it, in plans" states it for users):
//   - Nothing drifted: no look-up at all.
//   - Per vendor block (one account), the engine keeps one scan of the
//     account's write events, newest first, 50 a page, shared by every
//     object of the run and joined locally by resource type and name.
//   - The first drifted object reads the scan's first page: it costs what
//     one look-up per object costs, and it shows how busy the account is.
//   - An object whose last change (create, update, import) is no older than
//     what the scan has read is answered from it, at no cost.
//   - Otherwise the engine estimates the pages still needed to reach back
//     to that change (the pages read so far, scaled by the time they span)
//     and the look-ups per object the scan would save: the objects waiting
//     now, plus the objects of the provider's types that others wrote in the
//     pages read and that were not answered yet, plus as many again per page
//     still to read. It reads on when the pages needed are no more than the
//     look-ups saved; else it looks the object up by name (per-object path).
//   - Every call counts against the block's max_drift_lookups; past it, a
//     warning says the look-up was skipped. A refused or throttled look-up
//     never fails the plan.
package drift

import (
	"context"
	"math"
	"strings"
	"sync/atomic"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/auditevents"
)

// PageSize is the most events one look-up call returns (both vendors;
// API-NOTES.md, "Audit-event look-ups"), as the events data sources page.
const PageSize = auditevents.PageSize

// DefaultMaxLookups is the default budget of look-up calls per vendor
// block and provider process (one plan): at ActionTrail's two calls a
// second, 50 s at most.
const DefaultMaxLookups = 100

// lookupTimeout bounds one look-up call, retries of throttled answers
// included, so that a throttled audit trail delays a plan by at most this.
const lookupTimeout = 30 * time.Second

// Event is one audit event, in the vendor-neutral form the engine joins.
type Event struct {
	Time          time.Time
	Action        string
	ConsoleOp     bool // eventType ConsoleOperation (or no access key)
	IdentityType  string
	User          string
	AccessKey     string
	SourceIP      string
	RequestID     string
	ResourceType  string
	ResourceNames []string
	Write         bool
	Failed        bool
}

// Query is one look-up page: a window, an optional resource name (else
// every write event of the account), and the token of the page before.
type Query struct {
	Start, End   time.Time
	ResourceName string
	Token        string
}

// PageFunc reads one page of events, newest first.
type PageFunc func(ctx context.Context, c *conns.Client, q Query) (events []Event, next string, err error)

// VendorSettings are one vendor block's settings and look-up API.
type VendorSettings struct {
	// Off is drift_attribution = false: no look-up is made.
	Off bool
	// MaxLookups is max_drift_lookups (0: DefaultMaxLookups).
	MaxLookups int
	// Page reads the vendor's look-up API; nil disables attribution.
	Page PageFunc
	// API and Permission name the look-up API and the permission it
	// needs, for warnings.
	API, Permission string
	// Lookback is how far back a look-up may reach (ActionTrail: 90 days;
	// CloudAudit: one LookUpEvents window, 7 days).
	Lookback time.Duration
}

// Settings are the engine's settings per vendor (conns.VendorAlicloud,
// conns.VendorTencent).
type Settings map[string]VendorSettings

// Engine is the attribution engine of one configured provider.
type Engine struct {
	client  *conns.Client
	vendors map[string]*vendorEngine
	now     func() time.Time
}

// Attach gives client an engine with settings; resources reach it through
// their client. Called from the provider's Configure.
func Attach(client *conns.Client, s Settings) *Engine {
	e := &Engine{client: client, vendors: map[string]*vendorEngine{}, now: time.Now}
	for v, vs := range s {
		if vs.MaxLookups <= 0 {
			vs.MaxLookups = DefaultMaxLookups
		}
		e.vendors[v] = &vendorEngine{vendor: v, set: vs, own: map[string]bool{}, answered: map[string]bool{}, lock: make(chan struct{}, 1)}
	}
	engineOf(client).Store(e)
	return e
}

// engineOf is where client keeps its engine: with the client, so it goes
// when the client does.
func engineOf(client *conns.Client) *atomic.Pointer[Engine] {
	return conns.Shared(client, "drift-engine", func() *atomic.Pointer[Engine] { return &atomic.Pointer[Engine]{} })
}

// For is client's engine, or nil (attribution off) when none is attached.
func For(client *conns.Client) *Engine {
	if client == nil {
		return nil
	}
	return engineOf(client).Load()
}

type vendorEngine struct {
	vendor  string
	set     VendorSettings
	waiting atomic.Int32

	// lock is held through a look-up's calls; a one-slot channel rather
	// than a mutex, so a Read waiting for it gives up when its context ends.
	lock     chan struct{}
	used     int
	own      map[string]bool // access key ids this provider signed with
	session  string
	answered map[string]bool // names of the objects answered this run
	scan     scan
	// failed is why a look-up failed in this run: later objects get the
	// same answer without another call (a throttled or refused API would
	// otherwise cost every drifted object the look-up's timeout).
	failed string
}

// scan is the shared window scan of one account's write events.
type scan struct {
	started    bool
	start, end time.Time
	next       string
	done       bool
	reached    time.Time // the oldest event read (end before any)
	events     []Event   // write events read, newest first
	pages      int
}

// covers reports whether the scan has read every event since since.
func (s *scan) covers(since time.Time) bool {
	return s.started && (s.done || !s.reached.After(since))
}

// outcome is what a look-up found for one object.
type outcome struct {
	events   []Event // by others, newest first
	lookedAt time.Time
	refused  string // why no answer: a permission, a throttle, the budget
	partial  string // why the answer may miss events
}

// lookup answers who changed o since since.
func (e *Engine) lookup(ctx context.Context, o Object, since time.Time) (outcome, bool) {
	ve := e.vendors[o.Vendor]
	if ve == nil || ve.set.Off || ve.set.Page == nil {
		return outcome{}, false
	}
	ve.waiting.Add(1)
	select {
	case ve.lock <- struct{}{}:
		ve.waiting.Add(-1)
	case <-ctx.Done():
		ve.waiting.Add(-1)
		return outcome{}, false
	}
	defer func() { <-ve.lock }()
	ve.learnOwn(e.client.OwnIdentity(o.Vendor))
	now := e.now().UTC()
	defer func() { ve.answered[o.Name] = true }()
	for {
		if ve.scan.covers(since) {
			return ve.fromScan(o, since), true
		}
		if ve.failed != "" {
			return outcome{lookedAt: now, refused: ve.failed}, true
		}
		if ve.used >= ve.set.MaxLookups {
			return outcome{lookedAt: now, refused: budgetText(ve)}, true
		}
		if o.Name == "" || ve.preferScan(since) {
			if err := ve.scanPage(ctx, e.client, now); err != nil {
				r := refusal(ve, err)
				if ctx.Err() == nil { // this Read's own cancel says nothing of the API
					ve.failed = r
				}
				return outcome{lookedAt: now, refused: r}, true
			}
			continue
		}
		out := ve.perObject(ctx, e.client, o, since, now)
		if out.refused != "" && ctx.Err() == nil {
			ve.failed = out.refused
		}
		return out, true
	}
}

func (ve *vendorEngine) learnOwn(id conns.OwnIdentity) {
	for _, k := range id.AccessKeyIDs {
		ve.own[k] = true
	}
	ve.session = id.SessionName
}

// isOwn reports whether ev was made by this provider's identity.
func (ve *vendorEngine) isOwn(ev *Event) bool {
	if ev.AccessKey != "" && ve.own[ev.AccessKey] {
		return true
	}
	return ve.session != "" && ev.IdentityType == "assumed-role" &&
		(ev.User == ve.session || strings.HasSuffix(ev.User, ":"+ve.session))
}

// pagesLeft estimates the scan pages still needed to reach back to since:
// the pages read so far, scaled by the time they span.
func (s *scan) pagesLeft(since time.Time) int {
	target := since
	if target.Before(s.start) {
		target = s.start
	}
	spanRead := s.end.Sub(s.reached).Seconds()
	if spanRead < 1 {
		spanRead = 1
	}
	left := int(math.Ceil(float64(s.pages) * s.reached.Sub(target).Seconds() / spanRead))
	if left < 1 {
		left = 1
	}
	return left
}

// preferScan applies the cost rule (package comment) for an object changed
// last at since that the scan does not cover yet.
func (ve *vendorEngine) preferScan(since time.Time) bool {
	s := &ve.scan
	if !s.started {
		return true
	}
	left := s.pagesLeft(since)
	seen := map[string]bool{}
	for i := range s.events {
		ev := &s.events[i]
		if ve.isOwn(ev) || ev.Failed || !watched(ev) {
			continue
		}
		for _, n := range ev.ResourceNames {
			seen[n] = true
		}
	}
	unanswered := 0
	for n := range seen {
		if !ve.answered[n] {
			unanswered++
		}
	}
	perPage := float64(len(seen)) / float64(s.pages)
	saved := float64(int(ve.waiting.Load())+1+unanswered) + perPage*float64(left)
	return float64(left) <= saved
}

// scanPage reads the scan's next page.
func (ve *vendorEngine) scanPage(ctx context.Context, c *conns.Client, now time.Time) error {
	s := &ve.scan
	if !s.started {
		s.end, s.reached = now, now
		if oldest := now.Add(-ve.set.Lookback); s.start.Before(oldest) {
			s.start = oldest
		}
	}
	ctx, cancel := context.WithTimeout(ctx, lookupTimeout)
	defer cancel()
	ve.used++
	events, next, err := ve.set.Page(ctx, c, Query{Start: s.start, End: s.end, Token: s.next})
	if err != nil {
		return err
	}
	s.started = true
	s.pages++
	for _, ev := range events {
		if ev.Time.Before(s.reached) {
			s.reached = ev.Time
		}
		if ev.Write {
			s.events = append(s.events, ev)
		}
	}
	s.next = next
	if next == "" {
		s.done = true
	}
	return nil
}

// fromScan answers o from the scan.
func (ve *vendorEngine) fromScan(o Object, since time.Time) outcome {
	out := outcome{lookedAt: ve.scan.end}
	for i := range ve.scan.events {
		ev := &ve.scan.events[i]
		if ev.Time.Before(since) || ev.Failed || ve.isOwn(ev) || !o.matches(ev) {
			continue
		}
		out.events = append(out.events, *ev)
	}
	if since.Before(ve.scan.start) {
		out.partial = "events before " + ve.scan.start.Format(time.RFC3339) + " are past what " + ve.set.API + " searches"
	}
	return out
}

// perObject looks o up by its name, every page since since.
func (ve *vendorEngine) perObject(ctx context.Context, c *conns.Client, o Object, since, now time.Time) outcome {
	out := outcome{lookedAt: now}
	start := since
	if oldest := now.Add(-ve.set.Lookback); start.Before(oldest) {
		start = oldest
		out.partial = "events before " + oldest.Format(time.RFC3339) + " are past what " + ve.set.API + " searches"
	}
	token := ""
	for {
		if ve.used >= ve.set.MaxLookups {
			out.partial = budgetText(ve)
			return out
		}
		ve.used++
		cctx, cancel := context.WithTimeout(ctx, lookupTimeout)
		events, next, err := ve.set.Page(cctx, c, Query{Start: start, End: now, ResourceName: o.Name, Token: token})
		cancel()
		if err != nil {
			if len(out.events) == 0 {
				out.refused = refusal(ve, err)
			} else {
				out.partial = refusal(ve, err)
			}
			return out
		}
		for i := range events {
			ev := &events[i]
			if !ev.Write || ev.Failed || ev.Time.Before(since) || ve.isOwn(ev) || !o.matches(ev) {
				continue
			}
			out.events = append(out.events, *ev)
		}
		if next == "" {
			return out
		}
		token = next
	}
}

// SplitNames splits an event's resource name or type, which joins several
// with ";" (as the events data sources' resource_name says), "" for none.
func SplitNames(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}
