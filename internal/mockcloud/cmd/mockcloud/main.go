// Command mockcloud runs the mock cloud standalone, for trying the provider
// without a cloud account and for scripts.
//
//	go run ./internal/mockcloud/cmd/mockcloud -addr 127.0.0.1:8080 -seed-trail my-trail
//	go run ./internal/mockcloud/cmd/mockcloud -tls -ca-file /tmp/mock-ca.pem -proxy-addr 127.0.0.1:8081 \
//	    -role 'acs:ram::1234567890:role/auditor=account:1234567890'
//
// See the mockcloud package documentation for the APIs and the admin API.
package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

// listFlag collects a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		stop()
		fmt.Fprintln(os.Stderr, "mockcloud:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done (SIGINT or SIGTERM in main), then shuts down
// gracefully.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("mockcloud", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		addr       = fs.String("addr", "127.0.0.1:8080", `listen address; "127.0.0.1:0" picks a free port`)
		jobStep    = fs.Duration("job-step", mockcloud.DefaultJobStep, "how long a delivery history job stays initializing, then delivering")
		rateLimits = fs.Bool("rate-limits", true, "enforce the documented rate limits")
		stateFile  = fs.String("state", "", "state file: loaded at start, rewritten after every change")
		addrFile   = fs.String("addr-file", "", "write the actual host:port to this file once listening")
		quiet      = fs.Bool("quiet", false, "do not log requests")
		subtasks   = fs.Bool("seed-subtasks", true, "seed a few Security Center operation subtasks (tasks 4001 and 4002, every status)")
		trackLimit = fs.Int("audit-track-limit", mockcloud.DefaultAuditTrackLimit, "CloudAudit tracks allowed per account")
		useTLS     = fs.Bool("tls", false, "serve HTTPS with certificates from a CA generated at start (any host name)")
		caFile     = fs.String("ca-file", "", "with -tls: write the CA certificate (PEM) to this file, for SSL_CERT_FILE")
		proxyAddr  = fs.String("proxy-addr", "", `also run a forward proxy here ("127.0.0.1:0" picks a port) that sends every connection to the mock, for HTTPS_PROXY/HTTP_PROXY`)
		proxyFile  = fs.String("proxy-addr-file", "", "with -proxy-addr: write the proxy's actual host:port to this file once listening")
		creds      listFlag
		trails     listFlag
		limits     listFlag
		roles      listFlag
		oidcTokens listFlag
		instRoles  listFlag
	)
	fs.Var(&creds, "credential", "extra credential AK:SECRET[:ACCOUNT[:DENIED]], DENIED a comma-separated list of products the key has no permission for, e.g. Sas (repeatable)")
	fs.Var(&limits, "rate-limit", "override a rate limit, PRODUCT[.ACTION]=PER_SECOND, e.g. Cdn=10 or Actiontrail.CreateDeliveryHistoryJob=1 (repeatable; 0 = unlimited)")
	fs.Var(&trails, "seed-trail", "seed an ActionTrail trail with this name in the default account (repeatable)")
	fs.Var(&roles, "role", `an STS role, ARN[=TRUSTED,...] (TRUSTED: an access key id, account:ID or oidc:PROVIDER; default account:<the role's account>) or a JSON object {"arn","trusted","external_id","max_session_duration"} (repeatable)`)
	fs.Var(&oidcTokens, "oidc-token", "an OIDC token AssumeRoleWithOIDC / AssumeRoleWithWebIdentity accept (repeatable)")
	fs.Var(&instRoles, "instance-role", "attach a role to the instance metadata, alibaba=ARN (ECS) or tencent=ARN (CVM) (repeatable)")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return nil
	} else if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}

	opts := mockcloud.Options{JobStep: *jobStep, RateLimits: *rateLimits, StateFile: *stateFile}
	opts.AuditTrackLimit = *trackLimit
	for _, c := range creds {
		parts := strings.SplitN(c, ":", 4)
		if len(parts) < 2 || parts[0] == "" || parts[1] == "" {
			// The value may hold a secret: only its access key is quoted.
			return fmt.Errorf("-credential with access key %q: want AK:SECRET[:ACCOUNT[:DENIED]], both non-empty", parts[0])
		}
		cred := mockcloud.Credential{AccessKeyID: parts[0], AccessKeySecret: parts[1]}
		if len(parts) >= 3 {
			cred.AccountID = parts[2]
		}
		if len(parts) == 4 && parts[3] != "" {
			cred.DeniedProducts = strings.Split(parts[3], ",")
		}
		opts.Credentials = append(opts.Credentials, cred)
	}
	for _, l := range limits {
		setting, err := parseRateLimit(l)
		if err != nil {
			return err
		}
		opts.RateLimitSettings = append(opts.RateLimitSettings, setting)
	}
	for _, name := range trails {
		opts.Trails = append(opts.Trails, mockcloud.Trail{Name: name})
	}
	for _, r := range roles {
		role, err := parseRole(r)
		if err != nil {
			return err
		}
		opts.Roles = append(opts.Roles, role)
	}
	opts.OIDCTokens = oidcTokens
	for _, ir := range instRoles {
		vendor, arn, ok := strings.Cut(ir, "=")
		if !ok {
			return fmt.Errorf("-instance-role %q: want alibaba=ARN or tencent=ARN", ir)
		}
		if opts.InstanceRoles == nil {
			opts.InstanceRoles = map[string]string{}
		}
		opts.InstanceRoles[vendor] = arn
	}
	if *proxyFile != "" && *proxyAddr == "" {
		return errors.New("-proxy-addr-file needs -proxy-addr")
	}
	if *caFile != "" && !*useTLS {
		return errors.New("-ca-file needs -tls")
	}
	if *subtasks {
		opts.Subtasks = mockcloud.DemoSubtasks(time.Now())
	}
	if !*quiet {
		opts.Logger = log.New(stderr, "mockcloud: ", log.LstdFlags|log.Lmicroseconds)
	}

	srv, err := mockcloud.New(opts)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	hostPort := ln.Addr().String()
	httpSrv := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	b := banner{hostPort: hostPort, trails: trails, scheme: "HTTP"}
	var ca *mockcloud.CA
	if *useTLS {
		if ca, err = mockcloud.NewCA(); err != nil {
			ln.Close()
			return err
		}
		if *caFile != "" {
			if err := ca.WriteFile(*caFile); err != nil {
				ln.Close()
				return err
			}
		}
		httpSrv.TLSConfig = ca.ServerTLSConfig()
		b.scheme, b.caFile = "HTTPS", *caFile
	}
	var proxySrv *http.Server
	if *proxyAddr != "" {
		pln, err := net.Listen("tcp", *proxyAddr)
		if err != nil {
			ln.Close()
			return err
		}
		proxy := mockcloud.NewProxy(hostPort)
		if ca != nil {
			proxy.SetUpstreamTLS(&tls.Config{RootCAs: ca.Pool(), MinVersion: tls.VersionTLS12})
		}
		proxySrv = &http.Server{Handler: proxy, ReadHeaderTimeout: 10 * time.Second}
		b.proxy = pln.Addr().String()
		go func() { _ = proxySrv.Serve(pln) }()
		if *proxyFile != "" {
			if err := os.WriteFile(*proxyFile, []byte(b.proxy+"\n"), 0o644); err != nil {
				ln.Close()
				return err
			}
		}
	}
	b.print(stdout)
	warnExposed(stderr, "the mock", hostPort)
	if b.proxy != "" {
		warnExposed(stderr, "the forward proxy (it reaches the admin API too)", b.proxy)
	}
	if *subtasks {
		fmt.Fprintln(stdout, "Seeded Security Center subtasks: tasks 4001 and 4002")
	}
	// Written last: a caller waiting for the file may then read the banner.
	if *addrFile != "" {
		if err := os.WriteFile(*addrFile, []byte(hostPort+"\n"), 0o644); err != nil {
			ln.Close()
			return err
		}
	}

	errc := make(chan error, 1)
	go func() {
		if ca != nil {
			errc <- httpSrv.ServeTLS(ln, "", "")
			return
		}
		errc <- httpSrv.Serve(ln)
	}()

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "mockcloud: shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if proxySrv != nil {
		_ = proxySrv.Close() // tunnels are hijacked; nothing to drain
	}
	if err := httpSrv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// warnExposed warns when addr accepts connections from other machines: the
