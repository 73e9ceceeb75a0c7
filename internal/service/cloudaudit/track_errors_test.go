package cloudaudit_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/acctest"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// Every rule is checked at plan time: the error names the attribute and
// what is allowed, and nothing reaches the API.
func TestAccCloudAuditTrack_invalidInput(t *testing.T) {
	e := acctest.New(t)
	simple := func(name, action, resourceType, events, extra string) string {
		return trackConfig(e, fmt.Sprintf("  name = %q\n  action_type = %q\n  resource_type = %q\n  event_names = %s\n  %s\n  %s",
			name, action, resourceType, events, cosStorage, extra))
	}
	storage := func(typ, region, name, prefix, extra string) string {
		return trackConfig(e, fmt.Sprintf(`  name = "valid"
  action_type = "*"
  resource_type = "*"
  event_names = ["*"]
  storage = {
    type = %q
    region = %q
    name = %q
    prefix = %q
    %s
  }`, typ, region, name, prefix, extra))
	}
	filters := func(f string) string {
		return trackConfig(e, fmt.Sprintf("  name = \"valid\"\n  filters = %s\n  %s", f, cosStorage))
	}
	eleven := `["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11"]`
	cases := []struct {
		config string
		want   string
	}{
		{simple("ab", "*", "*", `["*"]`, ""), `name must be 3-48 characters: letters, digits, hyphens \(-\) and underscores \(_\)`},
		{simple("bad name", "*", "*", `["*"]`, ""), `name must be 3-48 characters`},
		{simple("valid", "Delete", "*", `["*"]`, ""), `action_type value must be one of: \["Read" "Write" "\*"\], got: "Delete"`},
		{simple("valid", "*", "COS", `["*"]`, ""), `resource_type must be \* \(every product\) or a product name in lower case`},
		{simple("valid", "*", "cos", eleven, ""), `event_names set must contain at least 1 elements and at most 10 elements`},
		{simple("valid", "*", "cos", `[]`, ""), `event_names set must contain at least 1 elements`},
		{simple("valid", "*", "cos", `["Put Object"]`, ""), `event_names.*must be \* or an API name`},
		{simple("valid", "*", "*", `["PutObject"]`, ""), `event_names must be \["\*"\] when resource_type is "\*" \(every product\)`},
		{simple("valid", "*", "cos", `["*", "PutObject"]`, ""), `event_names must be either \["\*"\] \(every API of the product\) or up to 10 API names, not both`},
		{simple("valid", "*", "*", `["*"]`, "enabled = \"maybe\""), `enabled`},
		{trackConfig(e, "  name = \"valid\"\n  "+cosStorage), `Missing Attribute Configuration.*Exactly one of these attributes must be configured: \[action_type,filters\]`},
		{simple("valid", "*", "*", `["*"]`, `filters = [{ resource_type = "cam", action_type = "*", event_names = ["*"] }]`),
			`Invalid Attribute Combination.*Exactly one of these attributes must be configured: \[action_type,filters\]`},
		{trackConfig(e, "  name = \"valid\"\n  action_type = \"*\"\n  "+cosStorage), `These attributes must be configured together: \[action_type,resource_type,event_names\]`},
		{filters(`[]`), `filters list must contain at least 1 elements`},
		{filters(`[{ resource_type = "*", action_type = "Read", event_names = ["GetObject"] }]`), `filters\[0\].event_names must be \["\*"\] when resource_type is "\*"`},
		{filters(`[{ resource_type = "cam", action_type = "List", event_names = ["*"] }]`), `filters\[0\].action_type value must be one of`},
		{storage("kafka", "ap-guangzhou", "bucket", "audit", ""), `storage.type value must be one of: \["cos" "cls" "ckafka"\], got: "kafka"`},
		{storage("ckafka", "ap-guangzhou", "bucket", "audit", ""), `storage.name for type ckafka must be the CKafka instance id and the topic, such as\s+ckafka-abc123/audit_log: got "bucket"`},
		{storage("ckafka", "ap-guangzhou", "ckafka-abc123/", "audit", ""), `storage.name for type ckafka must be the CKafka instance id and the topic`},
		{storage("cos", "Guangzhou", "bucket", "audit", ""), `storage.region value must be one of: \["ap-guangzhou" "ap-shanghai"[\s\S]*"eu-frankfurt"\], got: "Guangzhou"`},
		// Well-formed but not a region CloudAudit delivers to: refused at plan, with the list.
		{storage("cos", "ap-nanjing", "bucket", "audit", ""), `storage.region value must be one of: \["ap-guangzhou" "ap-shanghai" "ap-beijing"\s+"ap-chengdu"\s+"ap-chongqing"\s+"ap-hongkong"\s+"ap-singapore"\s+"ap-bangkok"\s+"ap-mumbai"\s+"ap-seoul"\s+"ap-tokyo"\s+"na-ashburn"\s+"na-siliconvalley"\s+"eu-frankfurt"\], got: "ap-nanjing"`},
		{storage("cls", "ap-guangzhou", "topic-1", "", ""), `storage.prefix string length must be at least 1`},
		{storage("cos", "ap-guangzhou", "Audit_Bucket", "audit", ""), `storage.name for type cos must be a bucket name of at most 50 lower-case letters, digits and hyphens`},
		{storage("cos", "ap-guangzhou", "audit-1250000000", "audit", ""), `storage.name for type cos is the bucket name without the -APPID suffix`},
		{storage("cls", "ap-guangzhou", "topic/1", "audit", ""), `storage.name for type cls must be a Log Service topic id`},
		{storage("cos", "ap-guangzhou", "bucket", "a/b", ""), `storage.prefix for type cos must be 3-40 letters and digits: got "a/b"`},
		{storage("cos", "ap-guangzhou", "bucket", "ab", ""), `storage.prefix for type cos must be 3-40 letters and digits`},
		{storage("cos", "ap-guangzhou", "bucket", "audit", `compress = "sometimes"`), `compress`},
		{storage("cos", "ap-guangzhou", "bucket", "audit", `account_id = "acct-1"`), `storage.account_id must be a numeric account id`},
		{storage("cos", "ap-guangzhou", "bucket", "audit", `app_id = "x1"`), `storage.app_id must be a numeric APPID`},
		{trackConfig(e, "  name = \"valid\"\n  action_type = \"*\"\n  resource_type = \"*\"\n  event_names = [\"*\"]"), `The argument "storage" is required`},
		{e.Config(`data "cloudtrack_cloudaudit_track" "test" {}`), `Missing Attribute Configuration.*Exactly one of these attributes must be configured: \[track_id,name\]`},
		{e.Config(`data "cloudtrack_cloudaudit_track" "test" {
  track_id = 1
  name     = "valid"
}`), `Invalid Attribute Combination.*Exactly one of these attributes must be configured: \[track_id,name\]`},
		{e.Config(`data "cloudtrack_cloudaudit_tracks" "test" { storage_type = "oss" }`), `storage_type value must be one of: \["cos" "cls" "ckafka"\], got: "oss"`},
		{e.Config(`data "cloudtrack_cloudaudit_tracks" "test" { name_regex = "(" }`), `name_regex must be a valid regular expression`},
	}
	var steps []resource.TestStep
	for _, c := range cases {
		steps = append(steps, resource.TestStep{Config: c.config, PlanOnly: true, ExpectError: acctest.ExpectError(c.want)})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps:                    steps,
	})
	e.WhenMock(func(m *mockcloud.Server) {
		if n := e.TotalCalls(); n != 0 {
			t.Errorf("invalid input reached the API: %d calls (%v)", n, m.CallCounts())
		}
	})
}

