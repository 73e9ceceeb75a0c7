package cloudaudit

import (
	"context"
	"fmt"
	"regexp"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// The API's rules, checked at plan time (API-NOTES.md, CloudAudit).
var (
	trackNameRE    = regexp.MustCompile(`^[A-Za-z0-9_-]{3,48}$`)
	resourceTypeRE = regexp.MustCompile(`^(\*|[a-z][a-z0-9_-]{0,63})$`)
	eventNameRE    = regexp.MustCompile(`^(\*|[A-Za-z][A-Za-z0-9._-]{0,127})$`)
	cosBucketRE    = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]{0,48}[a-z0-9])?$`)
	appIDSuffixRE  = regexp.MustCompile(`-[0-9]{10}$`)
	clsTopicRE     = regexp.MustCompile(`^[A-Za-z0-9-]{1,50}$`)
	// ckafkaTopicRE is "ckafka实例ID/topic", e.g.
	// ckafka-xxxxxx/tencent_test_audit_log (SDK v1.3.40, Storage.StorageName).
	// ASSUMPTION: instance ids are ckafka- and lower-case letters and digits;
	// topic names are CKafka's 1-128 of letters, digits, _ and -.
	ckafkaTopicRE   = regexp.MustCompile(`^ckafka-[a-z0-9]+/[A-Za-z0-9_-]{1,128}$`)
	storagePrefixRE = regexp.MustCompile(`^[A-Za-z0-9]{3,40}$`)
	numericRE       = regexp.MustCompile(`^[0-9]+$`)
)

const maxEventNames = 10

// StorageRegionValues are the regions a track may deliver to, checked at
// plan time. Source: the region table of CloudAudit's API reference,
// "Request Structure" (https://www.tencentcloud.com/document/product/1021/34191,
// "Tencent Cloud currently supports the following regions"): Guangzhou,
// Shanghai, Beijing, Chengdu, Chongqing, Hong Kong, Singapore, Bangkok,
// Mumbai, Seoul, Tokyo, Virginia (na-ashburn), Silicon Valley, Frankfurt.
// The API's own lists (ListCosEnableRegion, ListCmqEnableRegion) are answered
// at run time and documented only by a two-region sample (ap-shanghai,
// ap-hongkong), so they cannot be the plan-time list. The mock keeps its own
// copy of this table (mockcloud.AuditStorageRegions); a test checks the two
// agree.
var StorageRegionValues = []string{
	"ap-guangzhou", "ap-shanghai", "ap-beijing", "ap-chengdu", "ap-chongqing", "ap-hongkong",
	"ap-singapore", "ap-bangkok", "ap-mumbai", "ap-seoul", "ap-tokyo",
	"na-ashburn", "na-siliconvalley", "eu-frankfurt",
}

const (
	trackNameRule     = "must be 3-48 characters: letters, digits, hyphens (-) and underscores (_)"
	resourceTypeRule  = "must be * (every product) or a product name in lower case, such as cos or cam"
	eventNameRule     = "must be * or an API name such as PutObject"
	storagePrefixRule = "for type cos must be 3-40 letters and digits"
)

func trackNameValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(trackNameRE, trackNameRule)}
}

func actionTypeValidators() []validator.String {
	return []validator.String{stringvalidator.OneOf(ActionTypeValues...)}
}

func resourceTypeValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(resourceTypeRE, resourceTypeRule)}
}

func eventNamesValidators() []validator.Set {
	return []validator.Set{
		setvalidator.SizeBetween(1, maxEventNames),
		setvalidator.ValueStringsAre(stringvalidator.RegexMatches(eventNameRE, eventNameRule)),
	}
}

func filtersValidators() []validator.List {
	return []validator.List{listvalidator.SizeAtLeast(1)}
}

func storageTypeValidators() []validator.String {
	return []validator.String{stringvalidator.OneOf(StorageTypeValues...)}
}

func regionValidators() []validator.String {
	return []validator.String{stringvalidator.OneOf(StorageRegionValues...)}
}

func storagePrefixValidators() []validator.String {
	return []validator.String{stringvalidator.LengthAtLeast(1)}
}

func numericValidators(what string) []validator.String {
	return []validator.String{stringvalidator.RegexMatches(numericRE, "must be a numeric "+what)}
}

// validateEventSelection checks the rule that ties event_names to
// resource_type (at is the event_names path): with every product ("*") only every event ("*"), and "*"
// never mixed with API names.
func validateEventSelection(ctx context.Context, at path.Path, resourceType types.String, eventNames types.Set, diags *diag.Diagnostics) {
	if resourceType.IsUnknown() || eventNames.IsNull() || eventNames.IsUnknown() {
		return
	}
	var names []string
	if d := eventNames.ElementsAs(ctx, &names, true); d.HasError() {
		return // unknown elements: checked at apply time
	}
	star := slices.Contains(names, "*")
	switch {
	case resourceType.ValueString() == "*" && (!star || len(names) != 1):
		diags.AddAttributeError(at, "Invalid event_names",
			fmt.Sprintf(`%s must be ["*"] when resource_type is "*" (every product): got %q.`, at, names))
	case star && len(names) != 1:
		diags.AddAttributeError(at, "Invalid event_names",
			fmt.Sprintf(`%s must be either ["*"] (every API of the product) or up to %d API names, not both: got %q.`, at, maxEventNames, names))
	}
}

// validateStorage checks the storage name against its type's rules.
func validateStorage(ctx context.Context, o types.Object, diags *diag.Diagnostics) {
	if o.IsNull() || o.IsUnknown() {
		return
	}
	var m storageModel
	if d := o.As(ctx, &m, basetypes.ObjectAsOptions{UnhandledUnknownAsEmpty: true}); d.HasError() {
		return
	}
	if m.Type.IsUnknown() || m.Name.IsUnknown() || m.Type.IsNull() || m.Name.IsNull() {
		return
	}
	at := path.Root("storage").AtName("name")
	name := m.Name.ValueString()
	switch m.Type.ValueString() {
	case "cos":
		if !cosBucketRE.MatchString(name) {
			diags.AddAttributeError(at, "Invalid storage name",
				fmt.Sprintf("%s for type cos must be a bucket name of at most 50 lower-case letters, digits and hyphens (-), not starting or ending with a hyphen: got %q.", at, name))
		} else if appIDSuffixRE.MatchString(name) {
			diags.AddAttributeError(at, "Invalid storage name",
				fmt.Sprintf("%s for type cos is the bucket name without the -APPID suffix: got %q; put the APPID in storage.app_id if the bucket belongs to another account.", at, name))
		}
	case "cls":
		if !clsTopicRE.MatchString(name) {
			diags.AddAttributeError(at, "Invalid storage name",
				fmt.Sprintf("%s for type cls must be a Log Service topic id of 1-50 letters, digits and hyphens (-): got %q.", at, name))
		}
	case "ckafka":
		if !ckafkaTopicRE.MatchString(name) {
			diags.AddAttributeError(at, "Invalid storage name",
				fmt.Sprintf("%s for type ckafka must be the CKafka instance id and the topic, such as ckafka-abc123/audit_log: got %q.", at, name))
		}
	}
	// The SDK states the 3-40 alphanumeric rule for COS log file prefixes
	// only ("cos日志文件前缀仅支持字母和数字的组合，3-40个字符").
	if m.Type.ValueString() == "cos" && !m.Prefix.IsNull() && !m.Prefix.IsUnknown() && !storagePrefixRE.MatchString(m.Prefix.ValueString()) {
		p := path.Root("storage").AtName("prefix")
		diags.AddAttributeError(p, "Invalid storage prefix",
			fmt.Sprintf("%s %s: got %q.", p, storagePrefixRule, m.Prefix.ValueString()))
	}
}
