package mockcloud

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"strings"
	"sync"
	"time"
)

// CA is a certificate authority the mock generates in memory (ECDSA
// P-256). Its TLS configuration mints a leaf certificate for whatever
// server name a client asks for (SNI), so the vendors' own host names
// (sts.aliyuncs.com, cloudaudit.intl.tencentcloudapi.com, ...) reached
// through a forward proxy verify as well as 127.0.0.1. Clients trust it
// through SSL_CERT_FILE (PEM, WriteFile) or a pool built from PEM.
type CA struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
	pem  []byte

	mu     sync.Mutex
	leaves map[string]*tls.Certificate // by lower-case server name
}

// defaultLeafName is the leaf served when a client sends no SNI, which Go
// clients do when they dial an IP address.
const defaultLeafName = "127.0.0.1"

// NewCA generates a CA valid from an hour ago for ten years.
func NewCA() (*CA, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          randomSerial(),
		Subject:               pkix.Name{CommonName: "cloudtrack mockcloud CA", Organization: []string{"cloudtrack mockcloud"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(10, 0, 0),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &CA{
		cert:   cert,
		key:    key,
		pem:    pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		leaves: map[string]*tls.Certificate{},
	}, nil
}

// PEM is the CA certificate, PEM-encoded.
func (c *CA) PEM() []byte { return append([]byte(nil), c.pem...) }

// Pool is a certificate pool holding only the CA, for clients that take
// their roots explicitly.
func (c *CA) Pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(c.cert)
	return p
}

// WriteFile writes the CA certificate (PEM) to path, for SSL_CERT_FILE.
func (c *CA) WriteFile(path string) error {
	return os.WriteFile(path, c.pem, 0o644) //nolint:gosec // a public certificate
}

// ServerTLSConfig serves a leaf certificate per SNI name, minted on first
// use and cached; without SNI the leaf for 127.0.0.1, ::1 and localhost.
// HTTP/1.1 only: the fault injection's "drop" hijacks connections.
func (c *CA) ServerTLSConfig() *tls.Config {
	def, err := c.leaf(defaultLeafName)
	cfg := &tls.Config{
		MinVersion: tls.VersionTLS12,
		NextProtos: []string{"http/1.1"},
		GetCertificate: func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
			name := hello.ServerName
			if name == "" {
				name = defaultLeafName
			}
			return c.leaf(name)
		},
	}
	// Certificates is set so that httptest.Server.StartTLS keeps this
	// configuration's leaf for clients without SNI instead of its own.
	if err == nil {
		cfg.Certificates = []tls.Certificate{*def}
	}
	return cfg
}

// leaf returns the cached leaf for name, minting it if needed.
func (c *CA) leaf(name string) (*tls.Certificate, error) {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	c.mu.Lock()
	defer c.mu.Unlock()
	if l, ok := c.leaves[name]; ok {
		return l, nil
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber: randomSerial(),
		Subject:      pkix.Name{CommonName: name},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.AddDate(1, 0, 0),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	if ip := net.ParseIP(name); ip != nil {
		tmpl.IPAddresses = []net.IP{ip}
	} else {
		tmpl.DNSNames = []string{name}
	}
	if name == defaultLeafName {
		tmpl.IPAddresses = []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
		tmpl.DNSNames = []string{"localhost"}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, c.cert, &key.PublicKey, c.key)
	if err != nil {
		return nil, fmt.Errorf("mockcloud: minting a certificate for %q: %w", name, err)
	}
	l := &tls.Certificate{Certificate: [][]byte{der, c.cert.Raw}, PrivateKey: key}
	c.leaves[name] = l
	return l, nil
}

func randomSerial() *big.Int {
	n, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	return n
}
