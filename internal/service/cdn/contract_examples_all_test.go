package cdn_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/cdn"
)

// answerUnread is why an action's example is not decoded: the provider
// reads nothing from its answer but success.
const answerUnread = "its answer holds only RequestId: the provider reads nothing from it but success"

// exampleUnused lists, by action with the product's infix taken out, why
// an action's documented example is not decoded.
var exampleUnused = map[string]string{
	"CreateSubTask":     answerUnread,
	"DeleteDeliverTask": answerUnread,
	"DeleteSubTask":     answerUnread,
	"UpdateDeliverTask": answerUnread,
	"UpdateSubTask":     answerUnread,
}

// brokenSamples are the Content samples that stay unusable after the
// lenient reading (contract.LenientJSON), and why; the test fails if one
// of them becomes readable, so the list stays true.
var brokenSamples = map[string]string{
	"cdn DescribeCdnDeliverList": `the sample closes the conditions list with a brace ("value": [...]}} },{"reportId": 2}): a syntax repair could change a value, so it is not guessed; the answer built from the field examples is decoded instead`,
	"cdn DescribeCdnSubList":     `the sample misses the colon after "domains" ("domains"["www.example.com",...]): a syntax repair could change a value, so it is not guessed; the answer built from the field examples is decoded instead`,
}

// Every documented example answer of CDN and DCDN decodes through the
// provider's read path without loss: for the answers built from the
// models' field examples and for the Content samples (the only whole
// answers Alibaba documents; read leniently, see contract.LenientJSON), in
// both forms the sources give Content (a JSON string and an object), every
// field the provider models equals the sample's. An action whose example
// is not decoded has its reason listed.
func TestContractExamples_cdn(t *testing.T)  { contractExamples(t, "cdn", "Cdn") }
func TestContractExamples_dcdn(t *testing.T) { contractExamples(t, "dcdn", "Dcdn") }

func contractExamples(t *testing.T, product, infix string) {
	c := contract.MustLoad(product)
	decoded := 0
	var unused []string
	for _, action := range c.ActionNames() {
		key := strings.Replace(action, infix, "", 1)
		a := c.Actions[action]
		if why, ok := exampleUnused[key]; ok {
			unused = append(unused, action+": "+why)
			continue
		}
		var docs []exampleDoc
		if f := a.Field("Content"); f != nil {
			// The answer built from the field examples: its Content.
			body, err := a.ExampleResponse()
			if err != nil {
				t.Fatal(err)
			}
			var env struct{ Content json.RawMessage }
			if err := json.Unmarshal(body, &env); err != nil {
				t.Fatal(err)
			}
			docs = append(docs, exampleDoc{"field examples", env.Content})
			if f.Example != "" {
				doc, err := contract.LenientJSON(f.Example)
				why, listed := brokenSamples[product+" "+action]
				switch {
				case err != nil && listed:
					unused = append(unused, action+" Content sample: "+why)
				case err != nil:
					t.Errorf("%s: the Content sample cannot be read, and no reason is listed: %v", action, err)
				case listed:
					t.Errorf("%s: the Content sample listed as broken (%s) now reads: take it off brokenSamples", action, why)
				default:
					docs = append(docs, exampleDoc{"Content sample", doc})
				}
			}
		}
		switch key {
		case "CreateDeliverTask":
			body, err := a.ExampleResponse()
			if err != nil {
				t.Fatal(err)
			}
			id, rid, err := cdn.DecodeCreateTask(body)
			if err != nil || id != a.Field("DeliverId").Example || rid != a.Field("RequestId").Example {
				t.Errorf("%s: read %q, %q, %v from %s", action, id, rid, err, body)
			}
			decoded++
		case "DescribeDeliverList", "DescribeSubList", "DescribeReportList":
			for _, d := range docs {
				for i, body := range d.bodies(t) {
					form := []string{"Content string", "Content object"}[i]
					t.Run(action+"/"+d.source+"/"+form, func(t *testing.T) { checkListed(t, product, key, d.doc, body) })
				}
				decoded++
			}
		default:
			t.Errorf("%s: no decoder and no listed reason (exampleUnused)", action)
		}
	}
	sort.Strings(unused)
	t.Logf("%s: %d documented examples decoded through the read path (each in both Content forms); not decoded:\n  %s", product, decoded, strings.Join(unused, "\n  "))
}

// exampleDoc is a documented Content document and where it comes from.
type exampleDoc struct {
	source string
	doc    []byte
}

