package actiontrail

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"

	alisdk "github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	sdk "github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/drift"
)

const defaultTrailTimeout = 10 * time.Minute

// codeTrailExists is CreateTrail's answer for a name the account already
// uses (API-NOTES: ActionTrail trails).
const codeTrailExists = "TrailAlreadyExistsException"

// codeTrailLimit is CreateTrail's answer when the account has its maximum
// of trails: 5 single-account trails per region, 1 multi-account trail
// (ActionTrail "Quotas and limits").
const codeTrailLimit = "MaximumNumberOfTrailsExceededException"

// Formats from the CreateTrail reference (API-NOTES: ActionTrail trails).
var (
	ossBucketRE     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{2,62}$`)
	slsProjectArnRE = regexp.MustCompile(`^acs:log:[a-z0-9-]+:[0-9]*:project/[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$`)
	roleArnRE       = regexp.MustCompile(`^acs:ram::[0-9]+:role/[A-Za-z0-9.@_-]{1,64}$`)
	trailRegionRE   = regexp.MustCompile(`^(All|[a-z]{2}(-[a-z0-9]+)+(,[a-z]{2}(-[a-z0-9]+)+)*)$`)
)

var (
	_ resource.Resource                     = &trailResource{}
	_ resource.ResourceWithConfigure        = &trailResource{}
	_ resource.ResourceWithImportState      = &trailResource{}
	_ resource.ResourceWithIdentity         = &trailResource{}
	_ resource.ResourceWithConfigValidators = &trailResource{}
)

// NewTrailResource is the cloudtrack_actiontrail_trail resource.
func NewTrailResource() resource.Resource { return &trailResource{} }

type trailResource struct {
	client *conns.Client
}

type trailModel struct {
	ID       types.String   `tfsdk:"id"`
	Logging  types.Bool     `tfsdk:"logging"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	trailFields
	trailStatusFields
}

// trailStatusFields come from GetTrailStatus.
type trailStatusFields struct {
	IsLogging              types.Bool   `tfsdk:"is_logging"`
	SlsLatestDeliveryTime  types.String `tfsdk:"sls_latest_delivery_time"`
	SlsLatestDeliveryError types.String `tfsdk:"sls_latest_delivery_error"`
	OssLatestDeliveryTime  types.String `tfsdk:"oss_latest_delivery_time"`
	OssLatestDeliveryError types.String `tfsdk:"oss_latest_delivery_error"`
}

func trailStatusFrom(s *sdk.GetTrailStatusResponse) trailStatusFields {
	return trailStatusFields{
		IsLogging:              types.BoolValue(s.IsLogging),
		SlsLatestDeliveryTime:  trailTimeValue(s.LatestDeliveryLogServiceTime),
		SlsLatestDeliveryError: flex.StringOrNull(s.LatestDeliveryLogServiceError),
		OssLatestDeliveryTime:  trailTimeValue(s.LatestDeliveryTime),
		OssLatestDeliveryError: flex.StringOrNull(s.LatestDeliveryError),
	}
}

func (r *trailResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_actiontrail_trail"
}

// trailIdentity is the resource identity: the trail name, unique in the
// account.
type trailIdentity struct {
	Name types.String `tfsdk:"name"`
}

func (r *trailResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"name": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "The trail name, unique in the account.",
			},
		},
	}
}

func setTrailIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, name string, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, trailIdentity{Name: types.StringValue(name)})...)
}

