package cloudaudit

import (
	"context"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/drift"
)

const defaultTimeout = 10 * time.Minute

var (
	_ resource.Resource                     = &trackResource{}
	_ resource.ResourceWithConfigure        = &trackResource{}
	_ resource.ResourceWithImportState      = &trackResource{}
	_ resource.ResourceWithConfigValidators = &trackResource{}
	_ resource.ResourceWithValidateConfig   = &trackResource{}
	_ resource.ResourceWithIdentity         = &trackResource{}
)

// NewTrackResource is the cloudtrack_cloudaudit_track resource.
func NewTrackResource() resource.Resource { return &trackResource{} }

type trackResource struct {
	client *conns.Client
}

type trackModel struct {
	ID       types.String   `tfsdk:"id"`
	Timeouts timeouts.Value `tfsdk:"timeouts"`
	trackFields
}

func (r *trackResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_cloudaudit_track"
}

func (r *trackResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Tencent Cloud CloudAudit track: delivers the audit events it selects to a COS bucket, a CLS topic or a CKafka topic. " +
			"A track selects events in one of two forms: the simple form (`action_type`, `resource_type`, `event_names`) or " +
			"the filter form (`filters`, one entry per product). Every attribute but `name` is updated in place; a new `name` replaces the track. " +
			"An account may have at most 5 tracks.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The track id, as a string.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"track_id": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "The track id assigned by CloudAudit.",
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Track name, unique in the account: 3-48 letters, digits, `-` and `_`. CloudAudit cannot rename a track, so changing it replaces the track.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          trackNameValidators(),
			},
			"enabled": schema.BoolAttribute{
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
				MarkdownDescription: "Whether the track delivers events. Defaults to `true`.",
			},
			"track_for_all_members": schema.BoolAttribute{
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
				MarkdownDescription: "Also deliver the events of every member account of the organization (only for an organization's management account). Defaults to `false`.",
			},
			"action_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Simple form: the events to select, one of " + quotedList(ActionTypeValues) + " (`*` is both). Requires `resource_type` and `event_names`; conflicts with `filters`.",
				Validators:          actionTypeValidators(),
			},
			"resource_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Simple form: the product whose events are selected, such as `cos`, or `*` for every product.",
				Validators:          resourceTypeValidators(),
			},
			"event_names": schema.SetAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Simple form: the API names selected, or `[\"*\"]` for all of them; at most 10 names. " +
					"Must be `[\"*\"]` when `resource_type` is `*`.",
				Validators: eventNamesValidators(),
			},
			"filters": schema.ListNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Filter form: one entry per product selected (CreateEventsAuditTrack). Conflicts with `action_type`, `resource_type` and `event_names`.",
				Validators:          filtersValidators(),
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"resource_type": schema.StringAttribute{
							Required:            true,
							MarkdownDescription: "The product, such as `cam`, or `*` for every product.",
							Validators:          resourceTypeValidators(),
						},
						"action_type": schema.StringAttribute{
							Required:            true,
							MarkdownDescription: "The events to select, one of " + quotedList(ActionTypeValues) + ".",
							Validators:          actionTypeValidators(),
						},
						"event_names": schema.SetAttribute{
							Required:            true,
							ElementType:         types.StringType,
							MarkdownDescription: "The API names, or `[\"*\"]` for all; at most 10. Must be `[\"*\"]` when `resource_type` is `*`.",
							Validators:          eventNamesValidators(),
						},
					},
				},
			},
			"storage": schema.SingleNestedAttribute{
				Required:            true,
				MarkdownDescription: "Where the events are delivered.",
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Delivery target, one of " + quotedList(StorageTypeValues) + " (Cloud Object Storage bucket, Cloud Log Service topic or CKafka topic).",
						Validators:          storageTypeValidators(),
					},
					"region": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Region of the bucket or topic, one of the regions CloudAudit delivers to: " + quotedList(StorageRegionValues) + ".",
						Validators:          regionValidators(),
					},
					"name": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "For `cos`, the bucket name without the `-APPID` suffix (lower-case letters, digits and `-`, at most 50, not starting or ending with `-`). " +
							"For `cls`, the topic id (1-50 characters). For `ckafka`, the instance id and the topic, such as `ckafka-abc123/audit_log`.",
					},
					"prefix": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Prefix of the delivered logs. For `cos`, 3-40 letters and digits (the rule the API states for COS log files).",
						Validators:          storagePrefixValidators(),
					},
					"account_id": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Account id owning the bucket or topic, when it is another account (numeric).",
						Validators:          numericValidators("account id"),
					},
					"app_id": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "APPID owning the bucket, when it is another account (numeric).",
						Validators:          numericValidators("APPID"),
					},
					"compress": schema.BoolAttribute{
						Optional: true,
						Computed: true,
						MarkdownDescription: "Whether the delivered logs are compressed. When not set, CloudAudit decides, and the value it reports is kept; " +
							"removing the attribute later keeps the current setting.",
						PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
					},
				},
			},
			"create_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the track was created (RFC 3339, in Beijing time as the API reports it).",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