// The account's sixth track fails with an error naming the limit, and
// nothing is left behind.
func TestAccCloudAuditTrack_limitExceeded(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "fills the mock's track limit with seeded tracks")
	for i := range 5 {
		seedTrack(t, e, mockcloud.AuditTrack{Name: acctest.RandomName(fmt.Sprintf("existing-%d", i)), Status: 1})
	}
	sixth := acctest.RandomName("the-sixth")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config:      simpleTrack(e, sixth),
				ExpectError: acctest.ExpectError(`creating CloudAudit Track \(` + sixth + `\).*LimitExceeded.OverAmount.*request id.*reached its CloudAudit track limit \(5 tracks per account by default\)`),
			},
		},
	})
	if n := len(e.Mock().AuditTracks()); n != 5 {
		t.Errorf("want the 5 seeded tracks only, got %d", n)
	}
}

// Every create form against every way its answer can go wrong, through
// conns.CreateOnce: each ends in exactly one track, in state, with an empty
// re-plan.
//   - lost: the create is carried out, the connection dropped; Invoke
//     retries, meets AliasAlreadyExists, finds the track matches the plan
//     and adopts it.
//   - timeout: the answer takes longer than the attempt timeout
//     (acctest.Tuning); the mock gives up with the client, and the retry
//     creates the track.
//   - garbled: a truncated 2xx answer that created nothing; the apply fails
//     saying, in words, that no track was created and applying again is
//     safe, and the next apply creates it.
func TestAccCloudAuditTrack_createAnswerFaults(t *testing.T) {
	forms := []struct{ name, action string }{
		{"simple", "CreateAuditTrack"},
		{"events", "CreateEventsAuditTrack"},
	}
	faults := []struct {
		name  string
		fault mockcloud.Fault
		calls int // create calls the first apply makes
		fails bool
	}{
		{"lost", mockcloud.Fault{Mode: mockcloud.FaultCommitThenDrop, Count: 1}, 2, false},
		{"timeout", mockcloud.Fault{Mode: mockcloud.FaultLatency, Latency: acctest.Tuning().AttemptTimeout + time.Second, Count: 1}, 2, false},
		{"garbled", mockcloud.Fault{Mode: mockcloud.FaultGarble, Count: 1}, 1, true},
	}
	for _, form := range forms {
		for _, fc := range faults {
			t.Run(form.name+"/"+fc.name, func(t *testing.T) {
				e := acctest.New(t)
				e.NeedsMock(t, "injects a lost, late or garbled create answer through the mock's faults")
				f := fc.fault
				f.Product, f.Action = product, form.action
				e.Mock().AddFault(f)
				name := acctest.RandomName(fc.name + "-answer")
				cfg := simpleTrack(e, name)
				if form.name == "events" {
					cfg = trackConfig(e, eventsTrackBody(name))
				}
				oneTrack := func(s *terraform.State) error {
					tracks := e.Mock().AuditTracks()
					if len(tracks) != 1 {
						return fmt.Errorf("want exactly 1 track, got %d", len(tracks))
					}
					if got := s.RootModule().Resources[trackResource].Primary.ID; got != fmt.Sprint(tracks[0].ID) {
						return fmt.Errorf("state holds track %s, the mock %d", got, tracks[0].ID)
					}
					return nil
				}
				var steps []resource.TestStep
				if fc.fails {
					steps = append(steps,
						resource.TestStep{
							Config: cfg,
							ExpectError: acctest.ExpectError(fmt.Sprintf(`creating CloudAudit Track \(%[1]s\)[\s\S]*%[2]s: ClientError.ParseJsonError[\s\S]*`+
								`not the API's JSON[\s\S]*no CloudAudit track \(%[1]s\) was found afterwards, so none was created:\s+applying again is safe`, name, form.action)),
						},
						resource.TestStep{
							PreConfig: func() {
								if n := len(e.Mock().AuditTracks()); n != 0 {
									t.Errorf("the garbled create made %d tracks, want 0", n)
								}
								if n := e.Mock().Calls(product, form.action); n != fc.calls {
									t.Errorf("want %d create calls, got %d", fc.calls, n)
								}
							},
							Config: cfg,
							Check:  oneTrack,
						})
				} else {
					steps = append(steps, resource.TestStep{
						Config: cfg,
						Check: resource.ComposeAggregateTestCheckFunc(oneTrack, func(*terraform.State) error {
							if n := e.Mock().Calls(product, form.action); n != fc.calls {
								return fmt.Errorf("want %d create calls (the first answer lost, one retried), got %d", fc.calls, n)
							}
							return nil
						}),
					})
				}
				steps = append(steps, resource.TestStep{
					Config:           cfg,
					ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				})
				resource.ParallelTest(t, resource.TestCase{
					ProtoV6ProviderFactories: e.Factories(),
					CheckDestroy:             checkDestroy(e),
					Steps:                    steps,
				})
			})
		}
	}
}

