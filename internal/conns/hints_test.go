package conns_test

import (
	"strings"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// Each auth refusal names the setting and environment variable to check.
func TestAuthHint(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ vendor, code, want string }{
		{"alicloud", "InvalidAccessKeyId.NotFound", "alicloud.access_key / ALIBABA_CLOUD_ACCESS_KEY_ID or ALICLOUD_ACCESS_KEY"},
		{"alicloud", "InvalidAccessKeyId.Inactive", "alicloud.access_key"},
		{"alicloud", "SignatureDoesNotMatch", "alicloud.secret_key / ALIBABA_CLOUD_ACCESS_KEY_SECRET"},
		{"alicloud", "IncompleteSignature", "alicloud.secret_key"},
		{"alicloud", "InvalidSecurityToken.Expired", "alicloud.security_token / ALIBABA_CLOUD_SECURITY_TOKEN"},
		{"alicloud", "InvalidSecurityToken.MismatchWithAccessKey", "fresh token"},
		{"alicloud", "MissingSecurityToken", "alicloud.security_token"},
		{"alicloud", "InvalidTimeStamp.Expired", "clock"},
		{"alicloud", "Forbidden.RAM", "RAM"},
		{"tencentcloud", "AuthFailure.SecretIdNotFound", "tencentcloud.secret_id / TENCENTCLOUD_SECRET_ID"},
		{"tencentcloud", "AuthFailure.InvalidSecretId", "tencentcloud.secret_id"},
		{"tencentcloud", "AuthFailure.SignatureFailure", "tencentcloud.secret_key / TENCENTCLOUD_SECRET_KEY"},
		{"tencentcloud", "AuthFailure.TokenFailure", "tencentcloud.security_token / TENCENTCLOUD_SECURITY_TOKEN"},
		{"tencentcloud", "AuthFailure.SignatureExpire", "5 minutes off"},
		{"tencentcloud", "AuthFailure.InvalidAuthorization", "Authorization header"},
		{"tencentcloud", "AuthFailure.UnauthorizedOperation", "CAM"},
	} {
		if got := conns.AuthHintForTest(tc.vendor, tc.code); !strings.Contains(got, tc.want) {
			t.Errorf("%s %s: hint %q does not say %q", tc.vendor, tc.code, got, tc.want)
		}
	}
	for _, code := range []string{"InternalError", "DeliveryHistoryJobNotFound", "Throttling.User"} {
		if got := conns.AuthHintForTest("alicloud", code); got != "" {
			t.Errorf("%s is not an auth refusal, got hint %q", code, got)
		}
	}
}
