// Command terraform-provider-cloudtrack serves the cloudtrack Terraform
// provider over the plugin protocol.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/cloudtrack/cloudtrack",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