// mock has well-known credentials and an admin API without any. The admin
// API still answers only requests addressed to a loopback Host.
func warnExposed(w io.Writer, what, addr string) {
	if mockcloud.LoopbackAddr(addr) {
		return
	}
	fmt.Fprintf(w, "mockcloud: WARNING: %s listens on %s, not a loopback address: other machines can reach it, "+
		"and its credentials are public. Its admin API answers only requests addressed to localhost, 127.0.0.0/8 or [::1]. "+
		"Listen on 127.0.0.1 unless you mean it.\n", what, addr)
}

// parseRateLimit reads PRODUCT[.ACTION]=PER_SECOND.
func parseRateLimit(v string) (mockcloud.RateLimit, error) {
	target, num, ok := strings.Cut(v, "=")
	perSecond, err := strconv.ParseFloat(num, 64)
	if !ok || target == "" || err != nil || perSecond < 0 {
		return mockcloud.RateLimit{}, fmt.Errorf("-rate-limit %q: want PRODUCT[.ACTION]=PER_SECOND", v)
	}
	product, action, _ := strings.Cut(target, ".")
	return mockcloud.RateLimit{Product: product, Action: action, PerSecond: perSecond}, nil
}

// parseRole reads ARN[=TRUSTED,...] or a JSON role object.
func parseRole(v string) (mockcloud.Role, error) {
	var r mockcloud.Role
	if strings.HasPrefix(strings.TrimSpace(v), "{") {
		dec := json.NewDecoder(strings.NewReader(v))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&r); err != nil {
			return r, fmt.Errorf("-role %q: %w", v, err)
		}
		return r, nil
	}
	arn, trusted, _ := strings.Cut(v, "=")
	r.ARN = arn
	if trusted != "" {
		r.Trusted = strings.Split(trusted, ",")
	} else if acct := roleAccount(arn); acct != "" {
		r.Trusted = []string{"account:" + acct}
	}
	return r, nil
}

