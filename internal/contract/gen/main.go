// Command gen writes internal/contract/<product>.json from the vendors'
// published API definitions, read from local bare git mirrors of their
// repositories (never from the network, never in CI):
//
//	go run ./internal/contract/gen \
//	  -tencent-cli /path/TencentCloud+tencentcloud-cli/repo \
//	  -tencent-sdk /path/TencentCloud+tencentcloud-sdk-go/repo \
//	  -alibaba-sdk /path/aliyun+alibabacloud-go-sdk/repo
//
// (make contract-update does this with the /work/.mirror paths.) Then read
// the diff: a changed definition shows as changed JSON. What the
// definitions do not say in a machine-readable way (error tables of
// Alibaba's API reference pages, conflicts, our choices) comes from
// overrides.json next to this file, each entry with its source or marked
// ASSUMPTION.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
)

// product is what to read for one contract file.
type product struct {
	file    string // contract file name without .json
	vendor  string
	version string
	// dir is the SDK model directory (Alibaba) or the CLI service
	// directory and SDK package (Tencent).
	dir, sdkDir string
	actions     []string
}

func deliverActions(infix string) []string {
	var out []string
	for _, a := range []string{"CreateXDeliverTask", "UpdateXDeliverTask", "DeleteXDeliverTask", "DescribeXDeliverList", "CreateXSubTask", "UpdateXSubTask", "DeleteXSubTask", "DescribeXSubList", "DescribeXReportList"} {
		out = append(out, strings.Replace(a, "X", infix, 1))
	}
	return out
}

// products: the actions the provider calls or the mock serves
// (internal/mockcloud handleRPC/handleTC registrations).
var products = []product{
	{file: "actiontrail", vendor: "alibaba", version: "2020-07-06", dir: "actiontrail-20200706/client", actions: []string{
		"CreateTrail", "UpdateTrail", "DeleteTrail", "DescribeTrails", "GetTrailStatus", "StartLogging", "StopLogging",
		"CreateDeliveryHistoryJob", "DeleteDeliveryHistoryJob", "GetDeliveryHistoryJob", "ListDeliveryHistoryJobs", "LookupEvents",
	}},
	{file: "cdn", vendor: "alibaba", version: "2018-05-10", dir: "cdn-20180510/client", actions: deliverActions("Cdn")},
	{file: "dcdn", vendor: "alibaba", version: "2018-01-15", dir: "dcdn-20180115/client", actions: deliverActions("Dcdn")},
	{file: "sas", vendor: "alibaba", version: "2018-12-03", dir: "sas-20181203/client", actions: []string{"ListOperationProcessDetail"}},
	{file: "sts_alibaba", vendor: "alibaba", version: "2015-04-01", dir: "sts-20150401/client", actions: []string{"AssumeRole", "AssumeRoleWithOIDC"}},
	{file: "cloudaudit", vendor: "tencent", version: "2019-03-19", dir: "tccli/services/cloudaudit/v20190319", sdkDir: "tencentcloud/cloudaudit/v20190319", actions: []string{
		"CreateAuditTrack", "CreateEventsAuditTrack", "ModifyAuditTrack", "ModifyEventsAuditTrack", "DeleteAuditTrack", "DescribeAuditTrack", "DescribeAuditTracks", "LookUpEvents",
	}},
	{file: "sts_tencent", vendor: "tencent", version: "2018-08-13", dir: "tccli/services/sts/v20180813", sdkDir: "tencentcloud/sts/v20180813", actions: []string{"AssumeRole", "AssumeRoleWithWebIdentity"}},
}

type mirror struct{ gitDir, repo, commit string }

func (m mirror) show(path string) []byte {
	out, err := exec.Command("git", "--git-dir", m.gitDir, "show", m.commit+":"+path).Output()
	if err != nil {
		log.Fatalf("git show %s:%s in %s: %v", m.commit, path, m.gitDir, err)
	}
	return out
}

func (m mirror) ls(dir string) []string {
	out, err := exec.Command("git", "--git-dir", m.gitDir, "ls-tree", "--name-only", m.commit, dir+"/").Output()
	if err != nil {
		log.Fatalf("git ls-tree %s: %v", dir, err)
	}
	return strings.Fields(string(out))
}

