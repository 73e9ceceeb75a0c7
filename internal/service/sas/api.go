package sas

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"

	sdk "github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/flex"
)

// The classic SDK has no Sas package: calls go through a CommonRequest,
// with the request and response typed here.
const (
	apiProduct = "Sas"
	apiVersion = "2018-12-03"

	actionListOperationProcessDetail = "ListOperationProcessDetail"
)

// listProcessDetailRequest is ListOperationProcessDetail's input; zero
// values are not sent.
type listProcessDetailRequest struct {
	CurrentPage int
	PageSize    int
	StartTime   *int64 // Unix ms
	EndTime     *int64
	Lang        string
	TaskIDs     []string
	StatusCodes []int
}

// query renders the request as RPC query parameters (lists as Name.N).
func (r listProcessDetailRequest) query() map[string]string {
	q := map[string]string{}
	if r.CurrentPage > 0 {
		q["CurrentPage"] = strconv.Itoa(r.CurrentPage)
	}
	if r.PageSize > 0 {
		q["PageSize"] = strconv.Itoa(r.PageSize)
	}
	if r.StartTime != nil {
		q["StartTime"] = strconv.FormatInt(*r.StartTime, 10)
	}
	if r.EndTime != nil {
		q["EndTime"] = strconv.FormatInt(*r.EndTime, 10)
	}
	if r.Lang != "" {
		q["Lang"] = r.Lang
	}
	for i, id := range r.TaskIDs {
		q["TaskIds."+strconv.Itoa(i+1)] = id
	}
	for i, c := range r.StatusCodes {
		q["StatusCodes."+strconv.Itoa(i+1)] = strconv.Itoa(c)
	}
	return q
}

type checkWire struct {
	CheckID       flex.WireID `json:"CheckId"`
	CheckShowName string      `json:"CheckShowName"`
}

type processDetailWire struct {
	TaskID       flex.WireID `json:"TaskId"`
	DetailTaskID flex.WireID `json:"DetailTaskId"`
	StatusCode   int         `json:"StatusCode"`
	AssetType    int64       `json:"AssetType"`
	AssetSubType int64       `json:"AssetSubType"`
	AssetVendor  int64       `json:"AssetVendor"`
	Checks       []checkWire `json:"Checks"`
	CreateTime   int64       `json:"CreateTime"`
	StartTime    int64       `json:"StartTime"`
	EndTime      int64       `json:"EndTime"`
}

type pageInfoWire struct {
	Count       int `json:"Count"`
	CurrentPage int `json:"CurrentPage"`
	PageSize    int `json:"PageSize"`
	TotalCount  int `json:"TotalCount"`
}

type listProcessDetailResponse struct {
	RequestId      string              `json:"RequestId"` //nolint:revive,staticcheck // the name conns reads request ids from
	ProcessDetails []processDetailWire `json:"ProcessDetails"`
	PageInfo       pageInfoWire        `json:"PageInfo"`
}

// listProcessDetail makes one ListOperationProcessDetail call through
// conns (rate limit, retries, logging, error classification). The request
// is built inside the call so every attempt is signed afresh.
func listProcessDetail(ctx context.Context, c *conns.Client, in listProcessDetailRequest) (*listProcessDetailResponse, error) {
	return conns.AlicloudCommon(ctx, c, conns.ProductSas, actionListOperationProcessDetail, func(cl *sdk.Client) (*listProcessDetailResponse, error) {
		req := requests.NewCommonRequest()
		req.Method = requests.POST
		req.Product = apiProduct
		req.Version = apiVersion
		req.ApiName = actionListOperationProcessDetail
		// Scheme and domain are left empty: the pooled client supplies the
		// provider's protocol and the sas endpoint.
		for k, v := range in.query() {
			req.QueryParams[k] = v
		}
		resp, err := cl.ProcessCommonRequest(req)
		if err != nil {
			return nil, err
		}
		return decodeProcessDetail(resp.GetHttpContentBytes())
	})
}

// decodeProcessDetail reads a ListOperationProcessDetail answer body. Ids
// may come as numbers or strings (flex.WireID): the reference documents
// them as strings (UUIDs), the mock sends numbers.
func decodeProcessDetail(body []byte) (*listProcessDetailResponse, error) {
	var out listProcessDetailResponse
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("decoding the %s response: %w", actionListOperationProcessDetail, err)
	}
	return &out, nil
}
