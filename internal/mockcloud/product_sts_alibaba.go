package mockcloud

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"time"
)

// Alibaba Cloud STS 2015-04-01 (sts.aliyuncs.com), on the RPC front:
// AssumeRole (signed with any known credential, temporary ones included:
// chaining) and AssumeRoleWithOIDC (anonymous: credentials-go@v1.4.14
// providers/oidc.go sends only Version, Action, Format and Timestamp in the
// query and RoleArn, OIDCProviderArn, OIDCToken, Policy, RoleSessionName,
// DurationSeconds in the form body, no AccessKeyId, nonce or Signature).

const (
	StsProduct = "Sts"
	StsVersion = "2015-04-01"

	// DurationSeconds: 900 to the role's maximum, 3600 by default; a role's
	// maximum defaults to 3600 (AssumeRole reference,
	// https://www.alibabacloud.com/help/doc-detail/28763.html).
	alibabaMinSessionSeconds        = 900
	alibabaDefaultSessionSeconds    = 3600
	alibabaDefaultMaxSessionSeconds = 3600
)

// RoleSessionName: letters, digits, ".", "@", "-", "_", 2-64 characters
// (AssumeRole reference; the older STS troubleshooting page
// https://www.alibabacloud.com/help/doc-detail/42775.htm says 2-32).
var alibabaSessionName = regexp.MustCompile(`^[A-Za-z0-9.@_-]{2,64}$`)

// Errors. Codes and messages from the STS troubleshooting page
// (doc-detail/42775) and the STS 2015-04-01 error code list
// (https://help.aliyun.com/zh/ram/developer-reference/api-sts-2015-04-01-errorcodes,
// which gives 401 for the AuthenticationFail.* codes).
var (
	errStsSessionName = errBadRequest("InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.")
	errStsPolicy      = errBadRequest("InvalidParameter.PolicyGrammar", "The parameter Policy has not passed grammar check.")
	errStsRoleArn     = errBadRequest("InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.")
	// ASSUMPTION: HTTP 403 (the troubleshooting page gives code and message
	// only). Also the answer for a wrong or missing ExternalId, whose
	// failure the reference does not name.
	errStsNoPermission = &apiError{Status: http.StatusForbidden, Code: "NoPermission", Message: "No permission perform sts:AssumeRole on this Role. Maybe you should check the role's trust policy."}
	// ASSUMPTION: HTTP 404 and the message; the code is in the error list.
	errStsRoleNotFound = errNotFound("EntityNotExist.Role", "The specified Role not exists.")

	errOIDCTokenEmpty    = &apiError{Status: http.StatusUnauthorized, Code: "AuthenticationFail.OIDCToken.Invalid", Message: "The OIDCToken can not empty."}
	errOIDCTokenInvalid  = &apiError{Status: http.StatusUnauthorized, Code: "AuthenticationFail.OIDCToken.Invalid", Message: "The Jwt content is invalid that cannot be recognized."}
	errOIDCNoProvider    = &apiError{Status: http.StatusUnauthorized, Code: "AuthenticationFail.NoPermission", Message: "No such OIDC Provider registered."}
	errOIDCNoPermission  = &apiError{Status: http.StatusUnauthorized, Code: "AuthenticationFail.NoPermission", Message: "There is no permission"}
	alibabaOIDCProviderR = regexp.MustCompile(`^acs:ram::\d+:oidc-provider/[A-Za-z0-9._-]+$`)
)

func errStsDuration(maxSeconds int) *apiError {
	return errBadRequest("InvalidParameter.DurationSeconds", fmt.Sprintf("The Min/Max value of DurationSeconds is 15min/%ds.", maxSeconds))
}

func (s *Server) registerStsAlibaba() {
	s.handleRPC(StsProduct, StsVersion, "AssumeRole", s.stsAlibabaAssumeRole)
	s.handleAnonymousRPC(StsProduct, StsVersion, "AssumeRoleWithOIDC", s.stsAlibabaAssumeRoleWithOIDC)
}