// A retried create that meets a track of the same name which does not
// match the plan must not adopt it.
func TestAccCloudAuditTrack_lostCreateResponseMismatch(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds a track and drops a create through the mock's faults")
	taken := acctest.RandomName("taken-name")
	id := seedTrack(t, e, mockcloud.AuditTrack{Name: taken, Status: 1,
		Storage: mockcloud.AuditStorage{Type: "cos", Region: "ap-guangzhou", Name: "someone-elses-bucket", Prefix: "cloudaudit"}})
	// The first attempt never arrives; the retry then meets the seeded track.
	e.Mock().AddFault(mockcloud.Fault{Product: product, Action: "CreateAuditTrack", Mode: mockcloud.FaultDrop, Count: 1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: simpleTrack(e, taken),
				ExpectError: acctest.ExpectError(fmt.Sprintf(`creating CloudAudit Track \(%[1]s\).*AliasAlreadyExists.*another CloudAudit track \(%[1]s\) already holds this name, with different settings.*`+
					`import it: terraform import cloudtrack_cloudaudit_track.<name> %[2]d.*differs from the configuration in action_type.*event_names.*storage`, taken, id)),
			},
		},
	})
	tracks := e.Mock().AuditTracks()
	if len(tracks) != 1 || tracks[0].Storage.Name != "someone-elses-bucket" {
		t.Errorf("the existing track must be left alone: %+v", tracks)
	}
}

