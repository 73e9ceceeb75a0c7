package drift

// What the vendors' audit trails record for each object this provider
// manages: the resource type and name an event on it carries, or, for
// objects events name none for, the actions that change it. Sources:
// internal/mockcloud/API-NOTES.md ("Audit-event look-ups" and "Who changed
// it: what the audit trails record per resource type").

import "github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"

// Resource types as ActionTrail's resourceType and CloudAudit's
// Resources.ResourceType give them. ASSUMPTION (API-NOTES.md): Alibaba's
// follow the reference's "ACS::<Product>::<Type>" form (example
// "ACS::ECS::Instance", LookupEvents 2020-07-06); CloudAudit names its own
// tracks "cloudaudit" with the TrackId as the name.
const (
	TypeTrail       = "ACS::ActionTrail::Trail"
	TypeHistoryJob  = "ACS::ActionTrail::DeliveryHistoryJob"
	TypeCDNTask     = "ACS::CDN::DeliverTask"
	TypeDCDNTask    = "ACS::DCDN::DeliverTask"
	TypeCloudAudit  = "cloudaudit"
	productCDNKey   = "cdn"
	productDCDNKey  = "dcdn"
	kindCDNSubTask  = "CDN report subscription"
	kindDCDNSubTask = "DCDN report subscription"
)

// Object is one managed object as the audit trails know it.
type Object struct {
	// Vendor is conns.VendorAlicloud (ActionTrail) or conns.VendorTencent
	// (CloudAudit).
	Vendor string
	// Kind and Label name it in the warning ("CloudAudit track", "12").
	Kind, Label string
	// Name is the resource name its events carry; "" when they carry none
	// (the report subscriptions: one per account, answered from the scan).
	Name string
	// Types are the resource types its events carry (an event with
	// another type is not about it).
	Types []string
	// Actions are the event names that change it, for objects without
	// a Name.
	Actions []string
}

// Trail is an ActionTrail trail: events name it by its name.
func Trail(name string) Object {
	return Object{Vendor: conns.VendorAlicloud, Kind: "ActionTrail trail", Label: name, Name: name, Types: []string{TypeTrail}}
}

// HistoryJob is an ActionTrail history delivery job: events name it by
// its job id.
func HistoryJob(id string) Object {
	return Object{Vendor: conns.VendorAlicloud, Kind: "ActionTrail history delivery job", Label: id, Name: id, Types: []string{TypeHistoryJob}}
}

// Track is a CloudAudit track, either form (COS or CLS storage: the same
// API and TrackId).
func Track(id string) Object {
	return Object{Vendor: conns.VendorTencent, Kind: "CloudAudit track", Label: id, Name: id, Types: []string{TypeCloudAudit}}
}

// DeliverTask is a CDN or DCDN deliver task (product "cdn" or "dcdn"):
// events name it by its DeliverId.
func DeliverTask(product, id string) Object {
	if product == productDCDNKey {
		return Object{Vendor: conns.VendorAlicloud, Kind: "DCDN deliver task", Label: id, Name: id, Types: []string{TypeDCDNTask}}
	}
	return Object{Vendor: conns.VendorAlicloud, Kind: "CDN deliver task", Label: id, Name: id, Types: []string{TypeCDNTask}}
}

// Subscription is the account's CDN or DCDN report subscription (product
// "cdn" or "dcdn"). Its events name no resource (ASSUMPTION,
// API-NOTES.md): it is matched by its actions, CreateCdnSubTask /
// UpdateCdnSubTask / DeleteCdnSubTask (CDN API reference) and the Dcdn
// ones (DCDN API reference).
func Subscription(product string) Object {
	infix, kind := "Cdn", kindCDNSubTask
	if product == productDCDNKey {
		infix, kind = "Dcdn", kindDCDNSubTask
	}
	return Object{Vendor: conns.VendorAlicloud, Kind: kind, Label: "of the account",
		Actions: []string{"Create" + infix + "SubTask", "Update" + infix + "SubTask", "Delete" + infix + "SubTask"}}
}

// watched reports whether an event is on an object of a type this
// provider manages: the scan counts those to guess how many objects will
// drift in the run.
func watched(ev *Event) bool {
	for _, t := range SplitNames(ev.ResourceType) {
		switch t {
		case TypeTrail, TypeHistoryJob, TypeCDNTask, TypeDCDNTask, TypeCloudAudit:
			return true
		}
	}
	return false
}

// matches reports whether ev is about o.
func (o *Object) matches(ev *Event) bool {
	if o.Name == "" {
		for _, a := range o.Actions {
			if ev.Action == a {
				return true
			}
		}
		return false
	}
	if ev.ResourceType != "" && len(o.Types) > 0 {
		ok := false
		for _, t := range o.Types {
			for _, et := range SplitNames(ev.ResourceType) {
				if et == t {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	for _, n := range ev.ResourceNames {
		if n == o.Name {
			return true
		}
	}
	return false
}
