package sas_test

import (
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/service/sas"
)

// The answer built from the documented field examples (alibabacloud-go-sdk
// sas-20181203, in internal/contract/sas.json) decodes through the
// provider's read path without loss: every modelled field equals its
// example.
func TestContractExamples_listOperationProcessDetail(t *testing.T) {
	body, err := contract.MustLoad("sas").Actions["ListOperationProcessDetail"].ExampleResponse()
	if err != nil {
		t.Fatal(err)
	}
	r, err := sas.DecodeListProcessDetail(body)
	if err != nil {
		t.Fatal(err)
	}
	checkReferenceSample(t, r)
}
