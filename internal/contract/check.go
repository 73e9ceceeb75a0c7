package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// rpcCommonParams are the Alibaba RPC gateway's common parameters (the
// signature method's, not an action's): https://www.alibabacloud.com/help/en/sdk/product-overview/rpc-mechanism
// ("Common request parameters"); RegionId and Format as the classic SDK
// sends them.
var rpcCommonParams = map[string]bool{
	"AccessKeyId": true, "Action": true, "Format": true, "RegionId": true, "SecurityToken": true,
	"Signature": true, "SignatureMethod": true, "SignatureNonce": true, "SignatureType": true,
	"SignatureVersion": true, "Timestamp": true, "Version": true,
}

// reIndexed matches a flattened list parameter: Name.N or Name.N.Member.
var reIndexed = regexp.MustCompile(`^([A-Za-z0-9]+)\.(\d+)(?:\.([A-Za-z0-9]+))?$`)

// CheckRPCRequest checks an Alibaba RPC request's parameters (query and
// form merged) against the action: every parameter documented, of its
// type, within its enum and limits, and every required one present. It
// returns one line per difference.
func (p *Product) CheckRPCRequest(action string, params map[string]string) []string {
	a := p.Actions[action]
	if a == nil {
		return []string{fmt.Sprintf("%s: action not in the contract", action)}
	}
	var out []string
	counts := map[string]map[string]bool{}
	names := make([]string, 0, len(params))
	for k := range params {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		v := params[name]
		if rpcCommonParams[name] {
			continue
		}
		if m := reIndexed.FindStringSubmatch(name); m != nil {
			prm := a.Param(m[1])
			if prm == nil || prm.Type != "array" {
				out = append(out, fmt.Sprintf("%s: parameter %s is not documented", action, name))
				continue
			}
			if counts[m[1]] == nil {
				counts[m[1]] = map[string]bool{}
			}
			counts[m[1]][m[2]] = true
			if m[3] == "" {
				out = append(out, checkText(action, name, v, &Param{Name: name, Type: prm.ItemType})...)
				continue
			}
			mem := prm.Member(m[3])
			if mem == nil {
				out = append(out, fmt.Sprintf("%s: parameter %s is not documented (%s has no member %s)", action, name, m[1], m[3]))
				continue
			}
			out = append(out, checkText(action, name, v, mem)...)
			continue
		}
		prm := a.Param(name)
		if prm == nil {
			out = append(out, fmt.Sprintf("%s: parameter %s is not documented", action, name))
			continue
		}
		out = append(out, checkText(action, name, v, prm)...)
	}
	for name, idx := range counts {
		if prm := a.Param(name); prm.MaxItems != nil && len(idx) > *prm.MaxItems {
			out = append(out, fmt.Sprintf("%s: %s has %d items, at most %d", action, name, len(idx), *prm.MaxItems))
		}
	}
	for _, prm := range a.Request {
		if !prm.Required {
			continue
		}
		if _, ok := params[prm.Name]; !ok && counts[prm.Name] == nil {
			out = append(out, fmt.Sprintf("%s: required parameter %s is missing", action, prm.Name))
		}
	}
	return out
}

// checkText checks one RPC value (text on the wire) against a parameter.
func checkText(action, name, v string, prm *Param) []string {
	var out []string
	bad := func(format string, args ...any) {
		out = append(out, fmt.Sprintf("%s: parameter %s=%q: %s", action, name, clip(v), fmt.Sprintf(format, args...)))
	}
	switch prm.Type {
	case "integer":
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			bad("not an integer")
			return out
		}
		checkRange(float64(n), prm, bad)
		if len(prm.Enum) > 0 && !slices.Contains(prm.Enum, strconv.FormatInt(n, 10)) {
			bad("not one of %s", strings.Join(prm.Enum, ", "))
		}
	case "number":
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			bad("not a number")
			return out
		}
		checkRange(f, prm, bad)
	case "boolean":
		if v != "true" && v != "false" {
			bad("not a boolean")
		}
	case "string":
		// Alibaba documents some numeric parameters as strings with a
		// range in the text (LookupEvents MaxResults "1 to 50").
		if prm.Minimum != nil || prm.Maximum != nil {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				bad("not a number")
				return out
			}
			checkRange(f, prm, bad)
		}
		out = append(out, checkString(action, name, v, prm)...)
	}
	return out
}

func checkRange(f float64, prm *Param, bad func(string, ...any)) {
	if prm.Minimum != nil && f < *prm.Minimum {
		bad("below the minimum %v", *prm.Minimum)
	}
	if prm.Maximum != nil && f > *prm.Maximum {
		bad("above the maximum %v", *prm.Maximum)
	}
}

