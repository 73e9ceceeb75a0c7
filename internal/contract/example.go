package contract

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
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

// LenientJSON turns a documented sample that is almost JSON into JSON.
// The Alibaba models' examples of a Content document (a string holding
// JSON) are copied from the reference pages and are not always valid: the
// DCDN samples carry raw tab characters inside strings (a crontab written
// "0 0 0 \\<TAB>- \\<TAB>- ?"), drop the document's outer braces
// ("data": [...]}) and stop before its last brackets
// (DescribeDcdnReportList). Three repairs only, none of which changes a
// value the sample states:
//   - a raw control character inside a string is escaped (\t, \n, \r,
//     \u00XX): the string keeps the very characters the sample shows;
//   - a sample that starts with a member ("name": ...) is wrapped in the
//     braces of its object;
//   - brackets still open at the end are closed, innermost first.
//
// Anything else (a missing colon or comma, a stray closer) is left alone
// and reported as the error encoding/json gives, so a sample broken in
// another way is named, not guessed at.
func LenientJSON(sample string) ([]byte, error) {
	s := strings.TrimSpace(sample)
	var b strings.Builder
	if strings.HasPrefix(s, `"`) && !json.Valid([]byte(s)) {
		b.WriteByte('{')
	}
	b.WriteString(s)
	var out strings.Builder
	var open []byte
	inString, escaped := false, false
	for _, r := range b.String() {
		switch {
		case inString && escaped:
			escaped = false
		case inString && r == '\\':
			escaped = true
		case inString && r == '"':
			inString = false
		case inString && r < 0x20:
			switch r {
			case '\t':
				out.WriteString(`\t`)
			case '\n':
				out.WriteString(`\n`)
			case '\r':
				out.WriteString(`\r`)
			default:
				fmt.Fprintf(&out, `\u%04x`, r)
			}
			continue
		case inString:
		case r == '"':
			inString = true
		case r == '{' || r == '[':
			open = append(open, byte(r))
		case r == '}' || r == ']':
			if len(open) > 0 {
				open = open[:len(open)-1]
			}
		}
		out.WriteRune(r)
	}
	for i := len(open) - 1; i >= 0; i-- {
		if open[i] == '{' {
			out.WriteByte('}')
		} else {
			out.WriteByte(']')
		}
	}
	data := []byte(out.String())
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("the sample is not JSON even after the lenient repairs: %w", err)
	}
	return data, nil
}
