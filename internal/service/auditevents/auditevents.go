// Package auditevents holds the vendor-neutral parts of the audit-event
// look-up data sources (cloudtrack_actiontrail_events,
// cloudtrack_cloudaudit_events): the shared schema attributes, the time
// window check, the paging loop that reads until max_events events
// matched, and the list value of the events. Vendor texts, API names and
// wire mapping stay in the service packages.
package auditevents

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/validators"
)

const (
	// PageSize is the most events one look-up call returns (both vendors;
	// API-NOTES.md, "Audit-event look-ups").
	PageSize = 50
	// DefaultMaxEvents bounds a read when max_events is not set.
	DefaultMaxEvents = 200
	// MaxMaxEvents is the largest max_events accepted: 200 pages.
	MaxMaxEvents = 10000
)

// ReadWriteValues are the read/write classes a data source filters on
// (event_rw, action_type).
var ReadWriteValues = []string{"Read", "Write", "All"}

// Texts are the vendor texts of the attributes every events data source
// has.
type Texts struct {
	// StartTime describes start_time (its window limits).
	StartTime string
	// MaxEventsCost is appended to "each 50 cost a call" in max_events.
	MaxEventsCost string
	// API is the look-up API's name, for pages.
	API string
	// Events describes each attribute of an event, by name.
	Events map[string]string
}

// FilterAttribute is an optional, non-empty string filter.
func FilterAttribute(desc string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, MarkdownDescription: desc, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}}
}

// ReadWriteAttribute is an optional filter on the read/write class.
func ReadWriteAttribute(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: desc,
		Validators:          []validator.String{stringvalidator.OneOf(ReadWriteValues...)},
	}
}

// CommonAttributes are the attributes every events data source has: id,
// the window, max_events, pages, truncated and events. The caller adds
// its filters.
func CommonAttributes(t Texts) map[string]schema.Attribute {
	eventAttrs := map[string]schema.Attribute{}
	for k, desc := range t.Events {
		eventAttrs[k] = schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{Computed: true, MarkdownDescription: "An identifier of this read, made from the filters."},
		"start_time": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: t.StartTime,
			Validators:          []validator.String{validators.RFC3339()},
		},
		"end_time": schema.StringAttribute{
			Optional:            true,
			MarkdownDescription: "End of the window, RFC 3339; not before `start_time`. Defaults to now.",
			Validators:          []validator.String{validators.RFC3339()},
		},
		"max_events": schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: fmt.Sprintf("Stop after this many matching events, from 1 to %d (each 50 cost a call%s). Defaults to %d.",
				MaxMaxEvents, t.MaxEventsCost, DefaultMaxEvents),
			Validators: []validator.Int64{int64validator.Between(1, MaxMaxEvents)},
		},
		"pages":     schema.Int64Attribute{Computed: true, MarkdownDescription: "How many " + t.API + " calls (pages) the read made."},
		"truncated": schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether the read stopped at `max_events` with events or pages left unread."},
		"events": schema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "The matching events, newest first.",
			NestedObject:        schema.NestedAttributeObject{Attributes: eventAttrs},
		},
	}
}

// AttrTypes are the attribute types of one event: all strings.
func AttrTypes(events map[string]string) map[string]attr.Type {
	m := map[string]attr.Type{}
	for k := range events {
		m[k] = types.StringType
	}
	return m
}

// EventsList is the events attribute's value of found (a slice of the
// service's event struct with tfsdk tags).
func EventsList(ctx context.Context, events map[string]string, found any) (types.List, diag.Diagnostics) {
	return types.ListValueFrom(ctx, types.ObjectType{AttrTypes: AttrTypes(events)}, found)
}

// ValidateWindow checks start_time and end_time of cfg at plan time: not
// older than retention, in order, and (maxSpan > 0) at most maxSpan long.
func ValidateWindow(ctx context.Context, cfg tfsdk.Config, retention, maxSpan time.Duration, diags *diag.Diagnostics) {
	var start, end types.String
	diags.Append(cfg.GetAttribute(ctx, path.Root("start_time"), &start)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root("end_time"), &end)...)
	if diags.HasError() {
		return
	}
	validators.CheckTimeWindow(start, end, retention, maxSpan, time.Now(), diags)
}

