package contract_test

import (
	"strings"
	"testing"

	aliErrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	tcErrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
)

// connsProduct is the conns product key of a contract file.
func connsProduct(name string) string {
	if strings.HasPrefix(name, "sts_") {
		return conns.ProductSTS
	}
	return name
}

// vendorError is the SDK error a code arrives as.
func vendorError(vendor, code string) error {
	if vendor == "tencent" {
		return tcErrors.NewTencentCloudSDKError(code, "from the contract", "req-1")
	}
	return aliErrors.NewServerError(400, `{"Code":"`+code+`","Message":"from the contract","RequestId":"req-1"}`, "")
}

var wantKind = map[string]conns.Kind{
	"throttling": conns.KindThrottled,
	"not_found":  conns.KindNotFound,
	"retryable":  conns.KindRetryable,
}

// Every documented throttling code is paced and retried (KindThrottled),
// every documented not-found code makes a read drop the object from state
// (KindNotFound), and every code documented as clearing by itself is
// retried (KindRetryable), on each action the contract lists it for.
func TestContractErrorKinds(t *testing.T) {
	checked := 0
	for _, name := range contract.Names() {
		c := contract.MustLoad(name)
		product := connsProduct(name)
		check := func(action string, e contract.ErrorCode) {
			want, ok := wantKind[e.Kind]
			if !ok {
				return
			}
			checked++
			if got := conns.Classify(product, action, vendorError(c.Vendor, e.Code)).Kind; got != want {
				t.Errorf("%s %s: %s is %s in the contract, conns classifies it %s", name, action, e.Code, e.Kind, got)
			}
		}
		for _, action := range c.ActionNames() {
			for _, e := range c.Actions[action].Errors {
				check(action, e)
			}
			for _, e := range c.CommonErrors {
				check(action, e)
			}
		}
	}
	if checked == 0 {
		t.Fatal("the contract marks no code throttling, not_found or retryable")
	}
}
