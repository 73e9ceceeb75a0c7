package conns

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
)

// Hints turn the failures a user can fix into what to fix: auth refusals
// name the setting or environment variable behind the credential the cloud
// refused; connection failures name the host and the endpoints key that
// changes it. The cloud's own code, message and request id stay in the
// error; the hint follows them.

// vendorOf is the provider block a product's settings live in. Both
// vendors have an sts product; a Tencent SDK error code (AuthFailure.*,
// ClientError.*) tells the two apart.
func vendorOf(product, code string) string {
	switch {
	case product == ProductCloudAudit:
		return vendorTencent
	case product == ProductSTS && (strings.HasPrefix(code, "AuthFailure") || strings.HasPrefix(code, "ClientError.")):
		return vendorTencent
	}
	return vendorAlicloud
}

func settingList(block, attr string, env []string) string {
	return fmt.Sprintf("%s.%s / %s", block, attr, strings.Join(env, " or "))
}

// credentialSourceNote reminds that a key may come from elsewhere than the
// block (a profile, an assumed role) once those sources exist.
const credentialSourceNote = " (or the profile or role the credentials came from)"

// authHint returns the hint for a vendor's auth error code, or "".
//
// Alibaba Cloud codes: InvalidAccessKeyId.NotFound, SignatureDoesNotMatch,
// IncompleteSignature, InvalidTimeStamp.Expired, SignatureNonceUsed are the
// RPC signing errors (internal/mockcloud/API-NOTES.md, the SDK's
// sdk/errors/signature_does_not_match_wrapper.go); InvalidSecurityToken.*
// and MissingSecurityToken are the STS token errors the mock uses.
// ASSUMPTION: the InvalidSecurityToken.* family (Expired, Malformed,
// MismatchWithAccessKey) is what the real cloud answers; no vendor table of
// these codes was found, so any code with that prefix gets the token hint.
//
// Tencent Cloud codes: the API 3.0 common error codes
// (https://www.tencentcloud.com/document/api/1036/38589): AuthFailure.
// SecretIdNotFound, InvalidSecretId, SignatureFailure, SignatureExpire,
// TokenFailure, InvalidAuthorization, MFAFailure, UnauthorizedOperation.
func authHint(vendor, code string) string {
	if vendor == vendorTencent {
		id := settingList("tencentcloud", "secret_id", EnvTencentSecretID)
		key := settingList("tencentcloud", "secret_key", EnvTencentSecretKey)
		token := settingList("tencentcloud", "security_token", EnvTencentSecurityToken)
		switch code {
		case "AuthFailure.SecretIdNotFound":
			return "Tencent Cloud does not know this SecretId (deleted, disabled or mistyped; no spaces around it): check " + id + credentialSourceNote + "."
		case "AuthFailure.InvalidSecretId":
			return "this is not a Tencent Cloud API key: check " + id + credentialSourceNote + "."
		case "AuthFailure.SignatureFailure":
			return "the SecretKey does not belong to the SecretId: check " + key + credentialSourceNote + "."
		case "AuthFailure.TokenFailure":
			return "the security token is missing, expired or not issued for this SecretId: check " + token + "; temporary credentials need a fresh token from a new session."
		case "AuthFailure.SignatureExpire":
			return "the request's timestamp is more than 5 minutes off the cloud's clock: synchronise this machine's clock (NTP)."
		case "AuthFailure.InvalidAuthorization":
			return "the Authorization header was refused as malformed; a proxy rewriting requests, or a tencentcloud.endpoints override pointing elsewhere, can cause this."
		case "AuthFailure.MFAFailure":
			return "the key's owner requires MFA for this operation."
		case "AuthFailure.UnauthorizedOperation", "UnauthorizedOperation":
			return "the credentials are valid but CAM does not allow this action: grant the user or role a policy for it."
		}
		return ""
	}
	id := settingList("alicloud", "access_key", EnvAlicloudAccessKey)
	secret := settingList("alicloud", "secret_key", EnvAlicloudSecretKey)
	token := settingList("alicloud", "security_token", EnvAlicloudSecurityToken)
	switch {
	case code == "InvalidAccessKeyId.NotFound", code == "InvalidAccessKeyId", code == "InvalidAccessKeyId.Inactive":
		return "Alibaba Cloud does not accept this AccessKey ID (unknown, deleted or disabled): check " + id + credentialSourceNote + "."
	case code == "SignatureDoesNotMatch", code == "IncompleteSignature":
		return "the AccessKey secret does not belong to the AccessKey ID: check " + secret + credentialSourceNote + "."
	case strings.HasPrefix(code, "InvalidSecurityToken"), code == "MissingSecurityToken":
		return "the STS security token is missing, expired or not issued for this AccessKey ID: check " + token + "; temporary credentials need a fresh token from a new session."
	case code == "InvalidTimeStamp.Expired":
		return "the request's timestamp is more than 15 minutes off the cloud's clock: synchronise this machine's clock (NTP)."
	case code == "Forbidden.RAM", code == "NoPermission", code == "Forbidden":
		return "the credentials are valid but RAM does not allow this action: grant the RAM user or role a policy for it."
	}
	return ""
}