// Without a retry, a taken name is the user's conflict: the error says how
// to import the existing track.
func TestAccCloudAuditTrack_nameTaken(t *testing.T) {
	e := acctest.New(t)
	e.NeedsMock(t, "seeds a track with the name in the mock")
	taken := acctest.RandomName("taken-name")
	id := seedTrack(t, e, mockcloud.AuditTrack{Name: taken, Status: 1})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config: simpleTrack(e, taken),
				ExpectError: acctest.ExpectError(fmt.Sprintf(`InvalidParameterValue.AliasAlreadyExists.*another CloudAudit track \(%[1]s\) already holds this name.*`+
					`import it: terraform import cloudtrack_cloudaudit_track.<name> %[2]d`, taken, id)),
			},
		},
	})
	if n := e.Mock().Calls(product, "CreateAuditTrack"); n != 1 {
		t.Errorf("want 1 create call, got %d", n)
	}
}

// 25 tracks in one apply, at Terraform's default -parallelism of 10, against
// the documented 20 calls/s and injected RequestLimitExceeded answers: the
// apply succeeds with exactly 25 tracks.
func TestAccCloudAuditTrack_throttling(t *testing.T) {
	e := acctest.New(t, acctest.WithRateLimits())
	e.NeedsMock(t, "injects throttling through the mock's faults and counts calls")
	bulk := acctest.RandomName("bulk")
	e.Mock().SetAuditTrackLimit(25)
	e.Mock().AddFault(mockcloud.Fault{Product: product, Action: "CreateAuditTrack", Code: "RequestLimitExceeded", Count: 5})
	e.Mock().AddFault(mockcloud.Fault{Product: product, Action: "DescribeAuditTrack", Code: "RequestLimitExceeded", Probability: 0.2, Count: 10})
	cfg := e.Config(fmt.Sprintf(`
resource "cloudtrack_cloudaudit_track" "bulk" {
  count         = 25
  name          = "%s-${count.index}"
  action_type   = "Write"
  resource_type = "*"
  event_names   = ["*"]
  %s
}
`, bulk, cosStorage))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		CheckDestroy:             checkDestroy(e),
		Steps: []resource.TestStep{
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("cloudtrack_cloudaudit_track.bulk[24]", tfjsonpath.New("name"), str(bulk+"-24")),
				},
				Check: func(*terraform.State) error {
					if n := len(e.Mock().AuditTracks()); n != 25 {
						return fmt.Errorf("want exactly 25 tracks, got %d", n)
					}
					calls, ok := e.Mock().Calls(product, "CreateAuditTrack"), e.Mock().Succeeded(product, "CreateAuditTrack")
					// Exactly the 5 injected refusals: the provider's own limiter
					// keeps it under the mock's 20 calls/s, so the mock's rate
					// limit refuses none.
					if ok != 25 || calls != 30 {
						return fmt.Errorf("want 25 successful creates of 30 calls (5 throttled), got %d of %d", ok, calls)
					}
					return nil
				},
			},
			{
				Config: cfg,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("cloudtrack_cloudaudit_track.bulk[0]", tfjsonpath.New("enabled"), knownvalue.Bool(true)),
				},
			},
		},
	})
	if n := len(e.Mock().AuditTracks()); n != 0 {
		t.Errorf("destroy left %d tracks", n)
	}
	calls, ok := e.Mock().CallCounts(), e.Mock().SuccessCounts()
	for _, a := range []string{"CreateAuditTrack", "DescribeAuditTrack", "DeleteAuditTrack"} {
		t.Logf("%s: %d calls, %d answered with success, %d with an error", a, calls[product+"."+a], ok[product+"."+a], calls[product+"."+a]-ok[product+"."+a])
	}
}

func TestAccCloudAuditTrack_missingCredentials(t *testing.T) {
	for _, v := range append(append([]string{}, envTencentSecretID...), envTencentSecretKey...) {
		if _, ok := lookupEnv(v); ok {
			t.Skipf("%s is set in the environment", v)
		}
	}
	e := acctest.New(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: e.Factories(),
		Steps: []resource.TestStep{
			{
				Config:      "provider \"cloudtrack\" {}\n" + simpleTrack(e, acctest.RandomName("no-creds"))[len(e.ProviderConfig()):],
				ExpectError: acctest.ExpectError(`Tencent Cloud credentials are not configured.*tencentcloud block.*TENCENTCLOUD_SECRET_ID`),
			},
		},
	})
}
