package flex_test

import (
	"encoding/json"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

func TestWireIDs(t *testing.T) {
	t.Parallel()
	var v struct {
		A, B, C flex.WireID
		D, E, F flex.WireInt
	}
	in := `{"A":9007199254740993,"B":"700001","C":null,"D":42,"E":"43","F":null}`
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		t.Fatal(err)
	}
	if v.A != "9007199254740993" || v.B != "700001" || v.C != "" || v.D != 42 || v.E != 43 || v.F != 0 {
		t.Errorf("decoded %+v", v)
	}
	for _, bad := range []string{`{"A":{}}`, `{"D":"x1"}`, `{"D":1.5}`} {
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("%s was accepted", bad)
		}
	}
}