// transportHint names the host and the endpoints key for a failure to reach
// it, or "".
func transportHint(vendor, product, host string, err error, attemptTimeout string) string {
	override := fmt.Sprintf("set %s.endpoints.%s to override the host", vendor, product)
	var dnsErr *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &dnsErr):
		return fmt.Sprintf("the host %s could not be resolved (%s) — check DNS and proxy settings (HTTPS_PROXY, NO_PROXY), or %s", host, dnsErr.Err, override)
	case errors.Is(err, syscall.ECONNREFUSED):
		return fmt.Sprintf("%s refused the connection — nothing listens there; %s", host, override)
	case errors.Is(err, syscall.ECONNRESET), isEOF(err):
		return fmt.Sprintf("%s closed the connection without an answer — a proxy or firewall may be cutting it; %s if this is not the API", host, override)
	case errors.As(err, &netErr) && netErr.Timeout(), strings.Contains(err.Error(), "Client.Timeout"):
		return fmt.Sprintf("no answer from %s within the attempt timeout (%s) — check network access and proxy settings (HTTPS_PROXY, NO_PROXY), or %s", host, attemptTimeout, override)
	case errors.As(err, &netErr):
		return fmt.Sprintf("%s could not be reached — %s", host, override)
	}
	return ""
}

func isEOF(err error) bool {
	s := err.Error()
	return strings.HasSuffix(s, ": EOF") || strings.HasSuffix(s, "unexpected EOF")
}

// malformedCodes are the SDKs' codes for an answer that is not the API's
// JSON (sdk/errors/client_error.go; tencentcloud common/http/response.go).
var malformedCodes = map[string]bool{
	"SDK.JsonUnmarshalError":     true,
	"ClientError.ParseJsonError": true,
}

func malformedHint(vendor, product, host string) string {
	return fmt.Sprintf("the answer from %s was not the API's JSON — a proxy or captive portal may be answering, or %s.endpoints.%s points at something that is not the API", host, vendor, product)
}

// hintFor picks the hint for e, or "".
func (c *Client) hintFor(e *APIError) string {
	vendor := vendorOf(e.Product, e.Code)
	vc := c.cfg.Alicloud
	if vendor == vendorTencent {
		vc = c.cfg.Tencent
	}
	host := vc.endpoint(vendor, e.Product).Host
	if h := authHint(vendor, e.Code); h != "" {
		return h
	}
	if malformedCodes[e.Code] || strings.HasPrefix(e.Message, htmlPageMessage) {
		return malformedHint(vendor, e.Product, host)
	}
	if e.Err != nil && (e.Code == "" || e.Kind == KindRetryable) {
		return transportHint(vendor, e.Product, host, e.Err, c.tuning.AttemptTimeout.String())
	}
	return ""
}
