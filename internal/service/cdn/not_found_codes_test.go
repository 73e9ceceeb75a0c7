package cdn_test

import (
	"context"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

// A deliver task that is gone is gone whichever code the cloud answers:
// the mock's usual 404 InvalidDeliverId.NotFound (an ASSUMPTION) or the
// 400 SubscriptionNotFound the reference's error table gives for a
// tracking task that does not exist (variant task_not_found_subscription):
// conns classifies both as not found, so the resource's Delete takes
// either as done (deliver_task.go) and a read of the task by id drops it.
func TestAccCDNDeliverTask_notFoundCodes(t *testing.T)  { testDeliverTaskNotFoundCodes(t, pCDN) }
func TestAccDCDNDeliverTask_notFoundCodes(t *testing.T) { testDeliverTaskNotFoundCodes(t, pDCDN) }

func testDeliverTaskNotFoundCodes(t *testing.T, p testProduct) {
	t.Parallel()
	for name, v := range map[string]mockcloud.ReportVariants{"usual": {}, "task_not_found_subscription": {TaskNotFoundSubscription: true}} {
		t.Run(name, func(t *testing.T) {
			e := acctest.New(t)
			e.NeedsMock(t, "switches the mock's not-found answer to a documented variant")
			if err := e.Mock().SetReportVariants(p.key, v); err != nil {
				t.Fatal(err)
			}
			ctx, c := context.Background(), e.Client()
			const missing = 987654
			err := cdn.DeleteDeliverTask(ctx, c, p.key, missing)
			if err == nil || !conns.IsNotFound(err) {
				t.Errorf("delete of a missing task: %v; want a not-found error", err)
			}
			err = cdn.UpdateDeliverTask(ctx, c, p.key, missing, map[string]string{"Name": "renamed"})
			if err == nil || !conns.IsNotFound(err) {
				t.Errorf("update of a missing task: %v; want a not-found error", err)
			}
			want := "InvalidDeliverId.NotFound"
			if v.TaskNotFoundSubscription {
				want = "SubscriptionNotFound"
			}
			for _, action := range []string{"Delete" + p.infix + "DeliverTask", "Update" + p.infix + "DeliverTask"} {
				if n := e.RefusedAs(p.code+"."+action, want); n != 1 {
					t.Errorf("%s answered %s %d times, want once", action, want, n)
				}
			}
		})
	}
}
