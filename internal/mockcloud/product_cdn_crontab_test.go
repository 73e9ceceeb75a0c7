package mockcloud_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// The mock's crontab rule is Quartz's (internal/validators/quartz, whose
// table test holds the verdicts): what Quartz accepts is created, what it
// refuses is InvalidParameter, through the vendor's SDK.
func TestReportsDeliverTaskQuartzCrontab(t *testing.T) {
	forEachProduct(t, mockcloud.Options{}, func(t *testing.T, p reportProduct, s *mockcloud.Server, host string, cl any) {
		schedule := func(crontab string) string {
			return fmt.Sprintf(`{"crontab":%q,"frequency":"d"}`, crontab)
		}
		for i, crontab := range []string{"0 0 8 ? * 7", "0 0 8 ? * MON#1", "0 0 8 L * ?", "0 0 8 ? * FRI-MON"} {
			params := taskParams(p, fmt.Sprintf("quartz-%d", i))
			params["Schedule"] = schedule(crontab)
			p.mustCall(t, cl, "Create", "DeliverTask", params)
		}
		for _, crontab := range []string{"0 0 8 * * *", "0 0 8 ? * ?", "0 0 8 ? * 0", "0 0 8 L-31 * ?", "@daily"} {
			params := taskParams(p, "refused")
			params["Schedule"] = schedule(crontab)
			_, err := p.call(cl, "Create", "DeliverTask", params)
			se := asServerError(t, err, "InvalidParameter", 400)
			if !strings.Contains(se.Message(), "crontab") {
				t.Errorf("%q: the message %q does not name the crontab", crontab, se.Message())
			}
		}
	})
}