// bodies are the answers carrying the document: Content as a JSON string
// (the SDK models' type) and as the object itself (the zh reference's).
func (d exampleDoc) bodies(t *testing.T) [][]byte {
	t.Helper()
	var out [][]byte
	for _, content := range []any{string(d.doc), json.RawMessage(d.doc)} {
		b, err := json.Marshal(map[string]any{"RequestId": "04F0F334-1335-436C-A1D7-6C044FE73368", "Content": content})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// docItems are the document's data entries, decoded on their own with
// encoding/json (the reference's DescribeCdnSubList sample nests the
// document in a Content of its own, a string or an object).
func docItems(t *testing.T, doc []byte) []json.RawMessage {
	t.Helper()
	for range 3 {
		var d struct {
			Data    []json.RawMessage `json:"data"`
			Content json.RawMessage   `json:"Content"`
		}
		if err := json.Unmarshal(doc, &d); err != nil {
			t.Fatalf("the document %s: %v", doc, err)
		}
		if d.Data != nil || len(d.Content) == 0 {
			return d.Data
		}
		doc = d.Content
		var s string
		if json.Unmarshal(doc, &s) == nil {
			doc = []byte(s)
		}
	}
	return nil
}

// everyDomain reads a listed domain list as the reference means it: blanks
// are no domain, and ["all"] (DescribeCdnSubList sample) or [""]
// (DescribeDcdnDeliverList sample) is every domain, as an empty list.
func everyDomain(in []string) []string {
	out := []string{}
	for _, d := range in {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, d)
		}
	}
	if len(out) == 1 && strings.EqualFold(out[0], "all") {
		return []string{}
	}
	return out
}

func checkListed(t *testing.T, product, key string, doc, body []byte) {
	items := docItems(t, doc)
	if len(items) == 0 {
		t.Fatalf("no data in the documented %s", doc)
	}
	switch key {
	case "DescribeDeliverList":
		ts, err := cdn.DecodeTasks(product, body)
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		want := make([]cdn.WireTaskForTest, len(items))
		for i, raw := range items {
			var d struct {
				DeliverID                                    int64 `json:"deliverId"`
				Name, Status, CreateTime, Crontab, Frequency string
				DmList                                       []string
				Reports                                      []struct {
					ReportID   int64 `json:"reportId"`
					Conditions []json.RawMessage
				}
				Deliver struct {
					Email *struct {
						Subject  string
						To, Copy []string
					}
				}
				TimeFromFormat, TimeEndFormat *string
			}
			if err := json.Unmarshal(raw, &d); err != nil {
				t.Fatal(err)
			}
			w := cdn.WireTaskForTest{
				DeliverID: d.DeliverID, Name: d.Name, Status: d.Status, CreateTime: d.CreateTime, Crontab: d.Crontab,
				Frequency: d.Frequency, DmList: everyDomain(d.DmList), TimesListed: d.TimeFromFormat != nil || d.TimeEndFormat != nil,
			}
			for _, r := range d.Reports {
				w.ReportIDs = append(w.ReportIDs, r.ReportID)
				w.Conditions += len(r.Conditions)
			}
			if e := d.Deliver.Email; e != nil {
				w.Subject, w.To, w.Copy = e.Subject, e.To, e.Copy
			}
			want[i] = w
		}
		if got := cdn.TasksForTest(ts); fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
			t.Errorf("read from %s:\n got %+v\nwant %+v", body, got, want)
		}
	case "DescribeSubList":
		s, err := cdn.DecodeSubscription(product, body)
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		var d struct {
			SubID                                           int64 `json:"subId"`
			ReportID                                        []int64
			CreateTime, EffectiveFrom, EffectiveEnd, Status string
			Domains                                         []string
		}
		if err := json.Unmarshal(items[0], &d); err != nil {
			t.Fatal(err)
		}
		want := cdn.WireSubForTest{
			SubID: d.SubID, ReportIDs: d.ReportID, Domains: everyDomain(d.Domains),
			CreateTime: d.CreateTime, EffectiveFrom: d.EffectiveFrom, EffectiveEnd: d.EffectiveEnd, Status: d.Status,
		}
		if got := cdn.SubForTest(s); fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
			t.Errorf("read from %s:\n got %+v\nwant %+v", body, got, want)
		}
	case "DescribeReportList":
		rs, err := cdn.DecodeReports(product, body)
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if len(rs) != len(items) {
			t.Fatalf("%d reports read from %s", len(rs), body)
		}
		for i, raw := range items {
			var d struct {
				ReportID int64 `json:"reportId"`
				Deliver  struct {
					Report struct {
						Title, Format, Shape, XAxis, YAxis, Legend string
						Header                                     []string
						OutLine, OutSize                           json.Number
					}
				}
			}
			if err := json.Unmarshal(raw, &d); err != nil {
				t.Fatal(err)
			}
			g, w := rs[i].Deliver.Report, d.Deliver.Report
			got := fmt.Sprint(rs[i].ReportID, g.Title, g.Format, g.Shape, g.XAxis, g.YAxis, g.Legend, g.Header, string(g.OutLine), string(g.OutSize))
			want := fmt.Sprint(d.ReportID, w.Title, w.Format, w.Shape, w.XAxis, w.YAxis, w.Legend, w.Header, w.OutLine.String(), w.OutSize.String())
			if got != want {
				t.Errorf("read from %s:\n got %s\nwant %s", body, got, want)
			}
		}
	}
}
