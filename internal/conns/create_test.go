package conns_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// TestCreateOnce protects the adoption rule: only what this create may have made is adopted.
func TestCreateOnce(t *testing.T) {
	lost := &conns.APIError{Product: "p", Action: "Create", Kind: conns.KindRetryable, Err: errors.New("read: connection reset by peer")}
	garbled := &conns.APIError{Product: "p", Action: "Create", Code: "SDK.JsonUnmarshalError", HTTPStatus: 200}
	takenFirst := &conns.APIError{Product: "p", Action: "Create", Code: "NameAlreadyExists", HTTPStatus: 400, Attempt: 1}
	takenRetry := &conns.APIError{Product: "p", Action: "Create", Code: "NameAlreadyExists", HTTPStatus: 400, Attempt: 2}
	refused := &conns.APIError{Product: "p", Action: "Create", Code: "InvalidParameter", HTTPStatus: 400}
	failed5xx := &conns.APIError{Product: "p", Action: "Create", Code: "InternalError", HTTPStatus: 500, Kind: conns.KindRetryable, Attempt: 4}
	stsLost := &conns.APIError{Product: conns.ProductSTS, Action: "AssumeRole", Kind: conns.KindRetryable, Err: errors.New("dial tcp: connection refused")}
	renewalLost := fmt.Errorf("p Create: the credentials expired and renewing them failed: %w", &conns.CredentialError{Source: "alicloud.assume_role", Err: stsLost})
	readLost := &conns.APIError{Product: "p", Action: "DescribeThing", Kind: conns.KindRetryable, Err: errors.New("read: connection reset by peer")}
	readStopped := &conns.StoppedError{Product: "p", Action: "DescribeThing", Cause: context.Canceled, Stage: "in flight", Unknown: true}
	cases := []struct {
		name        string
		callErr     error
		found, same bool
		created     time.Time
		wantID      int
		wantAdopted bool
		wantErr     string // "" means no error
		finds       int
	}{
		{name: "ok", wantID: 7},
		{name: "refused: not looked for", callErr: refused, wantErr: "InvalidParameter", finds: 0},
		{name: "lost, made", callErr: lost, found: true, same: true, wantID: 9, wantAdopted: true, finds: 1},
		{name: "garbled, made", callErr: garbled, found: true, same: true, wantID: 9, wantAdopted: true, finds: 1},
		{name: "lost, not made", callErr: lost, wantErr: "none was created: applying again is safe", finds: 1},
		{name: "lost, other object", callErr: lost, found: true, wantErr: "differs from the one asked for; if it is meant to be managed here, import it: terraform import x 9", finds: 1},
		// A retry alone (after throttling, say) made nothing: the object is somebody else's.
		{name: "taken after retry, same", callErr: takenRetry, found: true, same: true, wantErr: "the thing already exists, made outside this configuration; if it is meant", finds: 1},
		{name: "taken after retry, different", callErr: takenRetry, found: true, wantErr: "another thing already holds this name, with different settings; if it is meant to be managed here, import it", finds: 1},
		{name: "5xx, made", callErr: failed5xx, found: true, same: true, wantID: 9, wantAdopted: true, finds: 1},
		{name: "lost, made long before", callErr: lost, found: true, same: true, created: time.Now().Add(-time.Hour), wantErr: "before this create started", finds: 1},
		{name: "lost, made within the skew", callErr: lost, found: true, same: true, created: time.Now().Add(-time.Minute), wantID: 9, wantAdopted: true, finds: 1},
		{name: "taken at once, same", callErr: takenFirst, found: true, same: true, wantErr: "the thing already exists, made outside this configuration; if it is meant", finds: 1},
		// A renewal that failed (STS unreachable) or a read inside Call sent
		// no create: what Find shows is somebody else's, never adopted.
		{name: "renewal lost, other run's object", callErr: renewalLost, found: true, same: true, wantErr: "renewing them failed", finds: 0},
		{name: "read lost, other run's object", callErr: readLost, found: true, same: true, wantErr: "DescribeThing", finds: 0},
		{name: "read stopped in flight, other run's object", callErr: readStopped, found: true, same: true, wantErr: "DescribeThing", finds: 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			finds := 0
			id, adopted, err := conns.CreateOnce(context.Background(), conns.Create[int]{
				What: "thing",
				Call: func(context.Context) (int, error) {
					if tc.callErr != nil {
						return 0, tc.callErr
					}
					return 7, nil
				},
				Find: func(context.Context) (conns.Candidate[int], error) {
					finds++
					return conns.Candidate[int]{ID: 9, Found: tc.found, Same: tc.same, Created: tc.created}, nil
				},
				Taken:  func(err error) bool { return conns.ErrorCode(err) == "NameAlreadyExists" },
				Import: func(id int) string { return "terraform import x 9" },
			})
			if tc.wantErr == "" && err != nil {
				t.Fatalf("error: %v", err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v; want one containing %q", err, tc.wantErr)
			}
			if err == nil && (id != tc.wantID || adopted != tc.wantAdopted) {
				t.Fatalf("id %d adopted %v; want %d %v", id, adopted, tc.wantID, tc.wantAdopted)
			}
			if finds != tc.finds {
				t.Fatalf("Find ran %d times; want %d", finds, tc.finds)
			}
		})
	}
}

