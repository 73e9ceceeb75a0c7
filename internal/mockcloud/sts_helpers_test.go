package mockcloud_test

import (
	"encoding/json"
	"io"
	"log"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func newLogger(w io.Writer) *log.Logger { return log.New(w, "", 0) }

// assertNoSecrets checks that no session secret or token, and no static
// secret, appears in the mock's log lines or its request log.
func assertNoSecrets(t *testing.T, s *mockcloud.Server, logs string) {
	t.Helper()
	reqs, err := json.Marshal(s.Requests())
	if err != nil {
		t.Fatal(err)
	}
	secrets := []string{mockcloud.DefaultAccessKeySecret, mockcloud.DefaultSecretKey}
	for _, sess := range s.Sessions() {
		secrets = append(secrets, sess.AccessKeySecret, sess.SecurityToken)
	}
	for _, secret := range secrets {
		if strings.Contains(logs, secret) {
			t.Errorf("the mock's log holds a secret or token %.8s...", secret)
		}
		if strings.Contains(string(reqs), secret) {
			t.Errorf("the request log holds a secret or token %.8s...", secret)
		}
	}
	if strings.Contains(logs, "Signature=") || strings.Contains(logs, "TC3-HMAC-SHA256 ") {
		t.Errorf("signatures logged")
	}
}

func newWrongCred() *credentials.AccessKeyCredential {
	return credentials.NewAccessKeyCredential(mockcloud.DefaultAccessKeyID, "wrong")
}