func (m mirror) source(path string) contract.Source {
	return contract.Source{Repository: m.repo, Path: path, Commit: m.commit}
}

func openMirror(gitDir, repo string) mirror {
	out, err := exec.Command("git", "--git-dir", gitDir, "rev-parse", "HEAD").Output()
	if err != nil {
		log.Fatalf("%s: %v", gitDir, err)
	}
	return mirror{gitDir: gitDir, repo: repo, commit: strings.TrimSpace(string(out))}
}

func main() {
	tcCLI := flag.String("tencent-cli", "/work/.mirror/TencentCloud+tencentcloud-cli/repo", "bare git dir of TencentCloud/tencentcloud-cli")
	tcSDK := flag.String("tencent-sdk", "/work/.mirror/TencentCloud+tencentcloud-sdk-go/repo", "bare git dir of TencentCloud/tencentcloud-sdk-go")
	aliSDK := flag.String("alibaba-sdk", "/work/.mirror/aliyun+alibabacloud-go-sdk/repo", "bare git dir of aliyun/alibabacloud-go-sdk")
	out := flag.String("out", "internal/contract", "output directory")
	overridesPath := flag.String("overrides", "internal/contract/gen/overrides.json", "hand-kept additions (sources named, ASSUMPTIONs marked)")
	tablesPath := flag.String("error-tables", "internal/contract/gen/error_tables.json", "Alibaba error tables read from the reference pages and the vendor's provider (each with its source)")
	flag.Parse()

	ov := loadOverrides(*overridesPath)
	tables := loadErrorTables(*tablesPath)
	cli := openMirror(*tcCLI, "TencentCloud/tencentcloud-cli")
	sdk := openMirror(*tcSDK, "TencentCloud/tencentcloud-sdk-go")
	ali := openMirror(*aliSDK, "aliyun/alibabacloud-go-sdk")

	generated := map[string]*contract.Product{}
	for _, p := range products {
		var c *contract.Product
		if p.vendor == "alibaba" {
			c = genAlibaba(ali, p)
		} else {
			c = genTencent(cli, sdk, p)
		}
		ov.apply(c, generated)
		tables.apply(c)
		generated[c.Product] = c
		data, err := json.MarshalIndent(c, "", "  ")
		if err != nil {
			log.Fatal(err)
		}
		data = append(data, '\n')
		path := filepath.Join(*out, p.file+".json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: %d actions\n", path, len(c.Actions))
	}
}

// ---------------------------------------------------------------- Alibaba

func genAlibaba(m mirror, p product) *contract.Product {
	c := &contract.Product{Product: p.file, Vendor: p.vendor, Version: p.version, Actions: map[string]*contract.Action{}}
	names := m.ls(p.dir)
	byKey := map[string]string{}
	for _, n := range names {
		base := filepath.Base(n)
		byKey[strings.ReplaceAll(base, "_", "")] = n
	}
	clientPath := p.dir + "/client.go"
	client := string(m.show(clientPath))
	c.Sources = append(c.Sources, m.source(p.dir))
	for _, action := range p.actions {
		a := &contract.Action{Request: []*contract.Param{}} // an action without parameters has no request model
		key := strings.ToLower(action)
		positions := rpcPositions(client, action)
		if f, ok := byKey[key+"requestmodel.go"]; ok {
			structs := parseStructs(m.show(f))
			name := action + "Request"
			if _, shrink := structs[action+"ShrinkRequest"]; shrink {
				name = action + "ShrinkRequest"
				if f2, ok := byKey[key+"shrinkrequestmodel.go"]; ok {
					structs = parseStructs(m.show(f2))
				}
			}
			a.Request = structFields(structs, name)
			for _, prm := range a.Request {
				prm.Position = positions[prm.Name]
			}
		}
		if f, ok := byKey[key+"responsebodymodel.go"]; ok {
			structs := parseStructs(m.show(f))
			a.Response = structFields(structs, action+"ResponseBody")
		} else {
			log.Fatalf("%s: no response body model for %s", p.file, action)
		}
		if d := actionDescription(client, action); d != "" {
			a.Notes = append(a.Notes, "Description (client.go): "+d)
		}
		c.Actions[action] = a
	}
	return c
}