func (r *trailResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	kept := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An ActionTrail trail: delivers the account's audit events to a Log Service project, an OSS bucket, or both, " +
			"for longer than the 90 days ActionTrail keeps them. A history delivery job (`cloudtrack_actiontrail_history_delivery_job`) needs a trail that delivers to Log Service. " +
			"A new `name` or `is_organization_trail` replaces the trail; every other attribute is updated in place (UpdateTrail, StartLogging, StopLogging). " +
			"An account may have 5 single-account trails per region and 1 multi-account trail. Default timeouts: 10m each.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The trail name.",
				PlanModifiers:       kept,
			},
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Trail name, unique in the account: 6-36 characters, a lower-case letter first, then lower-case letters, digits, `-` and `_`. " +
					"A trail delivering to Log Service writes to the Logstore `actiontrail_<name>`. Changing it replaces the trail.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    trailNameValidators(),
			},
			"sls_project_arn": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Log Service project the events are delivered to, as an ARN: `acs:log:<region>:<account-id>:project/<project>`. " +
					"At least one of `sls_project_arn` and `oss_bucket_name` is required.",
				Validators: []validator.String{stringvalidator.RegexMatches(slsProjectArnRE, "must be a Log Service project ARN: acs:log:<region>:<account-id>:project/<project>")},
			},
			"sls_write_role_arn": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "RAM role ActionTrail assumes to write to the Log Service project, as an ARN: `acs:ram::<account-id>:role/<role>`. " +
					"When not set, the value ActionTrail reports is kept (and sent again on every update, which UpdateTrail needs).",
				Validators: []validator.String{
					stringvalidator.RegexMatches(roleArnRE, "must be a RAM role ARN: acs:ram::<account-id>:role/<role>"),
					stringvalidator.AlsoRequires(path.MatchRoot("sls_project_arn")),
				},
				PlanModifiers: []planmodifier.String{roleArnPlan{destination: path.Root("sls_project_arn")}},
			},
			"oss_bucket_name": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "OSS bucket the events are delivered to: 3-63 lower-case letters, digits and `-`, starting with a letter or digit. " +
					"At least one of `sls_project_arn` and `oss_bucket_name` is required.",
				Validators: []validator.String{stringvalidator.RegexMatches(ossBucketRE,
					"must be 3-63 characters: lower-case letters, digits and hyphens (-), starting with a lower-case letter or a digit")},
			},
			"oss_key_prefix": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Prefix of the log files in the OSS bucket: 6-32 characters. Requires `oss_bucket_name`.",
				Validators: []validator.String{
					stringvalidator.LengthBetween(6, 32),
					stringvalidator.AlsoRequires(path.MatchRoot("oss_bucket_name")),
				},
			},
			"oss_write_role_arn": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "RAM role ActionTrail assumes to write to the OSS bucket, as an ARN: `acs:ram::<account-id>:role/<role>`. " +
					"When not set, the value ActionTrail reports is kept (and sent again on every update, which UpdateTrail needs).",
				Validators: []validator.String{
					stringvalidator.RegexMatches(roleArnRE, "must be a RAM role ARN: acs:ram::<account-id>:role/<role>"),
					stringvalidator.AlsoRequires(path.MatchRoot("oss_bucket_name")),
				},
				PlanModifiers: []planmodifier.String{roleArnPlan{destination: path.Root("oss_bucket_name")}},
			},
			"event_rw": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(defaultEventRW),
				MarkdownDescription: "Events delivered: one of " + quotedList(EventRWValues) + " (read events, write events, both). Defaults to `" + defaultEventRW + "`.",
				Validators:          []validator.String{stringvalidator.OneOf(EventRWValues...)},
			},
			"trail_region": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(defaultTrailRegion),
				MarkdownDescription: "Regions whose events are delivered: `All`, or region ids separated by commas such as `cn-hangzhou,cn-shanghai`. " +
					"Defaults to `" + defaultTrailRegion + "`.",
				Validators: []validator.String{stringvalidator.RegexMatches(trailRegionRE, "must be All or region ids separated by commas, such as cn-hangzhou,cn-shanghai")},
			},
			"is_organization_trail": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
				MarkdownDescription: "A multi-account trail, delivering the events of every member of the resource directory (only for its management account " +
					"or ActionTrail's delegated administrator). Changing it replaces the trail. Defaults to `false`.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"logging": schema.BoolAttribute{
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
				MarkdownDescription: "Whether the trail delivers events (StartLogging, StopLogging). ActionTrail creates trails switched off; " +
					"the provider switches a new trail on unless this is `false`. Defaults to `true`.",
			},
			"home_region": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Home region of the trail: the provider's `alicloud.region` when it was created.",
				PlanModifiers:       kept,
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Trail status as the API reports it: `" + trailEnabled + "` (logging) or `" + trailDisabled + "`.",
			},
			"trail_arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "ARN of the trail.",
				PlanModifiers:       kept,
			},
			"create_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the trail was created (RFC 3339).",
				PlanModifiers:       kept,
			},
			"update_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the trail's configuration last changed (RFC 3339).",
			},
			"start_logging_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When logging was last switched on (RFC 3339); null if never.",
			},
			"stop_logging_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When logging was last switched off (RFC 3339); null if never.",
			},
			"is_logging": schema.BoolAttribute{
				Computed:            true,
				MarkdownDescription: "Whether the trail is logging, as GetTrailStatus reports it.",
			},
			"sls_latest_delivery_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When events last reached the Log Service project (RFC 3339); null if never.",
			},
			"sls_latest_delivery_error": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The last error delivering to the Log Service project; null if none.",
			},
			"oss_latest_delivery_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When events last reached the OSS bucket (RFC 3339); null if never.",
			},
			"oss_latest_delivery_error": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The last error delivering to the OSS bucket; null if none.",
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

