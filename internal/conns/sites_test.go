package conns_test

import (
	"strings"
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/conns"
)

// Every product of both vendors on both sites, row by row.
func TestDefaultEndpoint(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		vendor, product, region, site string
		host, signing                 string
	}{
		{"alicloud", conns.ProductActionTrail, "cn-hangzhou", "", "actiontrail.cn-hangzhou.aliyuncs.com", "cn-hangzhou"},
		{"alicloud", conns.ProductActionTrail, "cn-beijing", conns.SiteDomestic, "actiontrail.cn-beijing.aliyuncs.com", "cn-beijing"},
		{"alicloud", conns.ProductActionTrail, "ap-southeast-1", conns.SiteInternational, "actiontrail.ap-southeast-1.aliyuncs.com", "ap-southeast-1"},
		{"alicloud", conns.ProductCDN, "cn-hangzhou", conns.SiteDomestic, "cdn.aliyuncs.com", "cn-hangzhou"},
		{"alicloud", conns.ProductCDN, "eu-central-1", conns.SiteInternational, "cdn.aliyuncs.com", "eu-central-1"},
		{"alicloud", conns.ProductDCDN, "cn-hangzhou", conns.SiteDomestic, "dcdn.aliyuncs.com", "cn-hangzhou"},
		{"alicloud", conns.ProductDCDN, "ap-northeast-1", conns.SiteInternational, "dcdn.aliyuncs.com", "ap-northeast-1"},
		{"alicloud", conns.ProductSas, "cn-hangzhou", conns.SiteDomestic, "tds.aliyuncs.com", "cn-shanghai"},
		{"alicloud", conns.ProductSas, "cn-beijing", "", "tds.aliyuncs.com", "cn-shanghai"},
		{"alicloud", conns.ProductSas, "eu-central-1", conns.SiteInternational, "tds.ap-southeast-1.aliyuncs.com", "ap-southeast-1"},
		{"alicloud", conns.ProductSTS, "cn-hangzhou", conns.SiteDomestic, "sts.aliyuncs.com", "cn-hangzhou"},
		{"alicloud", conns.ProductSTS, "ap-southeast-1", conns.SiteInternational, "sts.ap-southeast-1.aliyuncs.com", "ap-southeast-1"},
		{"tencentcloud", conns.ProductCloudAudit, "ap-guangzhou", conns.SiteDomestic, "cloudaudit.tencentcloudapi.com", "ap-guangzhou"},
		{"tencentcloud", conns.ProductCloudAudit, "ap-singapore", conns.SiteInternational, "cloudaudit.intl.tencentcloudapi.com", "ap-singapore"},
		{"tencentcloud", conns.ProductSTS, "ap-guangzhou", "", "sts.tencentcloudapi.com", "ap-guangzhou"},
		{"tencentcloud", conns.ProductSTS, "ap-singapore", conns.SiteInternational, "sts.intl.tencentcloudapi.com", "ap-singapore"},
	} {
		t.Run(tc.vendor+"/"+tc.product+"/"+tc.region+"/"+tc.site, func(t *testing.T) {
			t.Parallel()
			got, err := conns.DefaultEndpoint(tc.vendor, tc.product, tc.region, tc.site)
			if err != nil {
				t.Fatal(err)
			}
			if got.Host != tc.host || got.RegionID != tc.signing {
				t.Errorf("got %s signed for %s, want %s signed for %s", got.Host, got.RegionID, tc.host, tc.signing)
			}
		})
	}
}

// Every endpoints key of both vendors has a row for both sites.
func TestDefaultEndpoint_everyProductHasBothSites(t *testing.T) {
	t.Parallel()
	for vendor, products := range map[string][]string{"alicloud": conns.AlicloudProducts, "tencentcloud": conns.TencentProducts} {
		for _, p := range products {
			for _, site := range conns.Sites {
				if _, err := conns.DefaultEndpoint(vendor, p, "cn-hangzhou", site); err != nil {
					t.Error(err)
				}
			}
		}
	}
	if _, err := conns.DefaultEndpoint("alicloud", "nope", "cn-hangzhou", ""); err == nil {
		t.Error("want an error for an unknown product")
	}
}

func TestValidateRegion(t *testing.T) {
	t.Parallel()
	for v, ok := range map[string]bool{
		"cn-hangzhou": true, "ap-southeast-1": true, "ap-guangzhou": true, "eu-central-1": true,
		"": false, "CN-HANGZHOU": false, "cn_hangzhou": false, "hangzhou": false, "cn-hangzhou ": false,
	} {
		err := conns.ValidateRegion(v, "ALIBABA_CLOUD_REGION_ID")
		if (err == nil) != ok {
			t.Errorf("ValidateRegion(%q) = %v, want ok=%v", v, err, ok)
		}
		if err != nil && !strings.Contains(err.Error(), "ALIBABA_CLOUD_REGION_ID") {
			t.Errorf("error %q does not name the variable", err)
		}
	}
	if err := conns.ValidateSite("international", "alicloud.site"); err != nil {
		t.Error(err)
	}
	if err := conns.ValidateSite("intl", "alicloud.site"); err == nil || !strings.Contains(err.Error(), "alicloud.site") {
		t.Errorf("want an error naming the attribute, got %v", err)
	}
}

// The client takes its hosts from the table, and an override still wins.
func TestClientUsesSiteAndOverrides(t *testing.T) {
	t.Parallel()
	cfg := conns.Config{Tencent: conns.VendorConfig{AccessKey: "id", SecretKey: "key", Region: "ap-singapore", Site: conns.SiteInternational}}
	_, cpf, _, err := conns.New(cfg, conns.DefaultTuning()).TencentProfile(conns.ProductCloudAudit)
	if err != nil {
		t.Fatal(err)
	}
	if cpf.HttpProfile.Endpoint != "cloudaudit.intl.tencentcloudapi.com" {
		t.Errorf("international site: got %s", cpf.HttpProfile.Endpoint)
	}
	cfg.Tencent.Endpoints = map[string]string{conns.ProductCloudAudit: "127.0.0.1:9"}
	_, cpf, _, err = conns.New(cfg, conns.DefaultTuning()).TencentProfile(conns.ProductCloudAudit)
	if err != nil {
		t.Fatal(err)
	}
	if cpf.HttpProfile.Endpoint != "127.0.0.1:9" {
		t.Errorf("override: got %s", cpf.HttpProfile.Endpoint)
	}
}
