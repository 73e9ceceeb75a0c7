package cdn

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/drift"
)

// SubscriptionImportID is the id of the one report subscription an
// account has per product, and the id to import it with.
const SubscriptionImportID = "report-subscription"

var (
	_ resource.Resource                     = &reportSubscriptionResource{}
	_ resource.ResourceWithConfigure        = &reportSubscriptionResource{}
	_ resource.ResourceWithImportState      = &reportSubscriptionResource{}
	_ resource.ResourceWithConfigValidators = &reportSubscriptionResource{}
)

// reportSubscriptionResource is cloudtrack_cdn_report_subscription and
// cloudtrack_dcdn_report_subscription.
type reportSubscriptionResource struct {
	p      *product
	client *conns.Client
}

type subscriptionModel struct {
	ID            types.String   `tfsdk:"id"`
	ReportIDs     []int64        `tfsdk:"report_ids"`
	DomainNames   []string       `tfsdk:"domain_names"`
	EffectiveFrom types.String   `tfsdk:"effective_from"`
	EffectiveEnd  types.String   `tfsdk:"effective_end"`
	Status        types.String   `tfsdk:"status"`
	CreateTime    types.String   `tfsdk:"create_time"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

func (r *reportSubscriptionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.p.typeName(req.ProviderTypeName, "report_subscription")
}

func (r *reportSubscriptionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	p := r.p
	unchanged := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("The %s operations-report subscription: which reports the account produces. "+
			"An account has at most one per product, so its id is always `%s`; "+
			"if one exists already, import it instead of creating it. "+
			"A create whose answer is lost or garbled looks the subscription up and adopts it only when it has the report ids and domains asked for, "+
			"then sets the effective times. `timeouts` (default 10 minutes each) bound every operation, throttling retries included.", p.display, SubscriptionImportID),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: fmt.Sprintf("Always `%s`.", SubscriptionImportID),
				PlanModifiers:       unchanged,
			},
			"report_ids": schema.SetAttribute{
				Required:            true,
				ElementType:         types.Int64Type,
				MarkdownDescription: fmt.Sprintf("The reports to produce, from the %s catalogue: %s.", p.display, p.reportIDList()),
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueInt64sAre(int64validator.OneOf(p.reportIDs...))},
			},
			"domain_names": schema.ListAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Domain names the reports cover, each once, at most 500 (the API's limit; more need a ticket to the vendor). Not set or empty: all domains. " +
					"Removing every domain replaces the subscription, since the update API cannot clear the list. " +
					domainListNote,
				Validators:    []validator.List{listvalidator.SizeAtMost(MaxDomainNames), listvalidator.ValueStringsAre(domainNameValidator()), uniqueDomains{}},
				PlanModifiers: []planmodifier.List{clearingNeedsReplace},
			},
			"effective_from": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "When the subscription takes effect (RFC 3339). Not set: when it is created. " +
					"Removing it after this configuration set it replaces the subscription, since the update API cannot clear a time.",
				Validators:    []validator.String{rfc3339Validator()},
				PlanModifiers: []planmodifier.String{clearedTimeReplaces{attr: "effective_from"}},
			},
			"effective_end": schema.StringAttribute{
				Optional: true,
				Computed: true,
				MarkdownDescription: "When the subscription ends (RFC 3339), after `effective_from` (checked at plan time when both are set). Not set: never (null). " +
					"An end the configuration does not set (removed from it, or set outside Terraform) replaces the subscription, since the update API cannot clear a time.",
				Validators:    []validator.String{rfc3339Validator()},
				PlanModifiers: []planmodifier.String{clearedTimeReplaces{attr: "effective_end"}},
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The subscription's status as the API states it, such as `enable`.",
				PlanModifiers:       unchanged,
			},
			"create_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the subscription was created (RFC 3339).",
				PlanModifiers:       unchanged,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

func (r *reportSubscriptionResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{timeOrder(path.Root("effective_from"), path.Root("effective_end"))}
}

func (r *reportSubscriptionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = conns.FromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *reportSubscriptionResource) what() string { return r.p.display + " report subscription" }

func joinIDs(ids []int64) string {
	s := slices.Sorted(slices.Values(ids))
	parts := make([]string, len(s))
	for i, id := range s {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, ",")
}

func subscriptionFromWire(s *wireSub, prior subscriptionModel) subscriptionModel {
	return subscriptionModel{
		ID:            types.StringValue(SubscriptionImportID),
		ReportIDs:     slices.Clone(s.ReportID),
		DomainNames:   domainsInPriorOrder(s.Domains, prior.DomainNames),
		EffectiveFrom: fromWireTime(s.EffectiveFrom, prior.EffectiveFrom),
		EffectiveEnd:  fromWireTime(s.EffectiveEnd, prior.EffectiveEnd),
		Status:        types.StringValue(s.Status),
		CreateTime:    fromWireTime(s.CreateTime, types.StringNull()),
		Timeouts:      prior.Timeouts,
	}
}

// known reports whether a planned optional+computed value was written.
func known(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }

func (r *reportSubscriptionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer drift.Mark(ctx, resp.Private) // when Terraform last changed it (internal/service/drift)
	var plan subscriptionModel
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

	summary := "creating " + r.what()
	body := map[string]string{"ReportIds": joinIDs(plan.ReportIDs)}
	if len(plan.DomainNames) > 0 {
		body["DomainName"] = sortedJoin(plan.DomainNames)
	}
	// The natural key is the account's one subscription: after a lost or
	// garbled answer, or SubscriptionAlreadyExists on a retry of this very
	// call, the subscription found is adopted when it has the report ids
	// and domains asked for.
	_, _, err := conns.CreateOnce(ctx, conns.Create[string]{
		What: r.what(),
		Call: func(ctx context.Context) (string, error) {
			_, err := r.p.call(ctx, r.client, "Create", "SubTask", nil, body)
			return SubscriptionImportID, err
		},
		Find: func(ctx context.Context) (conns.Candidate[string], error) {
			sub, err := r.p.findSubscription(ctx, r.client)
			if conns.IsNotFound(err) {
				return conns.Candidate[string]{}, nil
			}
			if err != nil {
				return conns.Candidate[string]{}, err
			}
			same := joinIDs(sub.ReportID) == body["ReportIds"] && sortedJoin(sub.Domains) == body["DomainName"]
			return conns.Candidate[string]{ID: SubscriptionImportID, Found: true, Same: same, Created: wireCreateTime(sub.CreateTime)}, nil
		},
		Skew:  conns.AlicloudClockSkew,
		Taken: func(err error) bool { return conns.ErrorCode(err) == "SubscriptionAlreadyExists" },
		Import: func(id string) string {
			return fmt.Sprintf("terraform import cloudtrack_%s_report_subscription.<name> %s (an account has one)", r.p.key, id)
		},
		Recall: true,
		Stop:   stop,
	})
	if err != nil {
		resp.Diagnostics.AddError(summary, err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), SubscriptionImportID)...)
	setSubscriptionIdentity(ctx, resp.Identity, &resp.Diagnostics)
	resp.Diagnostics.Append(rememberTimes(ctx, resp.Private, req.Config)...)
	// The create API takes no times (SDK CreateCdnSubTaskRequest: ReportIds,
	// DomainName); they are set by the follow-up update, made after an
	// adoption too.
	if known(plan.EffectiveFrom) || known(plan.EffectiveEnd) {
		times := map[string]string{}
		if known(plan.EffectiveFrom) {
			times["StartTime"] = toWireTime(plan.EffectiveFrom)
		}
		if known(plan.EffectiveEnd) {
			times["EndTime"] = toWireTime(plan.EffectiveEnd)
		}
		if _, err := r.p.call(ctx, r.client, "Update", "SubTask", nil, times); err != nil {
			resp.Diagnostics.AddError(summary, fmt.Sprintf("setting the effective times: %s", err))
			return
		}
	}
	if sub := r.readInto(ctx, plan, &resp.State, &resp.Diagnostics, summary); sub != nil {
		resp.Diagnostics.Append(rememberFingerprint(ctx, resp.Private, sub)...)
	}
}

// readInto reads the subscription and stores it, with prior supplying how
// values were written; it returns what it read (nil on error).
func (r *reportSubscriptionResource) readInto(ctx context.Context, prior subscriptionModel, state *tfsdk.State, diags *diag.Diagnostics, summary string) *wireSub {
	sub, err := r.p.findSubscription(ctx, r.client)
	if err != nil {
		diags.AddError(summary, fmt.Sprintf("reading the subscription back: %s", err))
		return nil
	}
	next := subscriptionFromWire(sub, prior)
	diags.Append(state.Set(ctx, &next)...)
	return sub
}

// fingerprintKey is the private-state key holding which subscription this
// state made or adopted: the account has one and it has no id of its own
// in Terraform, so without it a subscription deleted and made again
// outside this configuration would be taken over silently.
const fingerprintKey = "subscription_fingerprint"

// subFingerprint is what tells one subscription from the next: the
// API's subId and its create time (DescribeCdnSubList: subId, createTime).
type subFingerprint struct {
	SubID      string `json:"sub_id"`
	CreateTime string `json:"create_time"`
}

func fingerprintOf(sub *wireSub) subFingerprint {
	return subFingerprint{SubID: strconv.FormatInt(int64(sub.SubID), 10), CreateTime: sub.CreateTime}
}

func (f subFingerprint) String() string {
	return fmt.Sprintf("subscription %s created %s", f.SubID, f.CreateTime)
}

func rememberFingerprint(ctx context.Context, p privateSetter, sub *wireSub) diag.Diagnostics {
	b, _ := json.Marshal(fingerprintOf(sub))
	return p.SetKey(ctx, fingerprintKey, b)
}

// privateGetter is req.Private of Read, Update and Delete.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// replacedBy compares the account's subscription with the one this state
// recorded: it returns the two fingerprints and whether they differ (false
// when none was recorded: a state from before this check, or an import,
// which then records the one found).
func replacedBy(ctx context.Context, p privateGetter, sub *wireSub) (was, now subFingerprint, replaced bool) {
	now = fingerprintOf(sub)
	b, d := p.GetKey(ctx, fingerprintKey)
	if d.HasError() || len(b) == 0 || json.Unmarshal(b, &was) != nil || was.SubID == "" {
		return now, now, false
	}
	return was, now, was != now
}

// replacedMessage says what happened and what to do.
func (r *reportSubscriptionResource) replacedMessage(was, now subFingerprint) string {
	return fmt.Sprintf("The account's %s is no longer the one this state made or imported (%s); it is now %s, made outside this configuration "+
		"(deleted and created again by another run, the console or an API call). The provider does not take it over silently. "+
		"To manage the new one here, remove the old one from the state and import it: "+
		"terraform state rm <address>, then terraform import cloudtrack_%s_report_subscription.<name> %s.",
		r.what(), was, now, r.p.key, SubscriptionImportID)
}

func (r *reportSubscriptionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state subscriptionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Who changed it, when the read finds drift (internal/service/drift).
	defer drift.AfterRead(ctx, r.client, drift.Subscription(r.p.key), req, resp)
	sub, err := r.p.findSubscription(ctx, r.client)
	if conns.IsNotFound(err) {
		tflog.Warn(ctx, "report subscription not found, removing from state", map[string]any{"product": r.p.key})
		resp.State.RemoveResource(ctx)
		// The framework wants an identity after every Read, a removal
		// included; a CLI without identity support (< 1.12) sends none.
		setSubscriptionIdentity(ctx, resp.Identity, &resp.Diagnostics)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("reading "+r.what(), err.Error())
		return
	}
	if was, now, replaced := replacedBy(ctx, req.Private, sub); replaced {
		// The subscription this state managed is gone: drop it, so the
		// plan says so; the create that follows is refused with the
		// import command, since the key is taken.
		resp.Diagnostics.AddWarning(r.what()+" replaced outside Terraform", r.replacedMessage(was, now))
		resp.State.RemoveResource(ctx)
		setSubscriptionIdentity(ctx, resp.Identity, &resp.Diagnostics)
		return
	}
	resp.Diagnostics.Append(rememberFingerprint(ctx, resp.Private, sub)...)
	next := subscriptionFromWire(sub, state)
	resp.Diagnostics.Append(resp.State.Set(ctx, &next)...)
	setSubscriptionIdentity(ctx, resp.Identity, &resp.Diagnostics)
}

// checkOurs refuses to change or delete a subscription other than the one
// this state made or imported (a plan made with -refresh=false skips
// Read's check).
func (r *reportSubscriptionResource) checkOurs(ctx context.Context, p privateGetter, diags *diag.Diagnostics, summary string) bool {
	sub, err := r.p.findSubscription(ctx, r.client)
	if conns.IsNotFound(err) {
		return true
	}
	if err != nil {
		diags.AddError(summary, err.Error())
		return false
	}
	if was, now, replaced := replacedBy(ctx, p, sub); replaced {
		diags.AddError(summary, r.replacedMessage(was, now))
		return false
	}
	return true
}

func (r *reportSubscriptionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer drift.Mark(ctx, resp.Private) // when Terraform last changed it (internal/service/drift)
	var plan, state subscriptionModel
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
	summary := "updating " + r.what()
	if !r.checkOurs(ctx, req.Private, &resp.Diagnostics, summary) {
		return
	}
	resp.Diagnostics.Append(rememberTimes(ctx, resp.Private, req.Config)...)
	body := map[string]string{}
	if ids := joinIDs(plan.ReportIDs); ids != joinIDs(state.ReportIDs) {
		body["ReportIds"] = ids
	}
	if d := sortedJoin(plan.DomainNames); d != "" && d != sortedJoin(state.DomainNames) {
		body["DomainName"] = d
	}
	if known(plan.EffectiveFrom) && toWireTime(plan.EffectiveFrom) != toWireTime(state.EffectiveFrom) {
		body["StartTime"] = toWireTime(plan.EffectiveFrom)
	}
	if known(plan.EffectiveEnd) && toWireTime(plan.EffectiveEnd) != toWireTime(state.EffectiveEnd) {
		body["EndTime"] = toWireTime(plan.EffectiveEnd)
	}
	if len(body) > 0 {
		if _, err := r.p.call(ctx, r.client, "Update", "SubTask", nil, body); err != nil {
			resp.Diagnostics.AddError(summary, err.Error())
			return
		}
	}
	if sub := r.readInto(ctx, plan, &resp.State, &resp.Diagnostics, summary); sub != nil {
		resp.Diagnostics.Append(rememberFingerprint(ctx, resp.Private, sub)...)
	}
	setSubscriptionIdentity(ctx, resp.Identity, &resp.Diagnostics)
}

func (r *reportSubscriptionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state subscriptionModel
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
	if !r.checkOurs(ctx, req.Private, &resp.Diagnostics, "deleting "+r.what()) {
		return
	}
	if _, err := r.p.call(ctx, r.client, "Delete", "SubTask", nil, nil); err != nil && !conns.IsNotFound(err) {
		resp.Diagnostics.AddError("deleting "+r.what(), err.Error())
	}
}

// ImportState takes SubscriptionImportID as an import id or as the
// identity's id (an import block's identity, Terraform 1.12+).
func (r *reportSubscriptionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" && req.Identity != nil {
		var ident subscriptionIdentity
		resp.Diagnostics.Append(req.Identity.Get(ctx, &ident)...)
		if resp.Diagnostics.HasError() {
			return
		}
		if ident.ID.ValueString() != SubscriptionImportID {
			resp.Diagnostics.AddError("Invalid import identity",
				fmt.Sprintf("An account has one %s; import it with the identity { id = %q }, got %s.", r.what(), SubscriptionImportID, ident.ID))
			return
		}
	} else if req.ID != SubscriptionImportID {
		resp.Diagnostics.AddError("Invalid import ID",
			fmt.Sprintf("An account has one %s; import it with the id %q, got %q.", r.what(), SubscriptionImportID, req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), SubscriptionImportID)...)
	setSubscriptionIdentity(ctx, resp.Identity, &resp.Diagnostics)
}

// timesKey is the private-state key that records which effective times the
// configuration set, so that removing one can be told from never setting
// it (both plan as null over a value the API keeps).
const timesKey = "configured_times"

// privateSetter is resp.Private of Create and Update.
type privateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// rememberTimes records which times the configuration sets (a value, or
// one not known until apply). It reads the configuration, not the plan: an
// update plans a time the configuration leaves out as the state's value,
// and remembering that as "set" made the next plan replace the
// subscription.
func rememberTimes(ctx context.Context, p privateSetter, config tfsdk.Config) diag.Diagnostics {
	var from, end types.String
	diags := config.GetAttribute(ctx, path.Root("effective_from"), &from)
	diags.Append(config.GetAttribute(ctx, path.Root("effective_end"), &end)...)
	if diags.HasError() {
		return diags
	}
	v := map[string]bool{"effective_from": !from.IsNull(), "effective_end": !end.IsNull()}
	b, _ := json.Marshal(v)
	return append(diags, p.SetKey(ctx, timesKey, b)...)
}

// clearedTimeReplaces keeps the state's value of an effective time the
// configuration does not set (the API's own value, as UseStateForUnknown),
// unless the configuration did set it before: UpdateCdnSubTask cannot clear
// a time (an empty StartTime/EndTime is "unchanged"), so removing it
// replaces the subscription, which then starts at its creation and never
// ends, as the documentation of "not set" says. Replacing was chosen over
// refusing at plan: the result is the one the configuration describes, and
// the subscription holds no history a replacement would lose.
//
// An end is never the API's own default (a new subscription has none), so
// any end the configuration does not ask for replaces, whether it was set
// by this configuration, before an upgrade of the provider, or outside
// Terraform. A start always has a value (the creation time when none was
// asked for): only the private state says whether the configuration set it.
type clearedTimeReplaces struct{ attr string }

func (m clearedTimeReplaces) Description(context.Context) string {
	return "Removing a time that was set replaces the subscription; an unset time keeps the API's value."
}

func (m clearedTimeReplaces) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m clearedTimeReplaces) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || !req.ConfigValue.IsNull() || req.StateValue.IsNull() {
		return
	}
	was := map[string]bool{"effective_end": true}
	if b, d := req.Private.GetKey(ctx, timesKey); !d.HasError() && len(b) > 0 {
		_ = json.Unmarshal(b, &was)
		was["effective_end"] = true
	}
	if was[m.attr] {
		resp.RequiresReplace = true
		resp.PlanValue = types.StringUnknown()
		return
	}
	if !resp.PlanValue.IsUnknown() || req.Plan.Raw.IsNull() {
		return
	}
	resp.PlanValue = req.StateValue
}