type goField struct {
	json, goType, doc string
	required          bool
}

type goStruct []goField

// parseStructs reads a generated model file: every struct type, its
// fields' json names, Go types and doc comments.
func parseStructs(src []byte) map[string]goStruct {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments)
	if err != nil {
		log.Fatal(err)
	}
	out := map[string]goStruct{}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts, ok := s.(*ast.TypeSpec)
			if !ok {
				continue
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			var fields goStruct
			for _, fl := range st.Fields.List {
				if fl.Tag == nil {
					continue
				}
				tag, _ := strconv.Unquote(fl.Tag.Value)
				jm := regexp.MustCompile(`json:"([^",]+)`).FindStringSubmatch(tag)
				if jm == nil {
					continue
				}
				doc := ""
				if fl.Doc != nil {
					doc = fl.Doc.Text()
				}
				fields = append(fields, goField{json: jm[1], goType: exprString(src, fset, fl.Type), doc: doc,
					required: strings.Contains(doc, "This parameter is required.")})
			}
			out[ts.Name.Name] = fields
		}
	}
	return out
}

func exprString(src []byte, fset *token.FileSet, e ast.Expr) string {
	return string(src[fset.Position(e.Pos()).Offset:fset.Position(e.End()).Offset])
}

func structFields(structs map[string]goStruct, name string) []*contract.Param {
	st, ok := structs[name]
	if !ok {
		log.Fatalf("no struct %s", name)
	}
	var out []*contract.Param
	for _, f := range st {
		prm := &contract.Param{Name: f.json, Wire: f.goType, Required: f.required}
		describe(prm, f.doc)
		t := strings.TrimPrefix(f.goType, "*")
		switch {
		case strings.HasPrefix(t, "[]"):
			prm.Type = "array"
			item := strings.TrimPrefix(strings.TrimPrefix(t, "[]"), "*")
			if _, isStruct := structs[item]; isStruct {
				prm.Members = structFields(structs, item)
			} else {
				prm.ItemType = jsonType(item)
			}
		case strings.HasPrefix(t, "map["):
			prm.Type = "object"
		default:
			if _, isStruct := structs[t]; isStruct {
				prm.Type = "object"
				prm.Members = structFields(structs, t)
			} else {
				prm.Type = jsonType(t)
			}
		}
		out = append(out, prm)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func jsonType(goType string) string {
	switch goType {
	case "string":
		return "string"
	case "int", "int32", "int64", "uint32", "uint64":
		return "integer"
	case "float32", "float64":
		return "number"
	case "bool":
		return "boolean"
	}
	return "any"
}

var (
	reExample    = regexp.MustCompile(`(?s)example:\s*\n\s*\n(.*)$`)
	reLength     = regexp.MustCompile(`(?i)length:?\s*(\d+) to (\d+) characters`)
	reLengthMax  = regexp.MustCompile(`(?i)(?:can be|is) up to (\d+) characters`)
	reRange      = regexp.MustCompile(`(?i)valid values:?\s*(\d+) to (\d+)`)
	reMaxItems   = regexp.MustCompile(`(?i)(?:up to|a maximum of|at most) (\d+) (?:domain names|elements|items|IDs|report IDs)`)
	reSeparated  = regexp.MustCompile(`(?i)separate (?:multiple|them|the) [a-z ]*with commas`)
	reEnumItem   = regexp.MustCompile(`^\s*(?:-|\*)\s+\**([A-Za-z0-9_.\-]+)\**\s*(?:\(default\))?\s*(?::|$)`)
	reValidStart = regexp.MustCompile(`(?i)valid values`)
)

// describe fills doc, example, enum and limits from an Alibaba doc
// comment. The limits are read from the generated prose; a limit the prose
// gives in another wording is added in overrides.json with its source.
func describe(p *contract.Param, doc string) {
	body := doc
	if m := reExample.FindStringSubmatch(doc); m != nil {
		p.Example = strings.TrimSpace(m[1])
		body = doc[:strings.Index(doc, "example:")]
	}
	body = strings.TrimSpace(strings.ReplaceAll(body, "This parameter is required.", ""))
	p.Doc = strings.Join(strings.Fields(body), " ")
	if m := reLength.FindStringSubmatch(body); m != nil {
		lo, _ := strconv.Atoi(m[1])
		hi, _ := strconv.Atoi(m[2])
		p.MinLength, p.MaxLength = &lo, &hi
	} else if m := reLengthMax.FindStringSubmatch(body); m != nil {
		hi, _ := strconv.Atoi(m[1])
		p.MaxLength = &hi
	}
	if m := reRange.FindStringSubmatch(body); m != nil {
		lo, _ := strconv.ParseFloat(m[1], 64)
		hi, _ := strconv.ParseFloat(m[2], 64)
		p.Minimum, p.Maximum = &lo, &hi
	}
	if m := reMaxItems.FindStringSubmatch(body); m != nil {
		n, _ := strconv.Atoi(m[1])
		p.MaxItems = &n
		if reSeparated.MatchString(body) {
			p.Separator = ","
		}
	}
	if loc := reValidStart.FindStringIndex(body); loc != nil {
		var enum []string
		for _, line := range strings.Split(body[loc[1]:], "\n") {
			if m := reEnumItem.FindStringSubmatch(line); m != nil {
				enum = append(enum, m[1])
			}
		}
		if len(enum) > 1 {
			p.Enum = enum
		}
	}
}

// rpcPositions reads, from <Action>WithOptions in client.go, which
// parameters go in the query and which in the form body.
func rpcPositions(client, action string) map[string]string {
	out := map[string]string{}
	start := strings.Index(client, "func (client *Client) "+action+"WithOptions(")
	if start < 0 {
		return out
	}
	end := strings.Index(client[start:], "\n}\n")
	fn := client[start : start+end]
	for _, m := range regexp.MustCompile(`(query|body)\["([A-Za-z0-9]+)"\]`).FindAllStringSubmatch(fn, -1) {
		out[m[2]] = m[1]
	}
	if strings.Contains(fn, "openapiutil.Query(dara.ToMap(request))") || strings.Contains(fn, "openapiutil.Query(openapiutil.ToMap(request))") {
		out["*"] = "query"
	}
	return out
}

// actionDescription is the first Summary line of an action in client.go.
func actionDescription(client, action string) string {
	i := strings.Index(client, "func (client *Client) "+action+"WithOptions(")
	if i < 0 {
		return ""
	}
	head := client[:i]
	j := strings.LastIndex(head, "// Summary:")
	if j < 0 {
		return ""
	}
	var lines []string
	for _, l := range strings.Split(head[j:], "\n")[1:] {
		l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "//"))
		if strings.HasPrefix(l, "@") || strings.HasPrefix(l, "Description:") {
			break
		}
		if l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, " ")
}

