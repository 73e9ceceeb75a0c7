package cdn

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// taskIdentity is a deliver task's resource identity: the API's DeliverId,
// unique in the account per product (CDN and DCDN number their tasks
// apart, and the resource type says which).
type taskIdentity struct {
	DeliverID types.Int64 `tfsdk:"deliver_id"`
}

func taskIdentitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"deliver_id": identityschema.Int64Attribute{
				RequiredForImport: true,
				Description:       "The task's DeliverId.",
			},
		},
	}
}

// setTaskIdentity records the identity of task id (identity is nil on CLIs
// without identity support).
func setTaskIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, id int64, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, taskIdentity{DeliverID: types.Int64Value(id)})...)
}

// subscriptionIdentity is a report subscription's resource identity. An
// account has one subscription per product, and the account is the one
// whose credentials the provider uses; the API has no id for it and the
// provider does not learn the account id (that would take an STS call the
// subscription does not otherwise need). So the identity is the constant
// id it is imported with, SubscriptionImportID: the resource type says
// which product, the provider configuration which account.
type subscriptionIdentity struct {
	ID types.String `tfsdk:"id"`
}

func subscriptionIdentitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"id": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "Always `" + SubscriptionImportID + "`: an account has one subscription per product.",
			},
		},
	}
}

func setSubscriptionIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, subscriptionIdentity{ID: types.StringValue(SubscriptionImportID)})...)
}

func (r *deliverTaskResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = taskIdentitySchema()
}

func (r *reportSubscriptionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = subscriptionIdentitySchema()
}

var (
	_ resource.ResourceWithIdentity = &deliverTaskResource{}
	_ resource.ResourceWithIdentity = &reportSubscriptionResource{}
)
