package conns

import (
	"fmt"
	"os"
	"regexp"
	"strings"
)

// Sites: every vendor runs a China ("domestic") site and an international
// one with their own API hosts. VendorConfig.Site picks one per vendor.
const (
	SiteDomestic      = "domestic"
	SiteInternational = "international"
)

// Sites lists the values VendorConfig.Site accepts, for the provider's
// validator; "" means SiteDomestic.
var Sites = []string{SiteDomestic, SiteInternational}

// ProductSTS is the endpoints key of each vendor's Security Token Service,
// called by the credential sources (AssumeRole) rather than by resources.
const ProductSTS = "sts"

// Vendors, as the first column of siteTable.
const (
	vendorAlicloud = "alicloud"
	vendorTencent  = "tencentcloud"
)

// regionPlaceholder in a host template stands for the configured region.
const regionPlaceholder = "{region}"

// siteRow is the default endpoint of one product on one site.
type siteRow struct {
	vendor, product, site string
	// host is the API host; regionPlaceholder is replaced by the region.
	host string
	// signingRegion is the RegionId calls must be signed for when it is not
	// the configured region ("" = the configured region).
	signingRegion string
}

// siteTable is the one place that knows the vendors' public API hosts.
// Each row names the reference it was checked against (read 2026-12-01).
var siteTable = []siteRow{
	// https://www.alibabacloud.com/help/en/actiontrail/developer-reference/api-actiontrail-2020-07-06-endpoint
	// lists actiontrail.<region>.aliyuncs.com for every region of both sites;
	// https://www.alibabacloud.com/help/doc-detail/28836.htm states the format.
	{vendorAlicloud, ProductActionTrail, SiteDomestic, "actiontrail." + regionPlaceholder + ".aliyuncs.com", ""},
	{vendorAlicloud, ProductActionTrail, SiteInternational, "actiontrail." + regionPlaceholder + ".aliyuncs.com", ""},
	// CDN is a global service with one host: cdn.aliyuncs.com in the SDK's
	// endpoint table (alibaba-cloud-sdk-go v1.63.107 sdk/endpoints/endpoints_config.go).
	// ASSUMPTION: the same host serves the international site; the
	// reference pages found (help/en/cdn/developer-reference/using-openapi)
	// link an endpoint list whose rows could not be read.
	{vendorAlicloud, ProductCDN, SiteDomestic, "cdn.aliyuncs.com", ""},
	{vendorAlicloud, ProductCDN, SiteInternational, "cdn.aliyuncs.com", ""},
	// https://www.alibabacloud.com/help/en/dcdn/developer-reference/using-openapi:
	// "the endpoint of the China (Hangzhou) region is dcdn.aliyuncs.com"; the
	// SDK's endpoint table has the same single host. ASSUMPTION: the same
	// host for the international site (not confirmed).
	{vendorAlicloud, ProductDCDN, SiteDomestic, "dcdn.aliyuncs.com", ""},
	{vendorAlicloud, ProductDCDN, SiteInternational, "dcdn.aliyuncs.com", ""},
	// Security Center: https://www.alibabacloud.com/help/doc-detail/109177.htm
	// ("The endpoint of the TDS API is tds.aliyuncs.com"). The current
	// endpoint list, https://www.alibabacloud.com/help/en/security-center/developer-reference/api-sas-2018-12-03-endpoint,
	// maps every China region to tds.cn-shanghai.aliyuncs.com and every
	// other region to tds.ap-southeast-1.aliyuncs.com: one host per site,
	// whatever the configured region, so calls are signed for the site's
	// home region.
	{vendorAlicloud, ProductSas, SiteDomestic, "tds.aliyuncs.com", "cn-shanghai"},
	{vendorAlicloud, ProductSas, SiteInternational, "tds.ap-southeast-1.aliyuncs.com", "ap-southeast-1"},
	// STS: https://www.alibabacloud.com/help/doc-detail/66053.htm (unified
	// sts.aliyuncs.com for the Chinese mainland) and
	// https://www.alibabacloud.com/help/en/ram/developer-reference/api-sts-2015-04-01-endpoint
	// (sts.<region>.aliyuncs.com for every region, e.g. sts.ap-southeast-1.aliyuncs.com).
	{vendorAlicloud, ProductSTS, SiteDomestic, "sts.aliyuncs.com", ""},
	{vendorAlicloud, ProductSTS, SiteInternational, "sts." + regionPlaceholder + ".aliyuncs.com", ""},
	// CloudAudit: https://cloud.tencent.com/document/api/629/35341 ("接口请求域名:
	// cloudaudit.tencentcloudapi.com") and
	// https://www-sg.tencentcloud.com/jp/document/product/1021/45418
	// ("Domain name for API request: cloudaudit.intl.tencentcloudapi.com").
	{vendorTencent, ProductCloudAudit, SiteDomestic, "cloudaudit.tencentcloudapi.com", ""},
	{vendorTencent, ProductCloudAudit, SiteInternational, "cloudaudit.intl.tencentcloudapi.com", ""},
	// STS: https://tencentcloud.com/document/api/1150/49456 (sts.tencentcloudapi.com)
	// and https://www.tencentcloud.com/document/product/1150/49456
	// ("Domain name for API request: sts.intl.tencentcloudapi.com").
	{vendorTencent, ProductSTS, SiteDomestic, "sts.tencentcloudapi.com", ""},
	{vendorTencent, ProductSTS, SiteInternational, "sts.intl.tencentcloudapi.com", ""},
}