// MaxEvents is max_events, or DefaultMaxEvents when not set.
func MaxEvents(v types.Int64) int64 {
	if v.IsNull() {
		return DefaultMaxEvents
	}
	return v.ValueInt64()
}

// Condition is one look-up condition: an API attribute key and the value
// it must have.
type Condition struct{ Key, Value string }

// Conditions are the filters set, in the order they are added.
type Conditions []Condition

// Add adds key = v when v is set and not empty.
func (c *Conditions) Add(key string, v types.String) {
	if !v.IsNull() && !v.IsUnknown() && v.ValueString() != "" {
		*c = append(*c, Condition{key, v.ValueString()})
	}
}

// AddReadWrite adds key = v when v is Read or Write (All filters nothing).
func (c *Conditions) AddReadWrite(key string, v types.String) {
	if rw := v.ValueString(); rw == "Read" || rw == "Write" {
		c.Add(key, v)
	}
}

// Match reports whether every condition holds: got gives an event's
// values for a key, eq compares one with the wanted value.
func (c Conditions) Match(got func(key string) []string, eq func(got, want string) bool) bool {
	for _, cd := range c {
		hit := false
		for _, g := range got(cd.Key) {
			if eq(g, cd.Value) {
				hit = true
				break
			}
		}
		if !hit {
			return false
		}
	}
	return true
}

// Collect reads pages with fetch (given the previous page's next token,
// "" for the first) until maxEvents events kept or no next token. It
// reports the pages read and whether events or pages were left unread.
// found is never nil: an empty window is an empty list, not null.
func Collect[T any](maxEvents int, fetch func(token string) (page []T, next string, err error), keep func(T) bool) (found []T, pages int, truncated bool, err error) {
	found = []T{}
	token := ""
	for {
		page, next, err := fetch(token)
		if err != nil {
			return nil, pages, false, err
		}
		pages++
		for _, ev := range page {
			if !keep(ev) {
				continue
			}
			if len(found) == maxEvents {
				return found, pages, true, nil
			}
			found = append(found, ev)
		}
		if next == "" {
			return found, pages, false, nil
		}
		if len(found) == maxEvents {
			// Later pages are not read: say the list may be cut short.
			return found, pages, true, nil
		}
		token = next
	}
}

// CommonModel is the model of CommonAttributes; a data source embeds it
// by value in its model, beside its filters.
type CommonModel struct {
	ID        types.String `tfsdk:"id"`
	StartTime types.String `tfsdk:"start_time"`
	EndTime   types.String `tfsdk:"end_time"`
	MaxEvents types.Int64  `tfsdk:"max_events"`
	Pages     types.Int64  `tfsdk:"pages"`
	Truncated types.Bool   `tfsdk:"truncated"`
	Events    types.List   `tfsdk:"events"`
}

// MaxEventsValue is max_events, or DefaultMaxEvents when not set.
func (m *CommonModel) MaxEventsValue() int64 { return MaxEvents(m.MaxEvents) }

// SetResult sets events (found: the service's event structs, described by
// events), pages and truncated.
func (m *CommonModel) SetResult(ctx context.Context, events map[string]string, found any, pages int, truncated bool) diag.Diagnostics {
	list, diags := EventsList(ctx, events, found)
	m.Events = list
	m.Pages = types.Int64Value(int64(pages))
	m.Truncated = types.BoolValue(truncated)
	return diags
}

// SetID sets id: filters (the service's form of its conditions), then
// region, the window and max_events, joined with "|".
func (m *CommonModel) SetID(filters []string, region string) {
	parts := append(append([]string{}, filters...), region, m.StartTime.ValueString(), m.EndTime.ValueString(),
		strconv.FormatInt(m.MaxEventsValue(), 10))
	m.ID = types.StringValue(strings.Join(parts, "|"))
}
