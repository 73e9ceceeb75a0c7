package mockcloud_test

import (
	"errors"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/cloudaudit/v20190319"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// Until the CloudAudit handlers exist, the Tencent front answers every
// action with InvalidAction in the envelope the SDK understands.
func TestTencentFrontInvalidAction(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{})
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = host
	cpf.HttpProfile.Scheme = "HTTP"
	c, err := v20190319.NewClient(common.NewCredential(mockcloud.DefaultSecretID, mockcloud.DefaultSecretKey), "ap-guangzhou", cpf)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.DescribeAuditTracks(v20190319.NewDescribeAuditTracksRequest())
	var sdkErr *tcerrors.TencentCloudSDKError
	if !errors.As(err, &sdkErr) {
		t.Fatalf("want TencentCloudSDKError, got %T: %v", err, err)
	}
	if sdkErr.GetCode() != "InvalidAction" || sdkErr.GetRequestId() == "" {
		t.Errorf("got %s (request %q): %s", sdkErr.GetCode(), sdkErr.GetRequestId(), sdkErr.GetMessage())
	}
	if n := s.Calls("", ""); n != 0 {
		t.Errorf("Alibaba calls counted: %d", n)
	}
}