// ---------------------------------------------------------------- Tencent

type tcAPI struct {
	Actions map[string]struct {
		Input, Output, Document string
	} `json:"actions"`
	Objects map[string]struct {
		Members []tcMember `json:"members"`
	} `json:"objects"`
}

type tcMember struct {
	Name, Type, Member, Document, Example string
	Required                              bool
	OutputRequired                        bool `json:"output_required"`
	Disabled                              bool
}

func genTencent(cli, sdk mirror, p product) *contract.Product {
	c := &contract.Product{Product: p.file, Vendor: p.vendor, Version: p.version, Actions: map[string]*contract.Action{}}
	apiPath, exPath := p.dir+"/api.json", p.dir+"/examples.json"
	errPath, clientPath := p.sdkDir+"/errors.go", p.sdkDir+"/client.go"
	c.Sources = []contract.Source{cli.source(apiPath), cli.source(exPath), sdk.source(errPath), sdk.source(clientPath)}
	var api tcAPI
	if err := json.Unmarshal(cli.show(apiPath), &api); err != nil {
		log.Fatal(err)
	}
	var ex struct {
		Actions map[string][]struct{ Title, Input, Output string } `json:"actions"`
	}
	if err := json.Unmarshal(cli.show(exPath), &ex); err != nil {
		log.Fatal(err)
	}
	descs := errorDescriptions(string(sdk.show(errPath)))
	client := string(sdk.show(clientPath))
	for _, action := range p.actions {
		def, ok := api.Actions[action]
		if !ok {
			log.Fatalf("%s: no action %s in api.json", p.file, action)
		}
		a := &contract.Action{
			Request:  tcMembers(api, def.Input, true),
			Response: tcMembers(api, def.Output, false),
		}
		for _, code := range actionErrors(client, action) {
			e := contract.ErrorCode{Code: code, Description: descs[code]}
			if strings.Contains(e.Description, "频率") { // "frequency (limit)"
				e.Kind = "throttling"
			}
			a.Errors = append(a.Errors, e)
		}
		for _, e := range ex.Actions[action] {
			a.Examples = append(a.Examples, contract.Example{Title: e.Title, Input: e.Input, Output: e.Output})
		}
		c.Actions[action] = a
	}
	return c
}

