package contract_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/auditevents"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cloudaudit"
)

// counts are what a contract file holds.
type counts struct {
	actions, params, fields, errors, examples int
	// fieldExamples are the per-field example values (Alibaba's models
	// document examples field by field, not as whole answers).
	fieldExamples int
	assumptions   []string
}

func walk(ps []*contract.Param, where string, n, examples *int, assumptions *[]string) {
	for _, p := range ps {
		*n++
		if p.Example != "" {
			*examples++
		}
		for _, note := range p.Notes {
			if strings.Contains(note, "ASSUMPTION") {
				*assumptions = append(*assumptions, where+"."+p.Name+": "+note)
			}
		}
		walk(p.Members, where+"."+p.Name, n, examples, assumptions)
	}
}

func count(name string, c *contract.Product) counts {
	var k counts
	for _, note := range c.Notes {
		if strings.Contains(note, "ASSUMPTION") {
			k.assumptions = append(k.assumptions, name+": "+note)
		}
	}
	for _, action := range c.ActionNames() {
		a := c.Actions[action]
		k.actions++
		walk(a.Request, action, &k.params, &k.fieldExamples, &k.assumptions)
		walk(a.Response, action, &k.fields, &k.fieldExamples, &k.assumptions)
		k.errors += len(a.Errors)
		k.examples += len(a.Examples)
		for _, note := range a.Notes {
			if strings.Contains(note, "ASSUMPTION") {
				k.assumptions = append(k.assumptions, action+": "+note)
			}
		}
		for _, e := range a.Errors {
			if e.Assumption {
				k.assumptions = append(k.assumptions, action+" "+e.Code+": "+e.Description)
			}
		}
	}
	return k
}

// differences compares what the provider and the mock implement with the
// contract, where that is a number or a list: served actions, limits,
// windows, attribute keys. (Each request, answer and error code of the
// acceptance suite is compared by the mock itself: mockcloud fidelity.go.)
func differences(t *testing.T) map[string][]string {
	t.Helper()
	m, err := mockcloud.New(mockcloud.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	diff := func(product, format string, args ...any) {
		out[product] = append(out[product], fmt.Sprintf(format, args...))
	}
	served := m.ServedActions()
	for _, name := range contract.Names() {
		c := contract.MustLoad(name)
		got := served[name]
		for _, a := range c.ActionNames() {
			if !slices.Contains(got, a) {
				diff(name, "the mock does not serve %s", a)
			}
		}
		for _, a := range got {
			if c.Actions[a] == nil {
				diff(name, "the mock serves %s, which the contract lacks", a)
			}
		}
	}

	ca := contract.MustLoad("cloudaudit").Actions["LookUpEvents"]
	keys := ca.Param("LookupAttributes").Member("AttributeKey").Enum
	if got := mockcloud.CloudAuditLookupKeys(); !slices.Equal(got, sorted(keys)) {
		diff("cloudaudit", "LookUpEvents AttributeKey: the mock accepts %v, the contract lists %v", got, sorted(keys))
	}
	for k := range cloudaudit.APIAttributeKeys {
		if !slices.Contains(keys, k) {
			diff("cloudaudit", "LookUpEvents AttributeKey: the provider sends %s, which the contract does not list", k)
		}
	}
	if w := ca.Param("StartTime").WindowDays; w == nil {
		diff("cloudaudit", "LookUpEvents: the contract gives no window")
	} else {
		want := time.Duration(*w) * 24 * time.Hour
		if cloudaudit.LookupMaxWindow != want {
			diff("cloudaudit", "LookUpEvents window: the provider's look-ups span %s, the contract %s", cloudaudit.LookupMaxWindow, want)
		}
		if mockcloud.CloudAuditLookupMaxWindow != want {
			diff("cloudaudit", "LookUpEvents window: the mock allows %s, the contract %s", mockcloud.CloudAuditLookupMaxWindow, want)
		}
	}
	at := contract.MustLoad("actiontrail").Actions["LookupEvents"].Param("MaxResults")
	if at.Maximum == nil || float64(auditevents.PageSize) > *at.Maximum {
		diff("actiontrail", "LookupEvents MaxResults: the provider asks %d a page, the contract allows %v", auditevents.PageSize, at.Maximum)
	}
	for _, p := range []struct{ name, infix string }{{"cdn", "Cdn"}, {"dcdn", "Dcdn"}} {
		c := contract.MustLoad(p.name)
		for _, a := range []string{"Create" + p.infix + "DeliverTask", "Update" + p.infix + "DeliverTask", "Create" + p.infix + "SubTask", "Update" + p.infix + "SubTask"} {
			prm := c.Actions[a].Param("DomainName")
			switch {
			case prm.MaxItems == nil:
				diff(p.name, "%s DomainName: the contract gives no limit", a)
			case *prm.MaxItems != cdn.MaxDomainNames:
				diff(p.name, "%s DomainName: the provider allows %d, the contract %d", a, cdn.MaxDomainNames, *prm.MaxItems)
			case *prm.MaxItems != mockcloud.CDNMaxDomainNames:
				diff(p.name, "%s DomainName: the mock allows %d, the contract %d", a, mockcloud.CDNMaxDomainNames, *prm.MaxItems)
			}
		}
	}
	return out
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// make contract: per product, what the contract covers, the differences
// found between it and the provider and mock, and the ASSUMPTIONs left.
// Fails on any difference (each must be fixed, or explained in the
// contract as an ASSUMPTION).
func TestContractReport(t *testing.T) {
	diffs := differences(t)
	total := 0
	for _, name := range contract.Names() {
		c := contract.MustLoad(name)
		k := count(name, c)
		t.Logf("%s (%s %s): %d actions, %d request parameters, %d response fields, %d error codes (+%d common), %d whole examples, %d field examples; %d differences; %d ASSUMPTIONs",
			name, c.Vendor, c.Version, k.actions, k.params, k.fields, k.errors, len(c.CommonErrors), k.examples, k.fieldExamples, len(diffs[name]), len(k.assumptions))
		for _, d := range diffs[name] {
			t.Logf("  DIFFERENCE %s", d)
			total++
		}
		for _, a := range k.assumptions {
			t.Logf("  ASSUMPTION %s", clip(a))
		}
	}
	t.Logf("acceptance traffic (requests, answers, error codes) is compared by the mock in every acceptance test (acctest; README, Mock fidelity)")
	if total > 0 {
		t.Errorf("%d unexplained differences", total)
	}
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 200 {
		return s[:197] + "..."
	}
	return s
}