func TestCreateOnceRecall(t *testing.T) {
	garbled := &conns.APIError{Product: "p", Action: "Create", Code: "SDK.JsonUnmarshalError", HTTPStatus: 200}
	refused := &conns.APIError{Product: "p", Action: "Create", Code: "InvalidParameter", HTTPStatus: 400}
	for _, tc := range []struct {
		name      string
		answers   []error // one per call; nil is success
		wantCalls int
		wantErr   string
	}{
		{name: "garbled, nothing made, recalled", answers: []error{garbled, nil}, wantCalls: 2},
		{name: "garbled twice: one recall only", answers: []error{garbled, garbled}, wantCalls: 2, wantErr: "applying again is safe"},
		{name: "refused: no recall", answers: []error{refused}, wantCalls: 1, wantErr: "InvalidParameter"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls := 0
			id, _, err := conns.CreateOnce(context.Background(), conns.Create[int]{
				What: "thing",
				Call: func(context.Context) (int, error) {
					calls++
					return 7, tc.answers[calls-1]
				},
				Find:   func(context.Context) (conns.Candidate[int], error) { return conns.Candidate[int]{}, nil },
				Recall: true,
			})
			if calls != tc.wantCalls {
				t.Fatalf("%d calls; want %d", calls, tc.wantCalls)
			}
			if tc.wantErr == "" && (err != nil || id != 7) {
				t.Fatalf("id %d, error %v", id, err)
			}
			if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Fatalf("error %v; want %q", err, tc.wantErr)
			}
		})
	}
}

// Ctrl-C during the look-up a create makes after its deadline (the
// create's context has ended already, so only Create.Stop shows the
// cancel) ends the look-up within 2 s, and the error still says the object
// may have been made and how to import it on the next run.
func TestCreateOnce_ctrlCDuringFindAfterDeadline(t *testing.T) {
	t.Parallel()
	stop, ctrlC := context.WithCancel(context.Background()) // the request's
	defer ctrlC()
	ctx, cancel := context.WithTimeout(stop, 50*time.Millisecond) // timeouts.create
	defer cancel()
	lost := &conns.APIError{Product: "p", Action: "Create", Kind: conns.KindRetryable, Err: errors.New("read: connection reset by peer")}
	var cancelled time.Time
	_, adopted, err := conns.CreateOnce(ctx, conns.Create[int]{
		What: "thing",
		Call: func(ctx context.Context) (int, error) {
			<-ctx.Done() // the answer never comes before the deadline
			return 0, lost
		},
		Find: func(ctx context.Context) (conns.Candidate[int], error) {
			// The deadline alone leaves it its own bound (FindTimeout).
			if d, ok := ctx.Deadline(); !ok || time.Until(d) < 20*time.Second || ctx.Err() != nil {
				t.Errorf("the look-up after the deadline got %s, %v; want DefaultFindTimeout", time.Until(d), ctx.Err())
			}
			time.AfterFunc(200*time.Millisecond, func() { cancelled = time.Now(); ctrlC() })
			<-ctx.Done() // a look-up the API keeps slow
			return conns.Candidate[int]{}, ctx.Err()
		},
		Import: func(int) string { return "terraform import x <id>" },
		Stop:   stop,
	})
	took := time.Since(cancelled)
	t.Logf("returned %s after Ctrl-C during the look-up", took.Round(time.Millisecond))
	if took > 2*time.Second {
		t.Errorf("returned %s after Ctrl-C; want within 2 s", took)
	}
	if adopted || err == nil {
		t.Fatalf("adopted %v, error %v; want the unknown outcome reported", adopted, err)
	}
	for _, want := range []string{"the timeout ran out", "may have been created", "import it: terraform import x <id>", "Ctrl-C"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
