package mockcloud

import (
	"encoding/json"
	"net/url"
	"regexp"
	"time"
)

// Tencent Cloud sts 2018-08-13 (sts.tencentcloudapi.com), on the API 3.0
// front: AssumeRole (TC3-signed, credential scope service "sts", any known
// credential, temporary ones included) and AssumeRoleWithWebIdentity
// (unsigned: common@v1.3.212 OIDCRoleArnProvider sets SetSkipSign(true)
// and the client sends "Authorization: SKIP").
//
// Request and response fields: sts@v1.1.11 v20180813/models.go. Error
// codes: that package's errors.go and the codes its client.go lists per
// action.

const (
	StsTencentProduct = "sts"
	StsTencentVersion = "2018-08-13"

	// DurationSeconds: default 7200, at most 43200 (models.go comments).
	tcDefaultSessionSeconds = 7200
	tcMaxSessionSeconds     = 43200
)

// RoleSessionName: 2-128 of [\w+=,.@_-] (AssumeRoleRequestParams comment);
// ExternalId: 2-128 of [\w+=,.@:/-].
var (
	tcSessionName = regexp.MustCompile(`^[\w+=,.@_-]{2,128}$`)
	tcExternalID  = regexp.MustCompile(`^[\w+=,.@:/-]{2,128}$`)
)

func (s *Server) registerStsTencent() {
	s.handleTC(StsTencentProduct, StsTencentVersion, "AssumeRole", s.stsTencentAssumeRole)
	s.handleAnonymousTC(StsTencentProduct, StsTencentVersion, "AssumeRoleWithWebIdentity", s.stsTencentAssumeRoleWithWebIdentity)
}

// tcCredentials is sts v20180813 Credentials.
type tcCredentials struct {
	Token        string `json:"Token"`
	TmpSecretID  string `json:"TmpSecretId"`
	TmpSecretKey string `json:"TmpSecretKey"`
}

// tcAssumeRoleResponse is AssumeRoleResponseParams (and, with the same
// fields, AssumeRoleWithWebIdentityResponseParams): ExpiredTime is a Unix
// time, Expiration ISO 8601 UTC.
type tcAssumeRoleResponse struct {
	Credentials tcCredentials `json:"Credentials"`
	ExpiredTime int64         `json:"ExpiredTime"`
	Expiration  string        `json:"Expiration"`
}

// tcRoleFor checks RoleArn, RoleSessionName and DurationSeconds.
// Unknown roles: ResourceNotFound.RoleNotFound for AssumeRole,
// InternalError.GetRoleError for AssumeRoleWithWebIdentity (the codes each
// action lists).
func (s *Server) tcRoleFor(arn, sessionName *string, duration *int64, notFound string) (Role, time.Duration, error) {
	if arn == nil || *arn == "" {
		return Role{}, 0, tcErr("MissingParameter", "The request is missing a required parameter `RoleArn`.")
	}
	role, ok := s.role(*arn)
	if !ok || role.vendor() != VendorTencent {
		return Role{}, 0, tcErr(notFound, "The role %s does not exist.", *arn)
	}
	if sessionName == nil || *sessionName == "" {
		return Role{}, 0, tcErr("MissingParameter", "The request is missing a required parameter `RoleSessionName`.")
	}
	if !tcSessionName.MatchString(*sessionName) {
		return Role{}, 0, tcErr("InvalidParameter.ParamError", "RoleSessionName must be 2-128 characters of [\\w+=,.@_-].")
	}
	seconds := int64(tcDefaultSessionSeconds)
	if duration != nil && *duration != 0 {
		seconds = *duration
	}
	if seconds < 0 || seconds > int64(role.maxDuration()) {
		return Role{}, 0, tcErr("InvalidParameter.OverTimeError", "DurationSeconds must not exceed %d.", role.maxDuration())
	}
	return role, time.Duration(seconds) * time.Second, nil
}

