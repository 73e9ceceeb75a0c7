package drift

// Refusal is refusal for a look-up of the API named, for tests.
func Refusal(api string, err error) string {
	return refusal(&vendorEngine{vendor: "alicloud", set: VendorSettings{API: api, Permission: "actiontrail:LookupEvents"}}, err)
}