func tcMembers(api tcAPI, object string, request bool) []*contract.Param {
	obj, ok := api.Objects[object]
	if !ok {
		log.Fatalf("no object %s", object)
	}
	var out []*contract.Param
	for _, m := range obj.Members {
		if m.Disabled {
			continue
		}
		prm := &contract.Param{Name: m.Name, Wire: m.Member, Required: m.Required && request, Example: m.Example, Doc: strings.Join(strings.Fields(m.Document), " ")}
		_, isObject := api.Objects[m.Member]
		switch m.Type {
		case "list":
			prm.Type = "array"
			if isObject {
				prm.Members = tcMembers(api, m.Member, request)
			} else {
				prm.ItemType = tcScalar(m.Member)
			}
		case "object":
			prm.Type = "object"
			if isObject {
				prm.Members = tcMembers(api, m.Member, request)
			}
		default:
			prm.Type = tcScalar(m.Member)
		}
		prm.Enum = tcEnum(m.Document)
		if prm.Type == "integer" && prm.Enum == nil {
			prm.Enum, prm.Notes = tcIntEnum(m.Document)
		}
		if prm.Type == "string" && prm.Enum == nil {
			prm.Enum, prm.Notes = tcStrEnum(m.Document)
		}
		tcLimits(prm, m.Document)
		out = append(out, prm)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

func tcScalar(member string) string {
	switch member {
	case "string":
		return "string"
	case "int64", "uint64", "int", "uint", "int32":
		return "integer"
	case "float", "double", "float64":
		return "number"
	case "bool":
		return "boolean"
	}
	return "any"
}

var (
	reTCEnumList = regexp.MustCompile(`(?:有效取值范围是|有效值)\s*[:：]\s*([A-Za-z0-9_、|, ]+)`)
	// "3-48个字符" (3 to 48 characters); "上限10个" (at most 10).
	reTCLength   = regexp.MustCompile(`(\d+)-(\d+)个字符`)
	reTCMaxItems = regexp.MustCompile(`上限(\d+)个`)
)

// tcLimits reads a length and a list limit from Tencent's Chinese doc
// text, when the text gives exactly one of each (StorageName gives one per
// storage type: none is taken).
func tcLimits(p *contract.Param, doc string) {
	if m := reTCLength.FindAllStringSubmatch(doc, -1); len(m) == 1 && p.Type == "string" {
		lo, _ := strconv.Atoi(m[0][1])
		hi, _ := strconv.Atoi(m[0][2])
		p.MinLength, p.MaxLength = &lo, &hi
	}
	if m := reTCMaxItems.FindAllStringSubmatch(doc, -1); len(m) == 1 && p.Type == "array" {
		n, _ := strconv.Atoi(m[0][1])
		p.MaxItems = &n
	}
}

// tcEnum reads a value list from Tencent's Chinese doc text: "有效取值范围是:A、B、C"
// or "有效值：a | b".
func tcEnum(doc string) []string {
	m := reTCEnumList.FindStringSubmatch(doc)
	if m == nil {
		return nil
	}
	var out []string
	for _, v := range regexp.MustCompile(`[、|,]`).Split(m[1], -1) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// An integer's values spelled out in the doc text, either value first
// ("0：未开启，1：开启"; "1:压缩 2:不压缩") or label first ("未开启：0；开启：1"):
// two or more "value：label" (or "label：value") pairs joined only by
// separators (，,；;、 or spaces). A label holds no digit, colon, separator,
// bracket or tag, so a run stops at the first text that is not a pair.
const (
	tcLabel = `[^\d\s:：，,；;、（）()<>]+`
	tcSep   = `\s*[，,；;、\s]\s*`
)

var (
	reTCValueFirst = regexp.MustCompile(`\d+\s*[:：]\s*` + tcLabel + `(?:` + tcSep + `\d+\s*[:：]\s*` + tcLabel + `)+`)
	reTCLabelFirst = regexp.MustCompile(tcLabel + `\s*[:：]\s*\d+(?:` + tcSep + tcLabel + `\s*[:：]\s*\d+)+`)
	reTCNumber     = regexp.MustCompile(`\d+`)
)

// tcIntEnum reads an integer enum from Tencent's prose (conservatively:
// only the two pair patterns above, once in the text). Where both patterns
// or two runs give values, the text is ambiguous: no enum, and a note says
// so (ASSUMPTION: the parameter is then checked for its type only).
func tcIntEnum(doc string) ([]string, []string) {
	runs := append(reTCValueFirst.FindAllString(doc, -1), reTCLabelFirst.FindAllString(doc, -1)...)
	switch len(runs) {
	case 0:
		return nil, nil
	case 1:
	default:
		return nil, []string{fmt.Sprintf("ASSUMPTION: the text spells out values more than once (%q): no enum is read, the type alone is checked.", runs)}
	}
	var out []string
	seen := map[string]bool{}
	for _, n := range reTCNumber.FindAllString(runs[0], -1) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	if len(out) < 2 {
		return nil, nil
	}
	sort.Strings(out)
	return out, []string{fmt.Sprintf("enum read from the text %q.", strings.TrimSpace(runs[0]))}
}

var (
	// "（读：Read；写：Write；全部：*）": a whole parenthesis of "label：value"
	// pairs, the labels Chinese words, the values ASCII names or "*". The
	// whole parenthesis, so "（支持全部产品或单个产品，如：cos，全部：*）" gives
	// nothing.
	reTCStrPairs = regexp.MustCompile(`[（(]((?:[^\x00-\x7f：，；、（）]+\s*[:：]\s*(?:\*|[A-Za-z][A-Za-z0-9_-]*)\s*[；;，,]?\s*){2,})[）)]`)
	// A label that says "for example" (如, 例如, 比如, 举例) makes the pairs
	// examples, not the values: "跟踪事件所属产品（如：cos，全部：*）".
	reTCExample  = regexp.MustCompile(`(?:^|[；;，,]\s*)(?:如|例如|比如|举例)\s*[:：]`)
	reTCStrValue = regexp.MustCompile(`[:：]\s*(\*|[A-Za-z][A-Za-z0-9_-]*)`)
	// "（目前支持 cos、cls、ckafka）" ("currently supported: ..."), the whole
	// parenthesis again.
	reTCSupported = regexp.MustCompile(`[（(]目前支持\s*([a-z][a-z0-9_-]*(?:\s*、\s*[a-z][a-z0-9_-]*)+)\s*[）)]`)
)

// tcStrEnum reads a string enum from Tencent's prose, only where a whole
// parenthesis lists the values (the two forms above), once.
func tcStrEnum(doc string) ([]string, []string) {
	var out []string
	var from string
	if m := reTCStrPairs.FindAllStringSubmatch(doc, -1); len(m) == 1 && !reTCExample.MatchString(m[0][1]) {
		from = m[0][0]
		for _, v := range reTCStrValue.FindAllStringSubmatch(m[0][1], -1) {
			out = append(out, v[1])
		}
	} else if m := reTCSupported.FindAllStringSubmatch(doc, -1); len(m) == 1 {
		from = m[0][0]
		for _, v := range strings.Split(m[0][1], "、") {
			out = append(out, strings.TrimSpace(v))
		}
	}
	if len(out) < 2 {
		return nil, nil
	}
	return out, []string{fmt.Sprintf("enum read from the text %q.", from)}
}

// errorDescriptions maps codes to the comment above them in errors.go.
func errorDescriptions(src string) map[string]string {
	out := map[string]string{}
	var comment string
	for _, l := range strings.Split(src, "\n") {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "//"):
			comment = strings.TrimSpace(strings.TrimPrefix(t, "//"))
		case strings.Contains(t, " = \""):
			code := t[strings.Index(t, "\"")+1 : strings.LastIndex(t, "\"")]
			out[code] = comment
			comment = ""
		}
	}
	return out
}

// actionErrors reads the "可能返回的错误码" list in the doc comment of an
// action's method in client.go.
func actionErrors(client, action string) []string {
	i := strings.Index(client, "\nfunc (c *Client) "+action+"(")
	if i < 0 {
		return nil
	}
	head := client[:i]
	j := strings.LastIndex(head, "\n// "+action+"\n")
	var out []string
	for _, m := range regexp.MustCompile(`//\s+[A-Z0-9_]+ = "([^"]+)"`).FindAllStringSubmatch(head[j:], -1) {
		out = append(out, m[1])
	}
	return out
}

// ---------------------------------------------------------------- overrides

// overrides are what the generated definitions do not say in a form the
// generator reads: limits in other words, error tables of reference pages,
// conflicts between sources, and our choices (ASSUMPTION).
type overrides struct {
	Products map[string]struct {
		Sources      []contract.Source    `json:"sources"`
		Notes        []string             `json:"notes"`
		CommonErrors []contract.ErrorCode `json:"common_errors"`
		Actions      map[string]struct {
			Notes  []string                   `json:"notes"`
			Errors []contract.ErrorCode       `json:"errors"`
			Kinds  map[string]string          `json:"kinds"`
			Params map[string]json.RawMessage `json:"params"`
			Fields map[string]json.RawMessage `json:"fields"`
		} `json:"actions"`
	} `json:"products"`
}

func loadOverrides(path string) *overrides {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var o overrides
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	return &o
}

func (o *overrides) apply(c *contract.Product, generated map[string]*contract.Product) {
	po, ok := o.Products[c.Product]
	if !ok {
		return
	}
	c.Sources = append(c.Sources, po.Sources...)
	c.Notes = append(c.Notes, po.Notes...)
	c.CommonErrors = append(c.CommonErrors, po.CommonErrors...)
	for name, ao := range po.Actions {
		a := c.Actions[name]
		if a == nil {
			log.Fatalf("overrides: %s has no action %s", c.Product, name)
		}
		a.Notes = append(a.Notes, ao.Notes...)
		for _, e := range ao.Errors {
			replaced := false
			for i := range a.Errors {
				if a.Errors[i].Code == e.Code {
					a.Errors[i] = e
					replaced = true
				}
			}
			if !replaced {
				a.Errors = append(a.Errors, e)
			}
		}
		for code, kind := range ao.Kinds {
			for i := range a.Errors {
				if a.Errors[i].Code == code {
					a.Errors[i].Kind = kind
				}
			}
		}
		patch(c.Product, name, a.Request, ao.Params, generated)
		patch(c.Product, name, a.Response, ao.Fields, generated)
	}
}

// patch merges JSON into the named parameter ("A.B" for a member); the
// patch's notes are appended.
//
// "add_members" appends members the model lacks (a note says whence);
// "members_from": "product/Action/Field.Path" copies the members of that
// (already generated) field first: where one vendor model describes a
// document another leaves opaque (dcdn's Content string, cdn's object).
func patch(product, action string, ps []*contract.Param, patches map[string]json.RawMessage, generated map[string]*contract.Product) {
	keys := make([]string, 0, len(patches))
	for k := range patches {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, path := range keys {
		var target *contract.Param
		list := ps
		for _, part := range strings.Split(path, ".") {
			target = nil
			for _, p := range list {
				if p.Name == part {
					target = p
				}
			}
			if target == nil {
				log.Fatalf("overrides: %s %s has no %s", product, action, path)
			}
			list = target.Members
		}
		notes := target.Notes
		var from struct {
			MembersFrom string            `json:"members_from"`
			AddMembers  []*contract.Param `json:"add_members"`
		}
		_ = json.Unmarshal(patches[path], &from)
		if from.MembersFrom != "" {
			target.Members = membersFrom(from.MembersFrom, generated)
		}
		if err := json.Unmarshal(patches[path], target); err != nil {
			log.Fatalf("overrides: %s %s %s: %v", product, action, path, err)
		}
		target.Members = append(target.Members, from.AddMembers...)
		var added struct {
			Notes []string `json:"notes"`
		}
		_ = json.Unmarshal(patches[path], &added)
		target.Notes = append(notes, added.Notes...)
		if len(added.Notes) == 0 {
			target.Notes = notes
		}
	}
}

func membersFrom(ref string, generated map[string]*contract.Product) []*contract.Param {
	parts := strings.SplitN(ref, "/", 3)
	if len(parts) != 3 || generated[parts[0]] == nil || generated[parts[0]].Actions[parts[1]] == nil {
		log.Fatalf("overrides: members_from %q: no such generated action", ref)
	}
	list := generated[parts[0]].Actions[parts[1]].Response
	var target *contract.Param
	for _, name := range strings.Split(parts[2], ".") {
		target = nil
		for _, p := range list {
			if p.Name == name {
				target = p
			}
		}
		if target == nil {
			log.Fatalf("overrides: members_from %q: no field %s", ref, name)
		}
		list = target.Members
	}
	// A deep copy: later patches of either product stay apart.
	data, _ := json.Marshal(target.Members)
	var out []*contract.Param
	_ = json.Unmarshal(data, &out)
	return out
}

// errorTables are the Alibaba error tables read from the reference pages
// (stored copies) and from the vendor's provider, each with its source
// (error_tables.json).
type errorTables struct {
	About  string `json:"about"`
	Tables []struct {
		Product string `json:"product"`
		Action  string `json:"action"`
		Source  string `json:"source"`
		Codes   []struct {
			Code    string `json:"code"`
			HTTP    int    `json:"http,omitempty"`
			Message string `json:"message,omitempty"`
			Kind    string `json:"kind,omitempty"`
		} `json:"codes"`
	} `json:"tables"`
}

func loadErrorTables(path string) *errorTables {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	var t errorTables
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&t); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
	return &t
}

// apply records each table's codes on its action: a code the contract
// has gets the table's source first (and is no longer an ASSUMPTION); a
// code it lacks is added, documented by the table.
func (t *errorTables) apply(c *contract.Product) {
	for _, tb := range t.Tables {
		if tb.Product != c.Product {
			continue
		}
		a := c.Actions[tb.Action]
		if a == nil {
			log.Fatalf("error tables: %s has no action %s", c.Product, tb.Action)
		}
		for _, tc := range tb.Codes {
			desc := tc.Message
			if tc.HTTP != 0 {
				desc = fmt.Sprintf("HTTP %d: %s", tc.HTTP, tc.Message)
			}
			found := false
			for i := range a.Errors {
				e := &a.Errors[i]
				if e.Code != tc.Code {
					continue
				}
				found = true
				if e.Assumption {
					e.Assumption, e.Description = false, desc
				}
				if e.Source == "" {
					e.Source = tb.Source
				} else if !strings.Contains(e.Source, tb.Source) {
					e.Source = tb.Source + "; also " + e.Source
				}
				if e.Description == "" {
					e.Description = desc
				}
				if tc.Kind != "" {
					e.Kind = tc.Kind
				}
			}
			if !found {
				a.Errors = append(a.Errors, contract.ErrorCode{Code: tc.Code, Description: desc, Kind: tc.Kind, Source: tb.Source})
			}
		}
	}
}
