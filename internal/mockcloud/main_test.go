package mockcloud_test

import (
	"os"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

func TestMain(m *testing.M) {
	// actiontrail.NewClientWithOptions fills the package's EndpointMap
	// lazily without a lock, a data race when parallel tests build clients;
	// filling it once up front avoids it.
	actiontrail.GetEndpointMap()
	os.Exit(m.Run())
}
