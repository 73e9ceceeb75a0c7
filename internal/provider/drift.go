package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/drift"
)

// The drift attribution settings of a vendor block (internal/service/drift).

func driftAttributionAttribute(api, rate, permission string) schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional: true,
		MarkdownDescription: fmt.Sprintf("Whether a plan that finds an object of this vendor changed or deleted outside Terraform names who did it "+
			"(a warning with the user or role session, the API action, the time, the source IP, the access key and the request id), "+
			"read from %[1]s. Defaults to `true`. "+
			"Cost: no call when nothing drifted; when objects drifted, one call per drifted object or, when cheaper, one call per 50 write events "+
			"of the account since the oldest of their last changes, shared by all (%[1]s allows %[2]s calls a second), at most `max_drift_lookups`. "+
			"Needs the permission %[3]s; without it the plan still succeeds and the warning says what to grant. "+
			"Set `false` to make no look-up.", api, rate, permission),
	}
}

func maxDriftLookupsAttribute(api string) schema.Int64Attribute {
	return schema.Int64Attribute{
		Optional: true,
		MarkdownDescription: fmt.Sprintf("The most %s calls one plan (one provider process) makes to attribute drift; past it, the warning says the look-up was skipped. "+
			"From 1 to 10000; defaults to `%d`.", api, drift.DefaultMaxLookups),
		Validators: []validator.Int64{int64validator.Between(1, 10000)},
	}
}