// alibabaAssumeRoleResponse is credentials-go's assumeRoleResponse
// (providers/ram_role_arn.go) and the AssumeRole reference's response:
// Expiration is "2006-01-02T15:04:05Z".
type alibabaAssumeRoleResponse struct {
	AssumedRoleUser struct {
		Arn           string `json:"Arn"`
		AssumedRoleID string `json:"AssumedRoleId"`
	} `json:"AssumedRoleUser"`
	Credentials struct {
		AccessKeyID     string `json:"AccessKeyId"`
		AccessKeySecret string `json:"AccessKeySecret"`
		SecurityToken   string `json:"SecurityToken"`
		Expiration      string `json:"Expiration"`
	} `json:"Credentials"`
}

// alibabaRoleFor checks RoleArn, RoleSessionName, DurationSeconds and
// Policy, in that order, and returns the role and the duration.
func (s *Server) alibabaRoleFor(c *rpcCall) (Role, time.Duration, error) {
	arn := c.param("RoleArn")
	if arn == "" {
		return Role{}, 0, errMissingParameter("RoleArn")
	}
	if !alibabaRoleARN.MatchString(arn) {
		return Role{}, 0, errStsRoleArn
	}
	role, ok := s.role(arn)
	if !ok {
		return Role{}, 0, errStsRoleNotFound
	}
	name := c.param("RoleSessionName")
	if name == "" {
		return Role{}, 0, errMissingParameter("RoleSessionName")
	}
	if !alibabaSessionName.MatchString(name) {
		return Role{}, 0, errStsSessionName
	}
	seconds := alibabaDefaultSessionSeconds
	if v := c.param("DurationSeconds"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return Role{}, 0, errStsDuration(role.maxDuration())
		}
		seconds = n
	}
	if seconds < alibabaMinSessionSeconds || seconds > role.maxDuration() {
		return Role{}, 0, errStsDuration(role.maxDuration())
	}
	if p := c.param("Policy"); p != "" && !json.Valid([]byte(p)) {
		return Role{}, 0, errStsPolicy
	}
	return role, time.Duration(seconds) * time.Second, nil
}

func (s *Server) stsAlibabaAssumeRole(c *rpcCall) (any, error) {
	role, d, err := s.alibabaRoleFor(c)
	if err != nil {
		return nil, err
	}
	if !role.trusts(Credential{AccessKeyID: c.AccessKeyID, AccountID: c.AccountID}) {
		return nil, errStsNoPermission
	}
	if role.ExternalID != "" && c.param("ExternalId") != role.ExternalID {
		return nil, errStsNoPermission
	}
	return alibabaCredentials(role, s.issueSession(role, c.param("RoleSessionName"), d, StsProduct+".AssumeRole")), nil
}

func (s *Server) stsAlibabaAssumeRoleWithOIDC(c *rpcCall) (any, error) {
	provider := c.param("OIDCProviderArn")
	if provider == "" {
		return nil, errMissingParameter("OIDCProviderArn")
	}
	if c.param("OIDCToken") == "" {
		return nil, errOIDCTokenEmpty
	}
	role, d, err := s.alibabaRoleFor(c)
	if err != nil {
		return nil, err
	}
	if !alibabaOIDCProviderR.MatchString(provider) || !s.anyRoleTrustsOIDC(provider) {
		return nil, errOIDCNoProvider
	}
	if !s.oidcTokenKnown(c.param("OIDCToken")) {
		return nil, errOIDCTokenInvalid
	}
	if !role.trustsOIDC(provider) {
		return nil, errOIDCNoPermission
	}
	return alibabaCredentials(role, s.issueSession(role, c.param("RoleSessionName"), d, StsProduct+".AssumeRoleWithOIDC")), nil
}

func alibabaCredentials(role Role, sess Session) alibabaAssumeRoleResponse {
	var out alibabaAssumeRoleResponse
	out.AssumedRoleUser.Arn = role.ARN + "/" + sess.SessionName
	out.AssumedRoleUser.AssumedRoleID = role.id() + ":" + sess.SessionName
	out.Credentials.AccessKeyID = sess.AccessKeyID
	out.Credentials.AccessKeySecret = sess.AccessKeySecret
	out.Credentials.SecurityToken = sess.SecurityToken
	out.Credentials.Expiration = sess.Expiration.UTC().Format(rpcTimestampLayout)
	return out
}
