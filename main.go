// Command terraform-provider-cloudtrack serves the cloudtrack Terraform
// provider over the plugin protocol.
package main

import (
	"flag"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.Parse()
	if !debug {
		quietUnlessLogged()
	}

	// The framework's server wrapped with the fast read path of the large
	// data sources (provider.NewServer, README "Performance notes"); what
	// providerserver.Serve does otherwise.
	server, err := provider.NewServer(version, conns.DefaultTuning())()
	if err != nil {
		log.Fatal(err.Error())
	}
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	err = tf6server.Serve("registry.terraform.io/cloudtrack/cloudtrack", func() tfprotov6.ProviderServer { return server }, opts...)
	if err != nil {
		log.Fatal(err.Error())
	}
}

// quietUnlessLogged switches the plugin SDK's and the provider's own
// logging off when Terraform would discard it: Terraform keeps a provider's
// log lines only when TF_LOG_PROVIDER or TF_LOG is set (its
// internal/logging, providerLogLevel), and passes its environment to the
// provider, so without either every line the framework writes at trace
// level (several per attribute of every request) is built, encoded as
// JSON, sent over the plugin's stderr and parsed by Terraform only to be
// dropped: a quarter of the provider's CPU in a terraform apply of 20
// tracks. Levels the user set (TF_LOG_SDK, TF_LOG_SDK_FRAMEWORK, ...) are
// left alone. In -debug mode the provider's own stderr is read by whoever
// started it, so nothing is switched off there.
func quietUnlessLogged() {
	if os.Getenv("TF_LOG") != "" || os.Getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	for _, name := range []string{
		"TF_LOG_SDK",                 // terraform-plugin-go's root SDK logger
		"TF_LOG_SDK_PROTO",           // its protocol subsystem
		"TF_LOG_SDK_FRAMEWORK",       // terraform-plugin-framework's subsystem
		"TF_LOG_PROVIDER_CLOUDTRACK", // the provider's own tflog lines
	} {
		if _, set := os.LookupEnv(name); !set {
			_ = os.Setenv(name, "OFF")
		}
	}
}
