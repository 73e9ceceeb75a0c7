package cloudaudit

import (
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

// The mapping between what users write and what the API sends lives here
// and nowhere else.

// wireTimeLayout is CreateTime on the wire: Beijing time without a zone.
const wireTimeLayout = "2006-01-02 15:04:05"

// beijing is UTC+8 as a fixed zone, so conversions do not depend on the
// machine's tzdata.
var beijing = time.FixedZone("CST", 8*3600)

// Vendor error codes the provider acts on.
const (
	codeAliasExists  = "InvalidParameterValue.AliasAlreadyExists"
	codeLimitReached = "LimitExceeded.OverAmount"
)

// defaultTrackLimit is CloudAudit's documented number of tracks per account.
const defaultTrackLimit = 5

var (
	// ActionTypeValues are the event types a track selects.
	ActionTypeValues = []string{"Read", "Write", "*"}
	// StorageTypeValues are the delivery targets (tencentcloud-sdk-go
	// cloudaudit v1.3.40, Storage.StorageType: "目前支持 cos、cls、ckafka").
	StorageTypeValues = []string{"cos", "cls", "ckafka"}
)

// Storage.Compress on the wire (tencentcloud-sdk-go cloudaudit v1.3.40:
// "是否压缩。1:压缩  2:不压缩").
const (
	compressOn  = 1
	compressOff = 2
)

// compressToWire maps storage.compress to the API's 1/2; unknown or null
// (not configured, left to the API) is not sent.
func compressToWire(b types.Bool) *uint64 {
	if b.IsNull() || b.IsUnknown() {
		return nil
	}
	v := uint64(compressOff)
	if b.ValueBool() {
		v = compressOn
	}
	return &v
}

// compressFromWire maps the API's 1/2 to a boolean. ASSUMPTION: an absent
// Compress (tracks made before the field existed) means not compressed, as
// 2 does.
func compressFromWire(v *uint64) types.Bool {
	return types.BoolValue(v != nil && *v == compressOn)
}

// switchToWire maps a boolean switch (enabled, track_for_all_members) to
// the API's 0/1.
func switchToWire(b bool) *uint64 {
	v := uint64(0)
	if b {
		v = 1
	}
	return &v
}

// switchFromWire maps the API's 0/1 (absent = 0) to a boolean.
func switchFromWire(v *uint64) types.Bool {
	return types.BoolValue(v != nil && *v == 1)
}

// createTimeValue converts the API's Beijing-time string to RFC 3339.
func createTimeValue(s *string) types.String {
	if s == nil {
		return types.StringNull()
	}
	return flex.TimeToRFC3339(*s, wireTimeLayout, beijing)
}

func quotedList(vs []string) string {
	return "`" + strings.Join(vs, "`, `") + "`"
}
