package contract

import (
	"encoding/json"
	"strconv"
)

// ExampleResponse builds an answer of the action from its fields'
// documented examples (the Alibaba models document one per field rather
// than whole answers): scalars parsed to their JSON type, one item per
// array. Fields without an example are left out.
func (a *Action) ExampleResponse() ([]byte, error) {
	return json.Marshal(exampleObject(a.Response))
}

func exampleObject(ps []*Param) map[string]any {
	out := map[string]any{}
	for _, p := range ps {
		if v, ok := exampleValue(p); ok {
			out[p.Name] = v
		}
	}
	return out
}

func exampleValue(p *Param) (any, bool) {
	switch p.Type {
	case "object":
		if len(p.Members) == 0 {
			return nil, false
		}
		return exampleObject(p.Members), true
	case "array":
		if len(p.Members) > 0 {
			return []any{exampleObject(p.Members)}, true
		}
		if p.Example == "" {
			return nil, false
		}
		v, ok := exampleValue(&Param{Type: p.ItemType, Example: p.Example})
		return []any{v}, ok
	}
	if p.Example == "" {
		return nil, false
	}
	switch p.Type {
	case "integer":
		n, err := strconv.ParseInt(p.Example, 10, 64)
		return n, err == nil
	case "number":
		f, err := strconv.ParseFloat(p.Example, 64)
		return f, err == nil
	case "boolean":
		b, err := strconv.ParseBool(p.Example)
		return b, err == nil
	}
	return p.Example, true
}
