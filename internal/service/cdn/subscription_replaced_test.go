package cdn_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

func TestAccCDNReportSubscription_replacedOutOfBand(t *testing.T) {
	testSubscriptionReplaced(t, pCDN)
}
func TestAccDCDNReportSubscription_replacedOutOfBand(t *testing.T) {
	testSubscriptionReplaced(t, pDCDN)
}

// The account's subscription deleted and made again outside Terraform
// (same settings) is not taken over: the refresh drops the old one with a
// warning naming the import, the create is refused with the import
// command, and the new subscription is left as it was.
func testSubscriptionReplaced(t *testing.T, p testProduct) {
	e := acctest.New(t)
	e.NeedsMock(t, "replaces the account's subscription behind Terraform's back")
	config := p.subConfig(e, fmt.Sprintf("report_ids = [%d]", p.r1))
	var replacedID int64
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { replacedID = p.replaceSubscription(t, e.Mock()) },
				Config:    config,
				ExpectError: acctest.ExpectError(fmt.Sprintf(`creating %s report subscription.*SubscriptionAlreadyExists.*terraform import %s.<name> %s`,
					strings.ToUpper(p.key), p.subType(), cdn.SubscriptionImportID)),
			},
		},
	})
	if sub, ok := e.Mock().SubscriptionOf(p.key); !ok || sub.ID != replacedID {
		t.Errorf("the subscription made outside Terraform was changed or deleted: %+v (want id %d)", sub, replacedID)
	}
}

// A destroy that skips the refresh (-refresh=false) does not delete a
// subscription made outside Terraform after this state's was replaced: the
// delete checks the fingerprint and refuses, naming the fix.
func TestAccCDNReportSubscription_replacedDestroyRefused(t *testing.T) {
	p := pCDN
	e := acctest.New(t)
	e.NeedsMock(t, "replaces the account's subscription behind Terraform's back")
	cli := e.NewCLI(t, "", tfversion.SkipBelow(tfversion.Version1_5_0))
	cli.Write("main.tf", p.subConfig(e, fmt.Sprintf("report_ids = [%d]", p.r1)))
	cli.MustRun("apply", "-auto-approve", "-input=false", "-no-color")
	m := e.Mock()
	replacedID := p.replaceSubscription(t, m)
	out, err := cli.Run("destroy", "-auto-approve", "-input=false", "-no-color", "-refresh=false")
	flat := acctest.FlatOutput(out)
	if err == nil || !strings.Contains(flat, "no longer the one this state made or imported") || !strings.Contains(flat, "terraform state rm") {
		t.Fatalf("destroy without refresh: want a refusal naming terraform state rm, got %v", err)
	}
	if sub, ok := m.SubscriptionOf(p.key); !ok || sub.ID != replacedID {
		t.Errorf("the subscription made outside Terraform was deleted or changed: %+v", sub)
	}
}

// replaceSubscription deletes the account's subscription and makes another
// with the same report (as in the console, outside Terraform), returning
// the new one's id.
func (p testProduct) replaceSubscription(t *testing.T, m *mockcloud.Server) int64 {
	t.Helper()
	old, _ := m.SubscriptionOf(p.key)
	m.DeleteSubscription(p.key)
	if err := m.SetSubscription(p.key, mockcloud.Subscription{ID: old.ID + 100, ReportIDs: []int{int(p.r1)}}); err != nil {
		t.Fatal(err)
	}
	sub, _ := m.SubscriptionOf(p.key)
	return sub.ID
}