// roleAccount is the account in acs:ram::ACCOUNT:role/NAME or
// qcs::cam::uin/ACCOUNT:roleName/NAME.
func roleAccount(arn string) string {
	rest, ok := strings.CutPrefix(arn, "acs:ram::")
	if !ok {
		if rest, ok = strings.CutPrefix(arn, "qcs::cam::uin/"); !ok {
			return ""
		}
	}
	acct, _, _ := strings.Cut(rest, ":")
	return acct
}

type banner struct {
	hostPort, scheme, caFile, proxy string
	trails                          []string
}

func (b banner) print(w io.Writer) {
	url := "http://" + b.hostPort
	if b.scheme == "HTTPS" {
		url = "https://" + b.hostPort
	}
	// Node's Alibaba clients take the scheme as "protocol: 'http'"; the
	// Tencent one as httpProfile.protocol "http://" (both default to HTTPS).
	aliProtocol, tcProtocol := `, protocol: "http"`, `, protocol: "http://"`
	if b.scheme == "HTTPS" {
		aliProtocol, tcProtocol = "", ""
	}
	fmt.Fprintf(w, `mockcloud listening on %[1]s (%[7]s)

Alibaba Cloud (RPC, ActionTrail 2020-07-06, Sas 2018-12-03, Sts 2015-04-01): endpoint %[1]s, scheme %[7]s
  export ALIBABA_CLOUD_ACCESS_KEY_ID=%[2]s
  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=%[3]s
  export ALIBABA_CLOUD_REGION_ID=%[4]s
  Node.js (@alicloud/*): new Config({ accessKeyId, accessKeySecret, endpoint: "%[1]s"%[9]s })
Tencent Cloud (API 3.0, CloudAudit 2019-03-19, sts 2018-08-13): endpoint %[1]s, scheme %[7]s
  export TENCENTCLOUD_SECRET_ID=%[5]s
  export TENCENTCLOUD_SECRET_KEY=%[6]s
  Node.js (tencentcloud-sdk-nodejs): profile: { httpProfile: { endpoint: "%[1]s"%[10]s } }
Admin API: %[8]s/_mock/health
`, b.hostPort, mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret, mockcloud.DefaultRegion,
		mockcloud.DefaultSecretID, mockcloud.DefaultSecretKey, b.scheme, url, aliProtocol, tcProtocol)
	if b.scheme == "HTTPS" {
		if b.caFile != "" {
			fmt.Fprintf(w, "Trust the mock's CA:\n  export SSL_CERT_FILE=%[1]s        # Go on Linux\n  export NODE_EXTRA_CA_CERTS=%[1]s  # Node.js\n", b.caFile)
		} else {
			fmt.Fprintln(w, "The CA is not written anywhere: pass -ca-file FILE to trust it.")
		}
	}
	if b.proxy != "" {
		// Each SDK family reads different settings (tests/node-sdk and the
		// Go tests prove each): Go's net/http and the Alibaba Go SDK read
		// both cases; tencentcloud-sdk-nodejs only http_proxy, lower-case,
		// or httpProfile.proxy (common/http/fetch.js); the Alibaba Node
		// transport (@darabonba/typescript doAction) none at all.
		fmt.Fprintf(w, `Forward proxy on %[1]s (every host, vendor names and metadata addresses, reaches the mock):
  Go SDKs and the Terraform provider (upper- or lower-case):
    export HTTPS_PROXY=http://%[1]s HTTP_PROXY=http://%[1]s NO_PROXY=127.0.0.1,localhost
  tencentcloud-sdk-nodejs (lower-case http_proxy only, or the profile option):
    export http_proxy=http://%[1]s   or   profile: { httpProfile: { proxy: "http://%[1]s" } }
  Alibaba Cloud Node.js SDKs: no proxy support; give them the mock's endpoint.
`, b.proxy)
	}
	if len(b.trails) > 0 {
		fmt.Fprintf(w, "Seeded trails: %s\n", strings.Join(b.trails, ", "))
	}
}
