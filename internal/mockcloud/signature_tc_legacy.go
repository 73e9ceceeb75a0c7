package mockcloud

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // HmacSHA1 is one of the two signature methods of Tencent's signature v1.
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"hash"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// Tencent Cloud's signature v1 (HmacSHA1, HmacSHA256), which the SDKs still
// offer (tencentcloud-sdk-nodejs 4.1.313 abstract_client formatSignString,
// tencentcloud-sdk-go common@v1.3.212 sign.go getStringToSign,
// tencentcloud-sdk-python abstract_client _format_sign_string): common and
// API parameters in the query (GET) or a form body (POST), flattened as
// "Name.0.Field", and
//
//	StringToSign = METHOD + HOST + PATH + "?" + join(sorted "k=v", "&")   (values raw, Signature left out)
//	Signature    = base64(HMAC(SecretKey, StringToSign))
//
// HOST is the endpoint the SDK was given, port included (all three SDKs).

// tcLegacyCommon are the common parameters of signature v1; everything
// else is an API parameter.
var tcLegacyCommon = map[string]bool{
	"Action": true, "Version": true, "Region": true, "Timestamp": true, "Nonce": true, "SecretId": true,
	"SignatureMethod": true, "Signature": true, "Token": true, "RequestClient": true, "Language": true,
}

var tcLegacyHashes = map[string]func() hash.Hash{"HmacSHA1": sha1.New, "HmacSHA256": sha256.New}

// tcLegacyStringToSign builds the v1 string to sign for one host and path.
func tcLegacyStringToSign(method, host, path string, params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	pairs := make([]string, len(keys))
	for i, k := range keys {
		pairs[i] = k + "=" + params[k]
	}
	return method + host + path + "?" + strings.Join(pairs, "&")
}

// tcLegacyVerify checks a v1 signature. It accepts the host as sent and
// without its port, the path as sent and "/": the SDKs all sign the
// endpoint with its port, but a client behind a proxy may not.
func tcLegacyVerify(r *http.Request, method, secretKey string, params map[string]string) bool {
	for _, h := range hostForms(r.Host) {
		for _, p := range pathForms(r.URL.Path) {
			sts := tcLegacyStringToSign(r.Method, h, p, params)
			mac := hmac.New(tcLegacyHashes[method], []byte(secretKey))
			mac.Write([]byte(sts))
			if hmac.Equal([]byte(base64.StdEncoding.EncodeToString(mac.Sum(nil))), []byte(params["Signature"])) {
				return true
			}
		}
	}
	return false
}

// flatToJSON turns flattened API parameters ("Filters.0.Name=x") into the
// JSON body the handler's request type t decodes, converting each value to
// the field's type, as the gateway does for signature v1 and GET requests.
// A name t does not have is kept, so the strict decoder refuses it as
// UnknownParameter.
func flatToJSON(params map[string]string, t reflect.Type) ([]byte, error) {
	root := map[string]any{}
	for k, v := range params {
		if tcLegacyCommon[k] {
			continue
		}
		node := root
		parts := strings.Split(k, ".")
		for i, p := range parts {
			if i == len(parts)-1 {
				node[p] = v
				break
			}
			next, ok := node[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				node[p] = next
			}
			node = next
		}
	}
	v, err := typedValue(root, t, "")
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

// typedValue converts a tree of strings and maps to JSON values of type t.
func typedValue(node any, t reflect.Type, path string) (any, error) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	bad := func() error {
		return tcErr("InvalidParameterValue", "The value type of parameter `%s` is not valid.", strings.TrimPrefix(path, "."))
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := node.(map[string]any)
		if !ok {
			return nil, bad()
		}
		out := map[string]any{}
		fields := map[string]reflect.StructField{}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			if name != "-" {
				fields[name] = f
			}
		}
		for k, v := range m {
			f, ok := fields[k]
			if !ok {
				out[k] = v // refused by the strict decoder
				continue
			}
			x, err := typedValue(v, f.Type, path+"."+k)
			if err != nil {
				return nil, err
			}
			out[k] = x
		}
		return out, nil
	case reflect.Slice, reflect.Array:
		m, ok := node.(map[string]any)
		if !ok {
			return nil, bad()
		}
		idx := make([]int, 0, len(m))
		for k := range m {
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 {
				return nil, bad()
			}
			idx = append(idx, i)
		}
		sort.Ints(idx)
		out := make([]any, 0, len(idx))
		for _, i := range idx {
			x, err := typedValue(m[strconv.Itoa(i)], t.Elem(), fmt.Sprintf("%s.%d", path, i))
			if err != nil {
				return nil, err
			}
			out = append(out, x)
		}
		return out, nil
	case reflect.Map, reflect.Interface:
		return node, nil
	}
	s, ok := node.(string)
	if !ok {
		return nil, bad()
	}
	switch t.Kind() {
	case reflect.String:
		return s, nil
	case reflect.Bool:
		b, err := strconv.ParseBool(s)
		if err != nil {
			return nil, bad()
		}
		return b, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return nil, bad()
		}
		return json.Number(s), nil
	}
	return s, nil
}
