// Command mockcloud runs the mock cloud standalone, for trying the provider
// without a cloud account and for scripts.
//
//	go run ./internal/mockcloud/cmd/mockcloud -addr 127.0.0.1:8080 -seed-trail my-trail
//
// See the mockcloud package documentation for the APIs and the admin API.
package main

import (
	"context"
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
		creds      listFlag
		trails     listFlag
		limits     listFlag
	)
	fs.Var(&creds, "credential", "extra credential AK:SECRET[:ACCOUNT[:DENIED]], DENIED a comma-separated list of products the key has no permission for, e.g. Sas (repeatable)")
	fs.Var(&limits, "rate-limit", "override a rate limit, PRODUCT[.ACTION]=PER_SECOND, e.g. Cdn=10 or Actiontrail.CreateDeliveryHistoryJob=1 (repeatable; 0 = unlimited)")
	fs.Var(&trails, "seed-trail", "seed an ActionTrail trail with this name in the default account (repeatable)")
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
			return fmt.Errorf("-credential %q: want AK:SECRET[:ACCOUNT[:DENIED]]", c)
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
	if *addrFile != "" {
		if err := os.WriteFile(*addrFile, []byte(hostPort+"\n"), 0o644); err != nil {
			ln.Close()
			return err
		}
	}
	printBanner(stdout, hostPort, trails)
	if *subtasks {
		fmt.Fprintln(stdout, "Seeded Security Center subtasks: tasks 4001 and 4002")
	}

	httpSrv := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "mockcloud: shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := httpSrv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
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

func printBanner(w io.Writer, hostPort string, trails []string) {
	fmt.Fprintf(w, `mockcloud listening on %[1]s (HTTP)

Alibaba Cloud (RPC, ActionTrail 2020-07-06, Sas 2018-12-03): endpoint %[1]s, scheme HTTP
  export ALIBABA_CLOUD_ACCESS_KEY_ID=%[2]s
  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=%[3]s
  export ALIBABA_CLOUD_REGION_ID=%[4]s
Tencent Cloud (API 3.0): endpoint %[1]s, scheme HTTP
  export TENCENTCLOUD_SECRET_ID=%[5]s
  export TENCENTCLOUD_SECRET_KEY=%[6]s
Admin API: http://%[1]s/_mock/health
`, hostPort, mockcloud.DefaultAccessKeyID, mockcloud.DefaultAccessKeySecret, mockcloud.DefaultRegion,
		mockcloud.DefaultSecretID, mockcloud.DefaultSecretKey)
	if len(trails) > 0 {
		fmt.Fprintf(w, "Seeded trails: %s\n", strings.Join(trails, ", "))
	}
}
