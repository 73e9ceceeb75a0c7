package mockcloud_test

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func TestTLSLeafPerServerName(t *testing.T) {
	t.Parallel()
	_, host := newTLSMock(t, mockcloud.Options{})
	for _, name := range []string{"actiontrail.cn-hangzhou.aliyuncs.com", "sts.aliyuncs.com", "tds.ap-southeast-1.aliyuncs.com",
		"cloudaudit.intl.tencentcloudapi.com", "sts.tencentcloudapi.com", "localhost"} {
		conn, err := tls.Dial("tcp", host, &tls.Config{ServerName: name, RootCAs: testCA.Pool(), MinVersion: tls.VersionTLS12})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		leaf := conn.ConnectionState().PeerCertificates[0]
		if !slices.Contains(leaf.DNSNames, name) {
			t.Errorf("%s: leaf names %v", name, leaf.DNSNames)
		}
		conn.Close()
	}
	// No SNI (an IP address): the 127.0.0.1 leaf, trusted through
	// SSL_CERT_FILE by the default client.
	resp, err := http.Get("https://" + host + "/_mock/health")
	if err != nil {
		t.Fatalf("default client over HTTPS: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("health: %d", resp.StatusCode)
	}
	// Another CA's clients refuse it.
	other, err := mockcloud.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tls.Dial("tcp", host, &tls.Config{ServerName: "sts.aliyuncs.com", RootCAs: other.Pool(), MinVersion: tls.VersionTLS12}); err == nil {
		t.Errorf("a foreign CA verified the mock's certificate")
	}
}

func TestCAWriteFile(t *testing.T) {
	t.Parallel()
	c, err := mockcloud.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := c.WriteFile(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" || string(data) != string(c.PEM()) {
		t.Fatalf("PEM file: %q", data)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil || !cert.IsCA {
		t.Errorf("CA certificate: %v (IsCA %v)", err, cert != nil && cert.IsCA)
	}
	if cert.PublicKeyAlgorithm != x509.ECDSA {
		t.Errorf("key algorithm %v", cert.PublicKeyAlgorithm)
	}
}