// Endpoint is where one product's calls go and the region they are signed for.
type Endpoint struct {
	Host string
	// RegionID is the region calls are signed for (Alibaba RegionId,
	// Tencent X-TC-Region).
	RegionID string
	// Overridden reports whether Host came from the endpoints map.
	Overridden bool
}

// DefaultEndpoint returns the vendor's public endpoint of product for region
// on site ("" = SiteDomestic), ignoring overrides.
func DefaultEndpoint(vendor, product, region, site string) (Endpoint, error) {
	if site == "" {
		site = SiteDomestic
	}
	for _, r := range siteTable {
		if r.vendor != vendor || r.product != product || r.site != site {
			continue
		}
		e := Endpoint{Host: strings.ReplaceAll(r.host, regionPlaceholder, region), RegionID: region}
		if r.signingRegion != "" {
			e.RegionID = r.signingRegion
		}
		return e, nil
	}
	return Endpoint{}, fmt.Errorf("no %s endpoint is known for %s on the %s site", vendor, product, site)
}

// endpoint is the endpoint of product for the vendor's configuration: the
// override from the endpoints map (signed for the same region as the
// public host would be), else the site's public host.
func (v VendorConfig) endpoint(vendor, product string) Endpoint {
	e, err := DefaultEndpoint(vendor, product, v.Region, v.Site)
	if err != nil {
		// An unknown site was refused by the provider's validator; fall back
		// to the vendor's conventional host so the call names a real place.
		e = Endpoint{RegionID: v.Region, Host: product + ".aliyuncs.com"}
		if vendor == vendorTencent {
			e.Host = product + ".tencentcloudapi.com"
		}
	}
	if ep := v.Endpoints[product]; ep != "" {
		e.Host, e.Overridden = ep, true
	}
	return e
}

// RegionRE is the shape of a region id on both vendors.
var RegionRE = regexp.MustCompile(`^[a-z]{2}(-[a-z0-9]+)+$`)

// ValidateRegion checks a region id wherever it came from; source names
// where (an attribute path such as "alicloud.region", or an environment
// variable) so the error says what to fix.
func ValidateRegion(value, source string) error {
	if !RegionRE.MatchString(value) {
		return fmt.Errorf("%s: %q is not a region id such as cn-hangzhou or ap-guangzhou (lower-case letters, digits and -)", source, value)
	}
	return nil
}

// ValidateSite checks a site value the same way.
func ValidateSite(value, source string) error {
	for _, s := range Sites {
		if value == s {
			return nil
		}
	}
	return fmt.Errorf("%s: %q is not a site; use %q or %q", source, value, SiteDomestic, SiteInternational)
}

// LookupEnv returns the first non-empty variable of names and its name, so
// an error about its value can name it.
func LookupEnv(names []string) (name, value string) {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return n, v
		}
	}
	return "", ""
}
