package cloudaudit_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cloudaudit"
)

// The boolean attributes sent as CloudAudit's integer enums (read from the
// prose by internal/contract/gen: Status and TrackForAllMembers 0/1,
// Storage.Compress 1/2) agree with the contract: true and false go out as
// two distinct values of the enum, and every enum value reads back to the
// boolean that sends it again (no value of the enum is lost or
// misread), in every action that has the parameter.
func TestContractIntegerEnums_switches(t *testing.T) {
	c := contract.MustLoad("cloudaudit")
	checked := 0
	for _, action := range []string{"CreateAuditTrack", "CreateEventsAuditTrack", "ModifyAuditTrack", "ModifyEventsAuditTrack"} {
		for param, sw := range cloudaudit.SwitchesForTest {
			p := c.Actions[action].Param(param)
			if top, member, nested := strings.Cut(param, "."); nested {
				if p = c.Actions[action].Param(top); p != nil {
					p = p.Member(member)
				}
			}
			if p == nil {
				t.Fatalf("%s has no parameter %s", action, param)
			}
			if len(p.Enum) != 2 {
				t.Fatalf("%s.%s: the contract's enum is %q, want the two values of a switch (generator: tcIntEnum)", action, param, p.Enum)
			}
			on, off := strconv.FormatUint(sw.ToWire(true), 10), strconv.FormatUint(sw.ToWire(false), 10)
			if on == off || !slices.Contains(p.Enum, on) || !slices.Contains(p.Enum, off) {
				t.Errorf("%s.%s: %s sends true as %s and false as %s; the contract's values are %q", action, param, sw.Attribute, on, off, p.Enum)
			}
			for _, v := range p.Enum {
				n, err := strconv.ParseUint(v, 10, 64)
				if err != nil {
					t.Fatalf("%s.%s: enum value %q is not an integer", action, param, v)
				}
				if back := sw.ToWire(sw.FromWire(n)); back != n {
					t.Errorf("%s.%s: %s reads %d as %v, which is sent as %d", action, param, sw.Attribute, n, sw.FromWire(n), back)
				}
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("nothing checked")
	}
}
