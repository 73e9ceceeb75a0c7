package cdn

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

func productByKey(key string) *product {
	for _, p := range products {
		if p.key == key {
			return p
		}
	}
	panic(fmt.Sprintf("no product %q", key))
}

// FindDeliverTaskByID is the resource's finder, for CheckDestroy.
func FindDeliverTaskByID(ctx context.Context, c *conns.Client, productKey string, id int64) (*wireTask, error) {
	return productByKey(productKey).findDeliverTaskByID(ctx, c, id)
}

// FindSubscription is the subscription's finder, for CheckDestroy.
func FindSubscription(ctx context.Context, c *conns.Client, productKey string) (*wireSub, error) {
	return productByKey(productKey).findSubscription(ctx, c)
}

// DeleteDeliverTask deletes a task through the API, as the resource does,
// for tests that delete one behind Terraform's back.
func DeleteDeliverTask(ctx context.Context, c *conns.Client, productKey string, id int64) error {
	_, err := productByKey(productKey).write(ctx, c, "Delete", map[string]string{"DeliverId": formatID(id)}, nil)
	return err
}

// UpdateDeliverTask changes a task through the API, as the resource does
// (body: the API's parameters but DeliverId).
func UpdateDeliverTask(ctx context.Context, c *conns.Client, productKey string, id int64, body map[string]string) error {
	b := map[string]string{"DeliverId": formatID(id)}
	for k, v := range body {
		b[k] = v
	}
	_, err := productByKey(productKey).write(ctx, c, "Update", nil, b)
	return err
}

// CreateDeliverTask creates a task through the API, as the resource does,
// and returns the DeliverId the answer holds.
func CreateDeliverTask(ctx context.Context, c *conns.Client, productKey string, body map[string]string) (string, error) {
	resp, err := productByKey(productKey).write(ctx, c, "Create", nil, body)
	if err != nil {
		return "", err
	}
	return resp.DeliverId, nil
}

// ListDeliverTasks is what the data source and the list resource read:
// every task, by id, from the shared list.
func ListDeliverTasks(ctx context.Context, c *conns.Client, productKey string) (map[int64]WireTaskForTest, error) {
	l, err := productByKey(productKey).listDeliverTasks(ctx, c)
	if err != nil {
		return nil, err
	}
	out := map[int64]WireTaskForTest{}
	for _, t := range TasksForTest(l.tasks) {
		if _, dup := out[t.DeliverID]; dup {
			return nil, fmt.Errorf("task %d listed twice", t.DeliverID)
		}
		out[t.DeliverID] = t
	}
	return out, nil
}

// ReportIDs is a product's catalogue as the provider knows it.
func ReportIDs(productKey string) []int64 { return productByKey(productKey).reportIDs }

// decodeHTTP decodes an HTTP 200 JSON body into the provider's response
// type through the classic SDK's own parser (responses.Unmarshal), as a
// call does.
func decodeHTTP(body []byte) (*apiResponse, error) {
	resp := &apiResponse{BaseResponse: &responses.BaseResponse{}}
	httpResp := &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": []string{"application/json"}},
		Body:       io.NopCloser(bytes.NewReader(body)),
	}
	return resp, responses.Unmarshal(resp, httpResp, "JSON")
}

// DecodeTasks decodes a DescribeDeliverList answer as the provider does.
func DecodeTasks(productKey string, body []byte) ([]wireTask, error) {
	resp, err := decodeHTTP(body)
	if err != nil {
		return nil, err
	}
	return productByKey(productKey).decodeTasks(resp)
}

// DecodeSubscription decodes a DescribeSubList answer as the provider does.
func DecodeSubscription(productKey string, body []byte) (*wireSub, error) {
	resp, err := decodeHTTP(body)
	if err != nil {
		return nil, err
	}
	return productByKey(productKey).decodeSubscription(resp)
}

// DecodeReports decodes a DescribeReportList answer as the provider does.
func DecodeReports(productKey string, body []byte) ([]wireCatalogueReport, error) {
	resp, err := decodeHTTP(body)
	if err != nil {
		return nil, err
	}
	p := productByKey(productKey)
	return contentData[wireCatalogueReport](p, p.action("Describe", "ReportList"), resp.Content)
}

// DecodeCreateTask decodes a CreateDeliverTask answer: its DeliverId and
// RequestId.
func DecodeCreateTask(body []byte) (deliverID, requestID string, err error) {
	resp, err := decodeHTTP(body)
	if err != nil {
		return "", "", err
	}
	return resp.DeliverId, resp.RequestId, nil
}

// WireSubForTest is a decoded subscription, in plain types.
type WireSubForTest struct {
	SubID                                           int64
	ReportIDs                                       []int64
	Domains                                         []string
	CreateTime, EffectiveFrom, EffectiveEnd, Status string
}

// SubForTest flattens a decoded subscription.
func SubForTest(s *wireSub) WireSubForTest {
	return WireSubForTest{
		SubID: int64(s.SubID), ReportIDs: s.ReportID, Domains: s.Domains,
		CreateTime: s.CreateTime, EffectiveFrom: s.EffectiveFrom, EffectiveEnd: s.EffectiveEnd, Status: s.Status,
	}
}

// Tasks makes a slice of found tasks, for TasksForTest.
func Tasks(ts ...*wireTask) []wireTask {
	out := make([]wireTask, len(ts))
	for i, t := range ts {
		out[i] = *t
	}
	return out
}

// WireTaskForTest is a decoded deliver task, in plain types.
type WireTaskForTest struct {
	DeliverID                                    int64
	Name, Status, CreateTime, Crontab, Frequency string
	DmList                                       []string
	ReportIDs                                    []int64
	Conditions                                   int // how many in all
	Subject                                      string
	To, Copy                                     []string
	TimesListed                                  bool // timeFromFormat/timeEndFormat present
}

// TasksForTest flattens decoded tasks.
func TasksForTest(ts []wireTask) []WireTaskForTest {
	out := make([]WireTaskForTest, len(ts))
	for i, t := range ts {
		w := WireTaskForTest{
			DeliverID: int64(t.DeliverID), Name: t.Name, Status: t.Status, CreateTime: t.CreateTime, Crontab: t.Crontab,
			Frequency: t.Frequency, DmList: t.DmList, TimesListed: t.TimeFromFormat != nil || t.TimeEndFormat != nil,
		}
		for _, r := range t.Reports {
			w.ReportIDs = append(w.ReportIDs, r.ReportID)
			w.Conditions += len(r.Conditions)
		}
		if e := t.Deliver.Email; e != nil {
			w.Subject, w.To, w.Copy = e.Subject, e.To, e.Copy
		}
		out[i] = w
	}
	return out
}

// StringSetType is the linear-time set of strings of domain_names.
func StringSetType() basetypes.SetTypable { return newStringSetType() }