// trackIdentity is the resource identity: the API's track id, unique in
// the account (tracks belong to the whole account, not to a region).
type trackIdentity struct {
	TrackID types.Int64 `tfsdk:"track_id"`
}

func (r *trackResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"track_id": identityschema.Int64Attribute{
				RequiredForImport: true,
				Description:       "The track id assigned by CloudAudit.",
			},
		},
	}
}

// setTrackIdentity records the identity of track id; resp is a Create,
// Read, Update or ImportState response's Identity (nil on CLIs without
// identity support).
func setTrackIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id uint64, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, trackIdentity{TrackID: types.Int64Value(int64(id))})...) //nolint:gosec // track ids are small
}

func (r *trackResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.ExactlyOneOf(path.MatchRoot("action_type"), path.MatchRoot("filters")),
		resourcevalidator.RequiredTogether(path.MatchRoot("action_type"), path.MatchRoot("resource_type"), path.MatchRoot("event_names")),
	}
}

// ValidateConfig checks the rules that span attributes.
func (r *trackResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m trackModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateEventSelection(ctx, path.Root("event_names"), m.ResourceType, m.EventNames, &resp.Diagnostics)
	if !m.Filters.IsNull() && !m.Filters.IsUnknown() {
		var fs []filterModel
		if d := m.Filters.ElementsAs(ctx, &fs, true); !d.HasError() {
			for i, f := range fs {
				validateEventSelection(ctx, path.Root("filters").AtListIndex(i).AtName("event_names"), f.ResourceType, f.EventNames, &resp.Diagnostics)
			}
		}
	}
	validateStorage(ctx, m.Storage, &resp.Diagnostics)
}

