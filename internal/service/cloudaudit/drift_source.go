package cloudaudit

import (
	"context"
	"time"

	ca "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/drift"
)

// DriftSettings are the Tencent Cloud part of the drift engine's settings:
// LookUpEvents, its permission (CAM action cloudaudit:LookUpEvents, CAM
// authorization of CloudAudit) and its window: one LookUpEvents call spans
// at most 7 days (LimitExceeded.OverTime, internal/contract/cloudaudit.json),
// and the engine's look-ups are single windows, so drift is attributed for
// changes of the last 7 days; older ones are noted as past its reach.
func DriftSettings(off bool, maxLookups int) drift.VendorSettings {
	return drift.VendorSettings{
		Off: off, MaxLookups: maxLookups, Page: driftPage,
		API: "CloudAudit LookUpEvents", Permission: "the CAM action cloudaudit:LookUpEvents",
		Lookback: LookupMaxWindow - time.Hour,
	}
}

// driftPage reads one LookUpEvents page: the write events on one resource
// name, or every write event of the account (several attributes must all
// match; API-NOTES.md).
func driftPage(ctx context.Context, c *conns.Client, q drift.Query) ([]drift.Event, string, error) {
	// Events carry actionType Read or Write (LookUpEvents' Event.ActionType,
	// internal/contract/cloudaudit.json).
	// Only attribute keys both of Tencent's sources list (APIAttributeKeys),
	// one at a time: write events are picked out below, not by ActionType.
	var attrs []*ca.LookupAttribute
	if q.ResourceName != "" {
		attrs = []*ca.LookupAttribute{{AttributeKey: ptr("ResourceName"), AttributeValue: ptr(q.ResourceName)}}
	}
	page, next, err := lookUpPage(ctx, c, q.Start.Unix(), q.End.Unix(), q.Token, drift.PageSize, attrs)
	if err != nil {
		return nil, "", err
	}
	events := make([]drift.Event, 0, len(page))
	for _, f := range page {
		t, _ := time.Parse(time.RFC3339, f.EventTime.ValueString())
		events = append(events, drift.Event{
			Time: t, Action: f.EventName.ValueString(), ConsoleOp: f.AccessKeyID.IsNull(),
			User: f.Username.ValueString(), AccessKey: f.AccessKeyID.ValueString(),
			SourceIP: f.SourceIP.ValueString(), RequestID: f.RequestID.ValueString(),
			ResourceType: f.ResourceType.ValueString(), ResourceNames: drift.SplitNames(f.ResourceName.ValueString()),
			Write: f.ActionType.ValueString() == "Write", Failed: !f.ErrorCode.IsNull(),
		})
	}
	return events, next, nil
}