func checkString(action, name, v string, prm *Param) []string {
	var out []string
	bad := func(format string, args ...any) {
		out = append(out, fmt.Sprintf("%s: parameter %s=%q: %s", action, name, clip(v), fmt.Sprintf(format, args...)))
	}
	if len(prm.Enum) > 0 {
		items := []string{v}
		if prm.Separator != "" {
			items = strings.Split(v, prm.Separator)
		}
		for _, it := range items {
			if !slices.Contains(prm.Enum, it) {
				bad("%q is not one of %s", it, strings.Join(prm.Enum, ", "))
			}
		}
	}
	n := utf8.RuneCountInString(v)
	if prm.MinLength != nil && n < *prm.MinLength {
		bad("shorter than %d characters", *prm.MinLength)
	}
	if prm.MaxLength != nil && n > *prm.MaxLength {
		bad("longer than %d characters", *prm.MaxLength)
	}
	if prm.Pattern != "" {
		if re, err := regexp.Compile(prm.Pattern); err == nil && !re.MatchString(v) {
			bad("does not match %s", prm.Pattern)
		}
	}
	if prm.MaxItems != nil && prm.Separator != "" && v != "" {
		if k := len(strings.Split(v, prm.Separator)); k > *prm.MaxItems {
			bad("%d items, at most %d", k, *prm.MaxItems)
		}
	}
	return out
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// CheckJSONRequest checks a Tencent API 3.0 JSON request body.
func (p *Product) CheckJSONRequest(action string, body []byte) []string {
	a := p.Actions[action]
	if a == nil {
		return []string{fmt.Sprintf("%s: action not in the contract", action)}
	}
	v, err := decode(body)
	if err != nil {
		return []string{fmt.Sprintf("%s: request body: %v", action, err)}
	}
	obj, ok := v.(map[string]any)
	if !ok && v != nil {
		return []string{fmt.Sprintf("%s: request body is not a JSON object", action)}
	}
	return checkObject(action, "parameter", "", obj, a.Request, true)
}

// CheckResponse checks an answer's fields (the object a handler answered,
// RequestId included; for Tencent the inside of "Response").
func (p *Product) CheckResponse(action string, body []byte) []string {
	a := p.Actions[action]
	if a == nil {
		return []string{fmt.Sprintf("%s: action not in the contract", action)}
	}
	v, err := decode(body)
	if err != nil {
		return []string{fmt.Sprintf("%s: response body: %v", action, err)}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: response is not a JSON object", action)}
	}
	return checkObject(action, "field", "", obj, a.Response, false)
}

func decode(body []byte) (any, error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func checkObject(action, what, prefix string, obj map[string]any, members []*Param, request bool) []string {
	var out []string
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		path := prefix + k
		prm := find(members, k)
		if prm == nil {
			out = append(out, fmt.Sprintf("%s: %s %s is not documented", action, what, path))
			continue
		}
		out = append(out, checkValue(action, what, path, obj[k], prm, request)...)
	}
	if request {
		for _, prm := range members {
			if _, ok := obj[prm.Name]; prm.Required && !ok {
				out = append(out, fmt.Sprintf("%s: required %s %s%s is missing", action, what, prefix, prm.Name))
			}
		}
	}
	return out
}

// jsonTypeOf names a decoded value's JSON type; a json.Number without a
// fraction or exponent is an integer.
func jsonTypeOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		if strings.ContainsAny(x.String(), ".eE") {
			return "number"
		}
		return "integer"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}

func typeAccepts(want, got string) bool {
	return want == "any" || want == got || (want == "number" && got == "integer")
}

func checkValue(action, what, path string, v any, prm *Param, request bool) []string {
	got := jsonTypeOf(v)
	if got == "null" {
		// A null is an absent value to every SDK here.
		return nil
	}
	ok := typeAccepts(prm.Type, got)
	for _, alt := range prm.AltTypes {
		ok = ok || typeAccepts(alt, got)
	}
	if !ok {
		return []string{fmt.Sprintf("%s: %s %s is %s, the contract says %s", action, what, path, got, prm.Type)}
	}
	var out []string
	switch x := v.(type) {
	case string:
		if request {
			out = append(out, checkString(action, path, x, prm)...)
		} else if len(prm.Enum) > 0 && !slices.Contains(prm.Enum, x) && prm.Type == "string" {
			out = append(out, fmt.Sprintf("%s: %s %s=%q is not one of %s", action, what, path, clip(x), strings.Join(prm.Enum, ", ")))
		}
		if prm.Type == "object" && len(prm.Members) > 0 {
			// The alternative form of an object: the same document as a
			// JSON string (CDN's Content).
			if inner, err := decode([]byte(x)); err == nil {
				if m, isObj := inner.(map[string]any); isObj {
					out = append(out, checkObject(action, what, path+".", m, prm.Members, request)...)
				}
			}
		}
	case json.Number:
		if request {
			f, _ := x.Float64()
			checkRange(f, prm, func(format string, args ...any) {
				out = append(out, fmt.Sprintf("%s: %s %s=%v: %s", action, what, path, v, fmt.Sprintf(format, args...)))
			})
		}
		// An integer enum (Tencent's "0：未开启；1：开启", read by ./gen) binds
		// requests and answers alike.
		if len(prm.Enum) > 0 && !slices.Contains(prm.Enum, x.String()) {
			out = append(out, fmt.Sprintf("%s: %s %s=%s is not one of %s", action, what, path, x, strings.Join(prm.Enum, ", ")))
		}
	case map[string]any:
		if len(prm.Members) > 0 {
			out = append(out, checkObject(action, what, path+".", x, prm.Members, request)...)
		}
	case []any:
		if request && prm.MaxItems != nil && len(x) > *prm.MaxItems {
			out = append(out, fmt.Sprintf("%s: %s %s has %d items, at most %d", action, what, path, len(x), *prm.MaxItems))
		}
		for _, it := range x {
			ip := path + "[]" // one line per field, not per item
			switch {
			case len(prm.Members) > 0:
				m, isObj := it.(map[string]any)
				if !isObj {
					out = append(out, fmt.Sprintf("%s: %s %s is %s, the contract says object", action, what, ip, jsonTypeOf(it)))
					continue
				}
				out = append(out, checkObject(action, what, ip+".", m, prm.Members, request)...)
			case prm.ItemType != "":
				item := &Param{Name: prm.Name, Type: prm.ItemType, Enum: prm.Enum}
				out = append(out, checkValue(action, what, ip, it, item, request)...)
			}
		}
	}
	return out
}