func (r *trackResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *trackResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer drift.Mark(ctx, resp.Private) // when Terraform last changed it (internal/service/drift)
	var plan trackModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Create(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	stop := ctx // the request's: Ctrl-C cancels it (conns.Create.Stop)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	name := plan.Name.ValueString()
	summary := fmt.Sprintf("creating CloudAudit Track (%s)", name)
	call := r.createCall(ctx, &plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	// diffs is what Find saw of a same-named track that is not the one
	// asked for, for the error.
	var diffs []string
	id, adopted, err := conns.CreateOnce(ctx, conns.Create[uint64]{
		What: fmt.Sprintf("CloudAudit track (%s)", name),
		Call: call,
		Find: func(ctx context.Context) (conns.Candidate[uint64], error) {
			id, d, err := findTrackByName(ctx, r.client, name)
			if conns.IsNotFound(err) {
				return conns.Candidate[uint64]{}, nil
			}
			if err != nil {
				return conns.Candidate[uint64]{}, err
			}
			got := fieldsFromDescribe(id, d)
			diffs = fieldDiffs(plan.trackFields, got)
			created, _ := time.Parse(time.RFC3339, got.CreateTime.ValueString())
			return conns.Candidate[uint64]{ID: id, Found: true, Same: len(diffs) == 0, Created: created}, nil
		},
		Skew:  conns.TencentClockSkew,
		Taken: func(err error) bool { return conns.ErrorCode(err) == codeAliasExists },
		Import: func(id uint64) string {
			if id == 0 {
				return "terraform import cloudtrack_cloudaudit_track.<name> <track id>"
			}
			return fmt.Sprintf("terraform import cloudtrack_cloudaudit_track.<name> %d", id)
		},
		Stop: stop,
	})
	switch {
	case err == nil:
	case conns.ErrorCode(err) == codeLimitReached:
		resp.Diagnostics.AddError(summary, fmt.Sprintf("%s\n\nThe account has reached its CloudAudit track limit "+
			"(%d tracks per account by default): delete a track you no longer need, or ask Tencent Cloud to raise the quota.", err, defaultTrackLimit))
		return
	case len(diffs) > 0:
		resp.Diagnostics.AddError(summary, fmt.Sprintf("%s\n\nThe track found differs from the configuration in %s.", err, strings.Join(diffs, ", ")))
		return
	default:
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	tflog.Info(ctx, "created CloudAudit track", map[string]any{"track_id": id, "adopted": adopted})

	// Record the id at once, so a failed read leaves a tainted track in
	// state rather than an orphan.
	plan.ID = types.StringValue(strconv.FormatUint(id, 10))
	plan.TrackID = types.Int64Value(int64(id)) //nolint:gosec // track ids are small
	plan.CreateTime = types.StringNull()
	if o, d := storageKnown(ctx, plan.Storage); !d.HasError() {
		plan.Storage = o
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setTrackIdentity(ctx, resp.Identity, id, &resp.Diagnostics)

	d, err := findTrackByID(ctx, r.client, id)
	if err != nil {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("reading the new track %d: %s", id, err))
		return
	}
	plan.trackFields = fieldsFromDescribe(id, d)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setTrackIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

// storageKnown replaces an unknown storage.compress (left to the API) by
// null, so the state written before the read-back holds no unknown value.
func storageKnown(ctx context.Context, o types.Object) (types.Object, diag.Diagnostics) {
	var m storageModel
	if d := o.As(ctx, &m, basetypes.ObjectAsOptions{}); d.HasError() {
		return o, d
	}
	if m.Compress.IsUnknown() {
		m.Compress = types.BoolNull()
	}
	return types.ObjectValueFrom(ctx, storageAttrTypes, m)
}

// createCall builds the create of the plan's form (CreateAuditTrack or
// CreateEventsAuditTrack) and returns the call for conns.CreateOnce.
func (r *trackResource) createCall(ctx context.Context, plan *trackModel, diags *diag.Diagnostics) func(context.Context) (uint64, error) {
	storage := storageRequest(ctx, plan.Storage, diags)
	if !plan.Filters.IsNull() {
		req := ca.NewCreateEventsAuditTrackRequest()
		req.Name = stringPtr(plan.Name)
		req.Status = switchToWire(plan.Enabled.ValueBool())
		req.TrackForAllMembers = switchToWire(plan.TrackForAllMembers.ValueBool())
		req.Storage = storage
		req.Filters = filtersRequest(ctx, plan.Filters, diags)
		return func(ctx context.Context) (uint64, error) {
			out, err := conns.CloudAudit(ctx, r.client, "CreateEventsAuditTrack", func(ctx context.Context, cl *ca.Client) (*ca.CreateEventsAuditTrackResponse, error) {
				return cl.CreateEventsAuditTrackWithContext(ctx, req)
			})
			if err != nil {
				return 0, err
			}
			if out.Response == nil || out.Response.TrackId == nil {
				return 0, missingTrackID("CreateEventsAuditTrack")
			}
			return *out.Response.TrackId, nil
		}
	}
	req := ca.NewCreateAuditTrackRequest()
	req.Name = stringPtr(plan.Name)
	req.Status = switchToWire(plan.Enabled.ValueBool())
	req.TrackForAllMembers = switchToWire(plan.TrackForAllMembers.ValueBool())
	req.Storage = storage
	req.ActionType = stringPtr(plan.ActionType)
	req.ResourceType = stringPtr(plan.ResourceType)
	req.EventNames = setStrings(ctx, plan.EventNames, diags)
	return func(ctx context.Context) (uint64, error) {
		out, err := conns.CloudAudit(ctx, r.client, "CreateAuditTrack", func(ctx context.Context, cl *ca.Client) (*ca.CreateAuditTrackResponse, error) {
			return cl.CreateAuditTrackWithContext(ctx, req)
		})
		if err != nil {
			return 0, err
		}
		if out.Response == nil || out.Response.TrackId == nil {
			return 0, missingTrackID("CreateAuditTrack")
		}
		return *out.Response.TrackId, nil
	}
}

// missingTrackID is a 2xx answer without the id: the JSON parsed but is
// not the API's answer, so the outcome is unknown like a garbled one
// (ClientError.ParseJsonError is the code conns.OutcomeUnknown knows).
func missingTrackID(action string) error {
	return &conns.APIError{Product: conns.ProductCloudAudit, Action: action, Code: "ClientError.ParseJsonError",
		Message: "the answer had no TrackId", HTTPStatus: 200}
}

// fieldDiffs names the configurable attributes in which got differs from
// want. A storage.compress left to the API (unknown in the plan) matches
// whatever the API chose.
func fieldDiffs(want, got trackFields) []string {
	wantStorage := want.Storage
	if c, ok := want.Storage.Attributes()["compress"]; ok && c.IsUnknown() {
		attrs := maps.Clone(want.Storage.Attributes())
		attrs["compress"] = got.Storage.Attributes()["compress"]
		if o, d := types.ObjectValue(storageAttrTypes, attrs); !d.HasError() {
			wantStorage = o
		}
	}
	var diffs []string
	for _, f := range []struct {
		name string
		a, b attr.Value
	}{
		{"enabled", want.Enabled, got.Enabled},
		{"track_for_all_members", want.TrackForAllMembers, got.TrackForAllMembers},
		{"action_type", want.ActionType, got.ActionType},
		{"resource_type", want.ResourceType, got.ResourceType},
		{"event_names", want.EventNames, got.EventNames},
		{"filters", want.Filters, got.Filters},
		{"storage", wantStorage, got.Storage},
	} {
		if !f.a.Equal(f.b) {
			diffs = append(diffs, fmt.Sprintf("%s (configured %s, found %s)", f.name, f.a, f.b))
		}
	}
	return diffs
}

func parseTrackID(s string) (uint64, error) {
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || id == 0 {
		return 0, fmt.Errorf("not a track id: %q", s)
	}
	return id, nil
}

func (r *trackResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state trackModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := parseTrackID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("reading CloudAudit Track", fmt.Sprintf("state holds an invalid id: %s", err))
		return
	}
	// Who changed it, when the read finds drift (internal/service/drift).
	defer drift.AfterRead(ctx, r.client, drift.Track(state.ID.ValueString()), req, resp)
	d, err := findTrackByID(ctx, r.client, id)
	if conns.IsNotFound(err) {
		tflog.Warn(ctx, "CloudAudit track not found, removing from state", map[string]any{"track_id": id})
		resp.State.RemoveResource(ctx)
		// The framework wants an identity after every Read, a removal
		// included; a CLI without identity support (< 1.12) sends none.
		setTrackIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("reading CloudAudit Track (%d)", id), err.Error())
		return
	}
	state.trackFields = fieldsFromDescribe(id, d)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setTrackIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

func (r *trackResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer drift.Mark(ctx, resp.Private) // when Terraform last changed it (internal/service/drift)
	var plan, state trackModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := plan.Timeouts.Update(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	id, err := parseTrackID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("updating CloudAudit Track", err.Error())
		return
	}
	summary := fmt.Sprintf("updating CloudAudit Track (%d)", id)
	if err := r.modify(ctx, id, &plan, &state, &resp.Diagnostics); err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	if resp.Diagnostics.HasError() {
		return
	}
	d, err := findTrackByID(ctx, r.client, id)
	if err != nil {
		resp.Diagnostics.AddError(summary, fmt.Sprintf("reading the track back: %s", err))
		return
	}
	plan.ID = state.ID
	plan.trackFields = fieldsFromDescribe(id, d)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setTrackIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

// modify sends what changed between state and plan, through the Modify
// call of the plan's form (which also switches a track between forms). The
// name is never sent: it cannot change in place.
func (r *trackResource) modify(ctx context.Context, id uint64, plan, state *trackModel, diags *diag.Diagnostics) error {
	var status, members *uint64
	if !plan.Enabled.Equal(state.Enabled) {
		status = switchToWire(plan.Enabled.ValueBool())
	}
	if !plan.TrackForAllMembers.Equal(state.TrackForAllMembers) {
		members = switchToWire(plan.TrackForAllMembers.ValueBool())
	}
	var storage *ca.Storage
	if !plan.Storage.Equal(state.Storage) {
		storage = storageRequest(ctx, plan.Storage, diags)
	}
	if diags.HasError() {
		return nil
	}

	if !plan.Filters.IsNull() {
		req := ca.NewModifyEventsAuditTrackRequest()
		req.TrackId = &id
		req.Status, req.TrackForAllMembers, req.Storage = status, members, storage
		if !plan.Filters.Equal(state.Filters) {
			req.Filters = filtersRequest(ctx, plan.Filters, diags)
		}
		if diags.HasError() || (req.Status == nil && req.TrackForAllMembers == nil && req.Storage == nil && req.Filters == nil) {
			return nil
		}
		_, err := conns.CloudAudit(ctx, r.client, "ModifyEventsAuditTrack", func(ctx context.Context, cl *ca.Client) (*ca.ModifyEventsAuditTrackResponse, error) {
			return cl.ModifyEventsAuditTrackWithContext(ctx, req)
		})
		return err
	}

	req := ca.NewModifyAuditTrackRequest()
	req.TrackId = &id
	req.Status, req.TrackForAllMembers, req.Storage = status, members, storage
	// The API checks the selection as a whole, so a change to any part of
	// it (or a switch from the filter form) sends all three.
	if !state.Filters.IsNull() || !plan.ActionType.Equal(state.ActionType) || !plan.ResourceType.Equal(state.ResourceType) || !plan.EventNames.Equal(state.EventNames) {
		req.ActionType = stringPtr(plan.ActionType)
		req.ResourceType = stringPtr(plan.ResourceType)
		req.EventNames = setStrings(ctx, plan.EventNames, diags)
	}
	if diags.HasError() || (req.Status == nil && req.TrackForAllMembers == nil && req.Storage == nil && req.ActionType == nil) {
		return nil
	}
	_, err := conns.CloudAudit(ctx, r.client, "ModifyAuditTrack", func(ctx context.Context, cl *ca.Client) (*ca.ModifyAuditTrackResponse, error) {
		return cl.ModifyAuditTrackWithContext(ctx, req)
	})
	return err
}

func (r *trackResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state trackModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, diags := state.Timeouts.Delete(ctx, defaultTimeout)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	id, err := parseTrackID(state.ID.ValueString())
	if err != nil {
		resp.Diagnostics.AddError("deleting CloudAudit Track", err.Error())
		return
	}
	if err := deleteTrack(ctx, r.client, id); err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("deleting CloudAudit Track (%d)", id), err.Error())
	}
}

// deleteTrack deletes a track and waits until it is gone; a track already
// gone is not an error. The resource and the sweeper share it.
func deleteTrack(ctx context.Context, c *conns.Client, id uint64) error {
	dreq := ca.NewDeleteAuditTrackRequest()
	dreq.TrackId = &id
	_, err := conns.CloudAudit(ctx, c, "DeleteAuditTrack", func(ctx context.Context, cl *ca.Client) (*ca.DeleteAuditTrackResponse, error) {
		return cl.DeleteAuditTrackWithContext(ctx, dreq)
	})
	if conns.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return waitTrackGone(ctx, c, id)
}

// ImportState takes the track id as an import id (terraform import, or an
// import block's id) or as the identity's track_id (an import block's
// identity, Terraform 1.12+).
func (r *trackResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	var id uint64
	if req.ID == "" && req.Identity != nil {
		var ident trackIdentity
		resp.Diagnostics.Append(req.Identity.Get(ctx, &ident)...)
		if resp.Diagnostics.HasError() {
			return
		}
		if ident.TrackID.IsNull() || ident.TrackID.ValueInt64() <= 0 {
			resp.Diagnostics.AddError("Invalid import identity",
				fmt.Sprintf("Expected track_id, the positive id of a CloudAudit track, such as 12345; got %s.", ident.TrackID))
			return
		}
		id = uint64(ident.TrackID.ValueInt64())
	} else {
		var err error
		id, err = parseTrackID(req.ID)
		if err != nil {
			resp.Diagnostics.AddError("Invalid import ID",
				fmt.Sprintf("Expected the numeric id of a CloudAudit track, such as 12345; got %q.", req.ID))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), strconv.FormatUint(id, 10))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("track_id"), int64(id))...) //nolint:gosec // track ids are small
	setTrackIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}