func (s *Server) stsTencentAssumeRole(c *tcCall) (any, error) {
	var req struct {
		RoleArn         *string           `json:"RoleArn"`
		RoleSessionName *string           `json:"RoleSessionName"`
		DurationSeconds *int64            `json:"DurationSeconds"`
		Policy          *string           `json:"Policy"`
		ExternalID      *string           `json:"ExternalId"`
		Tags            []json.RawMessage `json:"Tags"`
		SourceIdentity  *string           `json:"SourceIdentity"`
		SerialNumber    *string           `json:"SerialNumber"`
		TokenCode       *string           `json:"TokenCode"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	role, d, err := s.tcRoleFor(req.RoleArn, req.RoleSessionName, req.DurationSeconds, "ResourceNotFound.RoleNotFound")
	if err != nil {
		return nil, err
	}
	if req.Policy != nil && *req.Policy != "" {
		// The Policy is URL-encoded JSON (models.go comment).
		p, err := url.QueryUnescape(*req.Policy)
		if err != nil || !json.Valid([]byte(p)) {
			return nil, tcErr("InvalidParameter.StrategyFormatError", "The policy is not valid: decode it as URL-encoded JSON.")
		}
	}
	ext := ""
	if req.ExternalID != nil {
		ext = *req.ExternalID
		if ext != "" && !tcExternalID.MatchString(ext) {
			return nil, tcErr("InvalidParameter.ParamError", "ExternalId must be 2-128 characters of [\\w+=,.@:/-].")
		}
	}
	// ASSUMPTION: an untrusted caller and a wrong or missing ExternalId are
	// both UnauthorizedOperation (the code AssumeRole lists for refusals).
	if !role.trusts(Credential{AccessKeyID: c.AccessKeyID, AccountID: c.AccountID}) || (role.ExternalID != "" && ext != role.ExternalID) {
		return nil, tcErr("UnauthorizedOperation", "The caller is not authorized to assume role %s: check the role's trust policy.", role.ARN)
	}
	return tcCredentialsFor(s.issueSession(role, *req.RoleSessionName, d, StsTencentProduct+".AssumeRole")), nil
}

func (s *Server) stsTencentAssumeRoleWithWebIdentity(c *tcCall) (any, error) {
	var req struct {
		ProviderID       *string `json:"ProviderId"`
		WebIdentityToken *string `json:"WebIdentityToken"`
		RoleArn          *string `json:"RoleArn"`
		RoleSessionName  *string `json:"RoleSessionName"`
		DurationSeconds  *int64  `json:"DurationSeconds"`
	}
	if err := c.decode(&req); err != nil {
		return nil, err
	}
	if req.ProviderID == nil || *req.ProviderID == "" {
		return nil, tcErr("MissingParameter", "The request is missing a required parameter `ProviderId`.")
	}
	if req.WebIdentityToken == nil || !s.oidcTokenKnown(*req.WebIdentityToken) {
		// ASSUMPTION: the mock does not verify JWTs; an unregistered token
		// is refused.
		return nil, tcErr("InvalidParameter.WebIdentityTokenError", "The WebIdentityToken is not valid.")
	}
	role, d, err := s.tcRoleFor(req.RoleArn, req.RoleSessionName, req.DurationSeconds, "InternalError.GetRoleError")
	if err != nil {
		return nil, err
	}
	if !role.trustsOIDC(*req.ProviderID) {
		return nil, tcErr("UnauthorizedOperation", "The identity provider %s is not trusted by role %s.", *req.ProviderID, role.ARN)
	}
	return tcCredentialsFor(s.issueSession(role, *req.RoleSessionName, d, StsTencentProduct+".AssumeRoleWithWebIdentity")), nil
}

func tcCredentialsFor(sess Session) tcAssumeRoleResponse {
	return tcAssumeRoleResponse{
		Credentials: tcCredentials{Token: sess.SecurityToken, TmpSecretID: sess.AccessKeyID, TmpSecretKey: sess.AccessKeySecret},
		ExpiredTime: sess.Expiration.Unix(),
		Expiration:  sess.Expiration.UTC().Format(time.RFC3339),
	}
}
