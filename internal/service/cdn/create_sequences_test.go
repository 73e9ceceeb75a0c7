package cdn_test

import (
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

const seqTask = "shared-report"

func (p testProduct) seqTaskConfig() map[string]any {
	return map[string]any{
		"name":         seqTask,
		"domain_names": []string{"example.com"},
		"reports":      []map[string]any{{"report_id": p.r1}},
		"schedule":     map[string]any{"crontab": "0 0 8 * * ?", "frequency": "d"},
		"deliver":      map[string]any{"email": map[string]any{"subject": "Ops report", "to": []string{"ops@example.com"}}},
	}
}

func (p testProduct) seqSubConfig() map[string]any {
	return map[string]any{"report_ids": []int64{p.r1, p.r2}, "domain_names": []string{"example.com"}}
}

// templateOf creates config's resource once on a mock of its own and
// returns what the mock stored: the object another run applying the same
// configuration makes.
func templateOf[T any](t *testing.T, typeName string, config map[string]any, stored func(*mockcloud.Server) (T, bool)) T {
	e := acctest.New(t)
	e.NeedsMock(t, "the explorer drives the mock's faults")
	prov := e.InProcess(t)
	if a := prov.Create(context.Background(), prov.Plan(typeName, config)); a.Err() != "" {
		t.Fatalf("creating the template: %s", a.Err())
	}
	v, ok := stored(e.Mock())
	if !ok {
		t.Fatal("the template was not stored")
	}
	return v
}

func (p testProduct) taskSeqPath(t *testing.T) acctest.FaultPath {
	tmpl := templateOf(t, p.taskType(), p.seqTaskConfig(), func(m *mockcloud.Server) (mockcloud.DeliverTask, bool) {
		ts := m.DeliverTasks(p.key)
		if len(ts) != 1 {
			return mockcloud.DeliverTask{}, false
		}
		return ts[0], true
	})
	holders := func(m *mockcloud.Server) []string {
		var ids []string
		for _, t := range m.DeliverTasks(p.key) {
			if t.Name == seqTask {
				ids = append(ids, strconv.FormatInt(t.ID, 10))
			}
		}
		return ids
	}
	return acctest.FaultPath{
		Name: p.key + " deliver task", TypeName: p.taskType(), Config: p.seqTaskConfig(),
		Product: p.code, Creates: p.action("Create", "DeliverTask"), Reads: p.action("Describe", "DeliverList"),
		Foreign: func(m *mockcloud.Server, created time.Time) (string, error) {
			if len(holders(m)) > 0 {
				return "", nil
			}
			task := tmpl
			task.ID, task.CreateTime = 0, created
			id, err := m.SeedDeliverTask(p.key, task)
			return strconv.FormatInt(id, 10), err
		},
		Holders: holders,
	}
}

func (p testProduct) subSeqPath(t *testing.T) acctest.FaultPath {
	tmpl := templateOf(t, p.subType(), p.seqSubConfig(), func(m *mockcloud.Server) (mockcloud.Subscription, bool) {
		return m.SubscriptionOf(p.key)
	})
	holder := func(m *mockcloud.Server) string {
		if s, ok := m.SubscriptionOf(p.key); ok {
			return strconv.FormatInt(s.ID, 10)
		}
		return ""
	}
	return acctest.FaultPath{
		Name: p.key + " report subscription", TypeName: p.subType(), Config: p.seqSubConfig(),
		Product: p.code, Creates: p.action("Create", "SubTask"), Reads: p.action("Describe", "SubList"),
		Foreign: func(m *mockcloud.Server, created time.Time) (string, error) {
			if holder(m) != "" {
				return "", nil
			}
			sub := tmpl
			sub.ID, sub.CreateTime, sub.EffectiveFrom = 0, created, ""
			if err := m.SetSubscription(p.key, sub); err != nil {
				return "", err
			}
			return holder(m), nil
		},
		Holders: func(m *mockcloud.Server) []string {
			if h := holder(m); h != "" {
				return []string{h}
			}
			return nil
		},
		// The state's id is the account's one subscription: it stands for
		// whichever holds the key.
		Owned: func(m *mockcloud.Server, _ string) string { return holder(m) },
	}
}

// Every sequence of up to 3 faults on the create, find and read-back of
// the CDN and DCDN deliver task and report subscription ends with the
// object in exactly this run's state or none, never the other run's
// (except where no API can tell), within its bound, and an error naming
// the cause.
func TestCreateSequences_cdn(t *testing.T) {
	// Before the paths: each creates its template on a mock.
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 to run it")
	}
	paths := []acctest.FaultPath{pCDN.taskSeqPath(t), pDCDN.taskSeqPath(t), pCDN.subSeqPath(t), pDCDN.subSeqPath(t)}
	for _, p := range paths {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel()
			acctest.ExploreCreateFaults(t, p, 3)
		})
	}
}