// roleArnPlan plans a write role ARN left out of the configuration: null
// when its destination is gone, the prior value while the destination
// stays the same (so UpdateTrail gets it again), unknown when the
// destination changes.
type roleArnPlan struct {
	destination path.Path
}

func (m roleArnPlan) Description(context.Context) string {
	return "keeps the reported role while its destination stays; null without a destination"
}

func (m roleArnPlan) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m roleArnPlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !req.ConfigValue.IsNull() {
		return
	}
	var planned, prior types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, m.destination, &planned)...)
	if planned.IsNull() {
		resp.PlanValue = types.StringNull()
		return
	}
	if req.State.Raw.IsNull() {
		return // create: ActionTrail decides
	}
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, m.destination, &prior)...)
	if planned.Equal(prior) {
		resp.PlanValue = req.StateValue
	}
}

func (r *trailResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.AtLeastOneOf(path.MatchRoot("sls_project_arn"), path.MatchRoot("oss_bucket_name")),
	}
}

func (r *trailResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *trailResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer drift.Mark(ctx, resp.Private) // when Terraform last changed it (internal/service/drift)
	var plan trailModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultTrailTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	stop := ctx // the request's: Ctrl-C cancels it (conns.Create.Stop)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	name := plan.Name.ValueString()
	summary := fmt.Sprintf("creating ActionTrail Trail (%s)", name)
	var diffs []string
	_, adopted, err := conns.CreateOnce(ctx, conns.Create[string]{
		What: fmt.Sprintf("ActionTrail trail (%s)", name),
		Call: func(ctx context.Context) (string, error) { return createTrailCall(ctx, r.client, &plan) },
		Find: func(ctx context.Context) (conns.Candidate[string], error) {
			t, err := findTrailByName(ctx, r.client, name)
			if conns.IsNotFound(err) {
				return conns.Candidate[string]{}, nil
			}
			if err != nil {
				return conns.Candidate[string]{}, err
			}
			got := trailFieldsFrom(t)
			diffs = trailFieldDiffs(plan.trailFields, got)
			created, _ := time.Parse(time.RFC3339, got.CreateTime.ValueString())
			return conns.Candidate[string]{ID: name, Found: true, Same: len(diffs) == 0, Created: created}, nil
		},
		Skew:   conns.AlicloudClockSkew,
		Taken:  func(err error) bool { return conns.ErrorCode(err) == codeTrailExists },
		Import: func(string) string { return "terraform import cloudtrack_actiontrail_trail.<name> " + name },
		// DescribeTrails shows what CreateTrail made: when it shows nothing
		// after a garbled answer, the create is made again.
		Recall: true,
		Stop:   stop,
	})
	switch {
	case err == nil:
	case conns.ErrorCode(err) == codeTrailLimit:
		resp.Diagnostics.AddError(summary, fmt.Sprintf("%s\n\nThe account has reached its ActionTrail trail limit "+
			"(5 single-account trails per region, 1 multi-account trail): delete a trail you no longer need, or raise the quota in Quota Center.", err))
		return
	case len(diffs) > 0:
		resp.Diagnostics.AddError(summary, fmt.Sprintf("%s\n\nThe trail found differs from the configuration in %s.", err, strings.Join(diffs, ", ")))
		return
	default:
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	tflog.Info(ctx, "created ActionTrail trail", map[string]any{"name": name, "adopted": adopted})

	// Record the trail at once, so a failure below leaves a tainted trail
	// in state rather than an orphan.
	plan.ID = types.StringValue(name)
	partial := plan
	partial.trailFields = knownTrailFields(plan.trailFields)
	partial.trailStatusFields = nullTrailStatus()
	partial.Logging = types.BoolValue(false)
	resp.Diagnostics.Append(resp.State.Set(ctx, &partial)...)
	setTrailIdentity(ctx, resp.Identity, name, &resp.Diagnostics)

	// ActionTrail makes trails switched off; an adopted one may be either.
	if plan.Logging.ValueBool() || adopted {
		if err := setTrailLogging(ctx, r.client, name, plan.Logging.ValueBool()); err != nil {
			resp.Diagnostics.AddError(summary, err.Error())
			return
		}
	}
	if err := r.read(ctx, &plan); err != nil {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("reading the new trail: %s", err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// createTrailCall is one CreateTrail (conns.Invoke retries throttling, 5xx
// and transport failures). The typed request drops empty values, which is
// what a create wants.
func createTrailCall(ctx context.Context, c *conns.Client, plan *trailModel) (string, error) {
	req := sdk.CreateCreateTrailRequest()
	req.Name = plan.Name.ValueString()
	req.SlsProjectArn = plan.SlsProjectArn.ValueString()
	req.SlsWriteRoleArn = plan.SlsWriteRoleArn.ValueString()
	req.OssBucketName = plan.OssBucketName.ValueString()
	req.OssKeyPrefix = plan.OssKeyPrefix.ValueString()
	req.OssWriteRoleArn = plan.OssWriteRoleArn.ValueString()
	req.EventRW = plan.EventRW.ValueString()
	req.TrailRegion = plan.TrailRegion.ValueString()
	if plan.IsOrganizationTrail.ValueBool() {
		req.IsOrganizationTrail = requests.NewBoolean(true)
	}
	out, err := conns.ActionTrail(ctx, c, "CreateTrail", func(cl *sdk.Client) (*sdk.CreateTrailResponse, error) {
		return cl.CreateTrail(req)
	})
	if err != nil {
		return "", err
	}
	tflog.Info(ctx, "CreateTrail answered", map[string]any{"name": out.Name, "home_region": out.HomeRegion, "request_id": out.RequestId})
	return req.Name, nil
}

// trailFieldDiffs names the configurable attributes in which got differs
// from want; a role ARN left to ActionTrail (unknown) matches any.
func trailFieldDiffs(want, got trailFields) []string {
	var diffs []string
	for _, f := range []struct {
		name string
		a, b attr.Value
	}{
		{"sls_project_arn", want.SlsProjectArn, got.SlsProjectArn},
		{"sls_write_role_arn", want.SlsWriteRoleArn, got.SlsWriteRoleArn},
		{"oss_bucket_name", want.OssBucketName, got.OssBucketName},
		{"oss_key_prefix", want.OssKeyPrefix, got.OssKeyPrefix},
		{"oss_write_role_arn", want.OssWriteRoleArn, got.OssWriteRoleArn},
		{"event_rw", want.EventRW, got.EventRW},
		{"trail_region", want.TrailRegion, got.TrailRegion},
		{"is_organization_trail", want.IsOrganizationTrail, got.IsOrganizationTrail},
	} {
		if !f.a.IsUnknown() && !f.a.Equal(f.b) {
			diffs = append(diffs, fmt.Sprintf("%s (configured %s, found %s)", f.name, f.a, f.b))
		}
	}
	return diffs
}

// knownTrailFields replaces what the plan leaves unknown by null, for the
// state written before the read-back.
func knownTrailFields(f trailFields) trailFields {
	str := func(v types.String) types.String {
		if v.IsUnknown() {
			return types.StringNull()
		}
		return v
	}
	f.SlsWriteRoleArn, f.OssWriteRoleArn = str(f.SlsWriteRoleArn), str(f.OssWriteRoleArn)
	f.HomeRegion, f.Status, f.TrailArn = str(f.HomeRegion), str(f.Status), str(f.TrailArn)
	f.CreateTime, f.UpdateTime = str(f.CreateTime), str(f.UpdateTime)
	f.StartLoggingTime, f.StopLoggingTime = str(f.StartLoggingTime), str(f.StopLoggingTime)
	return f
}

func nullTrailStatus() trailStatusFields {
	return trailStatusFields{
		IsLogging:             types.BoolNull(),
		SlsLatestDeliveryTime: types.StringNull(), SlsLatestDeliveryError: types.StringNull(),
		OssLatestDeliveryTime: types.StringNull(), OssLatestDeliveryError: types.StringNull(),
	}
}

// read fills m from DescribeTrails and GetTrailStatus; a trail gone is
// NotFound.
func (r *trailResource) read(ctx context.Context, m *trailModel) error {
	name := m.Name.ValueString()
	if name == "" {
		name = m.ID.ValueString()
	}
	t, err := findTrailByName(ctx, r.client, name)
	if err != nil {
		return err
	}
	st, err := findTrailStatus(ctx, r.client, name, t.IsOrganizationTrail)
	if err != nil {
		return err
	}
	m.ID = types.StringValue(t.Name)
	m.trailFields = trailFieldsFrom(t)
	m.trailStatusFields = trailStatusFrom(st)
	m.Logging = types.BoolValue(t.Status == trailEnabled)
	return nil
}

func (r *trailResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state trailModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Who changed it, when the read finds drift (internal/service/drift).
	defer drift.AfterRead(ctx, r.client, drift.Trail(state.ID.ValueString()), req, resp)
	name := state.ID.ValueString()
	err := r.read(ctx, &state)
	if conns.IsNotFound(err) {
		tflog.Warn(ctx, "ActionTrail trail not found, removing from state", map[string]any{"name": name})
		resp.State.RemoveResource(ctx)
		setTrailIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("reading ActionTrail Trail (%s)", name), err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setTrailIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
}

func (r *trailResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer drift.Mark(ctx, resp.Private) // when Terraform last changed it (internal/service/drift)
	var plan, state trailModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultTrailTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	name := state.ID.ValueString()
	summary := fmt.Sprintf("updating ActionTrail Trail (%s)", name)
	if len(trailFieldDiffs(plan.trailFields, state.trailFields)) > 0 {
		if err := updateTrail(ctx, r.client, name, &plan); err != nil {
			resp.Diagnostics.AddError(summary, err.Error())
			return
		}
	}
	if !plan.Logging.Equal(state.Logging) {
		if err := setTrailLogging(ctx, r.client, name, plan.Logging.ValueBool()); err != nil {
			resp.Diagnostics.AddError(summary, err.Error())
			return
		}
	}
	plan.ID = state.ID
	if err := r.read(ctx, &plan); err != nil {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("reading the trail back: %s", err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setTrailIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
}

func (r *trailResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state trailModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultTrailTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	name := state.ID.ValueString()
	if err := deleteTrail(ctx, r.client, name); err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("deleting ActionTrail Trail (%s)", name), err.Error())
	}
}

// ImportState takes the trail name as an import id or as the identity's
// name (Terraform 1.12+).
func (r *trailResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	name := req.ID
	if name == "" && req.Identity != nil {
		var ident trailIdentity
		resp.Diagnostics.Append(req.Identity.Get(ctx, &ident)...)
		if resp.Diagnostics.HasError() {
			return
		}
		name = ident.Name.ValueString()
		if !trailNameRE.MatchString(name) {
			resp.Diagnostics.AddError("Invalid import identity",
				fmt.Sprintf("Expected name, the name of an ActionTrail trail (6-36 characters: a lower-case letter first, then lower-case letters, digits, - and _), such as audit-trail; got %s.", ident.Name))
			return
		}
	} else if !trailNameRE.MatchString(name) {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("Expected the name of an ActionTrail trail (6-36 characters: a lower-case letter first, then lower-case letters, digits, - and _), such as audit-trail; got %q.", name))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	setTrailIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
}

// updateTrailQuery is UpdateTrail with every setting (API-NOTES:
// ActionTrail trails). It goes as a CommonRequest because the typed
// request drops empty values, and an empty value is how a destination is
// removed; sending every setting also gives UpdateTrail the write role
// ARNs again, which it needs (aliyun/terraform-provider-alicloud#3851).
func updateTrailQuery(name string, plan *trailModel) map[string]string {
	return map[string]string{
		"Name":            name,
		"SlsProjectArn":   plan.SlsProjectArn.ValueString(),
		"SlsWriteRoleArn": plan.SlsWriteRoleArn.ValueString(),
		"OssBucketName":   plan.OssBucketName.ValueString(),
		"OssKeyPrefix":    plan.OssKeyPrefix.ValueString(),
		"OssWriteRoleArn": plan.OssWriteRoleArn.ValueString(),
		"EventRW":         plan.EventRW.ValueString(),
		"TrailRegion":     plan.TrailRegion.ValueString(),
	}
}

func updateTrail(ctx context.Context, c *conns.Client, name string, plan *trailModel) error {
	query := updateTrailQuery(name, plan)
	_, err := conns.AlicloudCommon(ctx, c, conns.ProductActionTrail, "UpdateTrail", func(cl *alisdk.Client) (*responses.CommonResponse, error) {
		req := requests.NewCommonRequest()
		req.Method = requests.POST
		req.Product = "Actiontrail"
		req.Version = "2020-07-06"
		req.ApiName = "UpdateTrail"
		for k, v := range query {
			req.QueryParams[k] = v
		}
		return cl.ProcessCommonRequest(req)
	})
	return err
}

// setTrailLogging switches a trail's logging on (StartLogging) or off
// (StopLogging).
func setTrailLogging(ctx context.Context, c *conns.Client, name string, on bool) error {
	if on {
		req := sdk.CreateStartLoggingRequest()
		req.Name = name
		_, err := conns.ActionTrail(ctx, c, "StartLogging", func(cl *sdk.Client) (*sdk.StartLoggingResponse, error) {
			return cl.StartLogging(req)
		})
		return err
	}
	req := sdk.CreateStopLoggingRequest()
	req.Name = name
	_, err := conns.ActionTrail(ctx, c, "StopLogging", func(cl *sdk.Client) (*sdk.StopLoggingResponse, error) {
		return cl.StopLogging(req)
	})
	return err
}

// deleteTrail deletes a trail and waits until it is gone; a trail already
// gone is not an error. The resource and the sweeper share it.
func deleteTrail(ctx context.Context, c *conns.Client, name string) error {
	req := sdk.CreateDeleteTrailRequest()
	req.Name = name
	_, err := conns.ActionTrail(ctx, c, "DeleteTrail", func(cl *sdk.Client) (*sdk.DeleteTrailResponse, error) {
		return cl.DeleteTrail(req)
	})
	if conns.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return conns.WaitGone(ctx, c, fmt.Sprintf("ActionTrail trail %s", name), func(ctx context.Context) error {
		_, err := findTrailByName(ctx, c, name)
		return err
	})
}
