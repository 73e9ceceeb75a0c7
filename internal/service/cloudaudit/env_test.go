package cloudaudit_test

import (
	"os"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

var (
	envTencentSecretID  = conns.EnvTencentSecretID
	envTencentSecretKey = conns.EnvTencentSecretKey
)

func lookupEnv(k string) (string, bool) { return os.LookupEnv(k) }
