package provider_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/provider"
)

// Every resource's docs show an import block and the import command
// (tfplugindocs reads examples/resources/<type>/import-by-string-id.tf and
// import.sh), each naming a resource its resource.tf declares, and its
// template sets a subcategory.
func TestExamples_import(t *testing.T) {
	root := filepath.Join("..", "..")
	cmdRE := regexp.MustCompile(`(?m)^terraform import (\S+)\.(\S+) \S+$`)
	blockRE := regexp.MustCompile(`(?m)^\s*to\s*=\s*(\S+)\.(\S+)\s*$`)
	p := provider.New("test")()
	for _, f := range p.Resources(context.Background()) {
		var resp resource.MetadataResponse
		f().Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "cloudtrack"}, &resp)
		typ := resp.TypeName
		dir := filepath.Join(root, "examples", "resources", typ)
		config := read(t, filepath.Join(dir, "resource.tf"))
		for file, re := range map[string]*regexp.Regexp{"import.sh": cmdRE, "import-by-string-id.tf": blockRE} {
			m := re.FindStringSubmatch(read(t, filepath.Join(dir, file)))
			if m == nil || m[1] != typ {
				t.Errorf("%s/%s: no import of a %s", typ, file, typ)
				continue
			}
			declared := regexp.MustCompile(`(?m)^resource "` + regexp.QuoteMeta(typ) + `" "` + regexp.QuoteMeta(m[2]) + `"`)
			if !declared.MatchString(config) {
				t.Errorf("%s/%s imports %s.%s, which resource.tf does not declare", typ, file, typ, m[2])
			}
		}
		tmpl := read(t, filepath.Join(root, "templates", "resources", typ[len("cloudtrack_"):]+".md.tmpl"))
		if !regexp.MustCompile(`(?m)^subcategory: "[^"]+"$`).MatchString(tmpl) {
			t.Errorf("the %s template sets no subcategory", typ)
		}
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
