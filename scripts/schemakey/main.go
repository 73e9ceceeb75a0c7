// Command schemakey renames the provider key of a `providers schema -json`
// document, so that the schema OpenTofu prints (keyed by
// registry.opentofu.org/...) can be fed to tfplugindocs, which looks the
// provider up under a fixed key.
//
// Usage:
//
//	schemakey -to registry.terraform.io/hashicorp/cloudtrack < in.json > out.json
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	to := flag.String("to", "", "provider key to write")
	suffix := flag.String("suffix", "/cloudtrack", "suffix of the provider key to rename")
	flag.Parse()

	if err := run(os.Stdin, os.Stdout, *suffix, *to); err != nil {
		fmt.Fprintln(os.Stderr, "schemakey:", err)
		os.Exit(1)
	}
}

func run(in io.Reader, out io.Writer, suffix, to string) error {
	if to == "" {
		return errors.New("-to is required")
	}

	// Raw messages keep every other part of the document byte for byte.
	var doc map[string]json.RawMessage
	if err := json.NewDecoder(in).Decode(&doc); err != nil {
		return fmt.Errorf("reading schema: %w", err)
	}

	var schemas map[string]json.RawMessage
	if err := json.Unmarshal(doc["provider_schemas"], &schemas); err != nil {
		return fmt.Errorf("reading provider_schemas: %w", err)
	}

	var from []string
	for key := range schemas {
		if strings.HasSuffix(key, suffix) {
			from = append(from, key)
		}
	}
	if len(from) != 1 {
		return fmt.Errorf("want exactly one provider key ending in %q, found %d: %v", suffix, len(from), from)
	}

	schema := schemas[from[0]]
	delete(schemas, from[0])
	schemas[to] = schema

	renamed, err := json.Marshal(schemas)
	if err != nil {
		return err
	}
	doc["provider_schemas"] = renamed

	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
