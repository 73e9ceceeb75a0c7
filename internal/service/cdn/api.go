package cdn

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

// apiResponse holds every field these APIs answer: RequestId, the new
// DeliverId of a create, and the Content (JSON inside a string) of the lists.
type apiResponse struct {
	*responses.BaseResponse
	RequestId string      `json:"RequestId"` // the SDK's name; conns reads it for logs
	DeliverId string      `json:"DeliverId"` // the wire name
	Content   jsonContent `json:"Content"`
}

// jsonContent is a Content field: a JSON string holding a JSON document, as
// every SDK types it (Go classic services/cdn DescribeCdnSubListResponse,
// Java, C#), or the document itself, as the zh API reference types it
// ("Content object"). The typed SDK structs (Content string) cannot decode
// the object form (SDK.JsonUnmarshalError); this type is ours, and the SDK's
// parser (jsoniter, standard-library compatible) calls its UnmarshalJSON,
// so both forms end as the document's text.
type jsonContent string

func (c *jsonContent) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*c = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*c = jsonContent(s)
	default:
		*c = jsonContent(b)
	}
	return nil
}

// call makes one API call of the product through the official SDK client
// (pooled per product by conns, with its rate limit and retries). The
// typed cdn and dcdn SDK packages differ only in names; the request they
// build is an RpcRequest with the product, version and action set and the
// parameters in the query or the form body, which is what is built here
// from the descriptor, so one function serves both products.
func (p *product) call(ctx context.Context, c *conns.Client, verb, noun string, query, body map[string]string) (*apiResponse, error) {
	action := p.action(verb, noun)
	return conns.AlicloudCommon(ctx, c, p.key, action, func(cl *sdk.Client) (*apiResponse, error) {
		req := &requests.RpcRequest{}
		req.InitWithApiInfo(p.code, p.version, action, "", "")
		req.Method = requests.POST
		maps.Copy(req.QueryParams, query)
		maps.Copy(req.FormParams, body)
		resp := &apiResponse{BaseResponse: &responses.BaseResponse{}}
		return resp, cl.DoAction(req, resp)
	})
}

// garbled is the error for a 2xx answer that parses but lacks what the API
// always answers (a create's DeliverId): an answer mangled on its way, whose
// outcome is unknown. It carries the SDK's code for an answer that is not
// the API's JSON, so conns.OutcomeUnknown and the hints treat it alike.
func (p *product) garbled(verb, noun, what string) error {
	return &conns.APIError{Product: p.key, Action: p.action(verb, noun), Code: "SDK.JsonUnmarshalError", Message: what}
}

// contentData decodes the {"data": [...]} document of a Content field. The
// API reference's DescribeCdnSubList sample nests it once more:
// {"RequestId","Description","Content":{"data":[...]}} (API-NOTES, Response
// variants), its inner Content an object or a string; both are followed.
func contentData[T any](p *product, action string, content jsonContent) ([]T, error) {
	for depth := 0; content != "" && depth < 3; depth++ {
		var doc struct {
			Data    []T         `json:"data"`
			Content jsonContent `json:"Content"`
		}
		if err := json.Unmarshal([]byte(content), &doc); err != nil {
			return nil, fmt.Errorf("%s %s: the Content of the answer is not the expected JSON: %w", p.code, action, err)
		}
		if doc.Data != nil || doc.Content == "" {
			return doc.Data, nil
		}
		content = doc.Content
	}
	return nil, nil
}

// allDomains is how the API reference's DescribeCdnSubList sample writes
// "every domain": "domains":["all"] (API-NOTES, Response variants). The
// DCDN DescribeDcdnDeliverList sample writes "dmList":[""]. Both mean what
// an empty list means; "all" cannot be a configured domain (validated as a
// dotted host name).
const allDomains = "all"

// wireDomains normalises a listed domain list: blanks dropped, ["all"] is
// empty (every domain).
func wireDomains(in []string) []string {
	out := make([]string, 0, len(in))
	for _, d := range in {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, d)
		}
	}
	if len(out) == 1 && strings.EqualFold(out[0], allDomains) {
		return out[:0]
	}
	return out
}

// Wire shapes of the JSON inside the Reports, Schedule and Deliver
// parameters and the list answers.
type (
	wireCondition struct {
		Field string   `json:"field"`
		Op    string   `json:"op"`
		Value []string `json:"value"`
	}
	wireReport struct {
		ReportID   int64           `json:"reportId"`
		Conditions []wireCondition `json:"conditions,omitempty"`
	}
	wireSchedule struct {
		SchedName     string `json:"schedName,omitempty"`
		Description   string `json:"description,omitempty"`
		Crontab       string `json:"crontab"`
		Frequency     string `json:"frequency"`
		Status        string `json:"status"`
		EffectiveFrom string `json:"effectiveFrom,omitempty"`
		EffectiveEnd  string `json:"effectiveEnd,omitempty"`
	}
	wireEmail struct {
		Subject string   `json:"subject"`
		To      []string `json:"to"`
		Copy    []string `json:"copy,omitempty"`
	}
	wireDeliver struct {
		Email *wireEmail `json:"email"`
	}
	// wireTask is an entry of DescribeDeliverList; it does not carry the
	// schedule's name and description.
	wireTask struct {
		DeliverID  flex.WireInt `json:"deliverId"`
		Status     string       `json:"status"`
		CreateTime string       `json:"createTime"`
		Crontab    string       `json:"crontab"`
		Frequency  string       `json:"frequency"`
		Name       string       `json:"name"`
		DmList     []string     `json:"dmList"`
		Reports    []wireReport `json:"reports"`
		Deliver    wireDeliver  `json:"deliver"`
		// nil when the answer leaves the field out, as the field list of
		// the reference (seed 000) does: then the times are unknown, not
		// cleared.
		TimeFromFormat *string `json:"timeFromFormat"`
		TimeEndFormat  *string `json:"timeEndFormat"`
	}
	// wireSub is an entry of DescribeSubList.
	wireSub struct {
		SubID         flex.WireInt `json:"subId"`
		ReportID      []int64      `json:"reportId"`
		CreateTime    string       `json:"createTime"`
		Domains       []string     `json:"domains"`
		EffectiveFrom string       `json:"effectiveFrom"`
		EffectiveEnd  string       `json:"effectiveEnd"`
		Status        string       `json:"status"`
	}
	// wireCatalogueReport is an entry of DescribeReportList.
	wireCatalogueReport struct {
		ReportID int64 `json:"reportId"`
		Deliver  struct {
			Report struct {
				Title  string   `json:"title"`
				Format string   `json:"format"`
				Shape  string   `json:"shape"`
				XAxis  string   `json:"xAxis"`
				YAxis  string   `json:"yAxis"`
				Legend string   `json:"legend"`
				Header []string `json:"header"`
				// Integers in the vendor's model (cdn-20180510, int64;
				// internal/contract/cdn.json); strings are read too.
				OutLine flex.WireID `json:"outLine"`
				OutSize flex.WireID `json:"outSize"`
			} `json:"report"`
		} `json:"deliver"`
	}
)

// jsonParam renders a JSON parameter value.
func jsonParam(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // only plain structs of strings and numbers
	return string(bytes.TrimSpace(b.Bytes()))
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
