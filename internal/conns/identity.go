package conns

// The identity this provider signs with, for the drift attribution of
// internal/service/drift: events it made itself are not reported.

// Vendor names of the provider's blocks, as OwnIdentity takes them.
const (
	VendorAlicloud = vendorAlicloud
	VendorTencent  = vendorTencent
)

// OwnIdentity is who a vendor's calls of this provider process are signed
// as: the access key id in use now (a static key, or the current STS key of
// an assumed role; callers keep the ids they saw, since STS keys rotate),
// the configured static key, and the role session name when the provider
// assumes a role (events name the caller "role:session").
type OwnIdentity struct {
	AccessKeyIDs []string
	SessionName  string
}

// OwnIdentity returns the identity of vendor ("alicloud", "tencentcloud").
func (c *Client) OwnIdentity(vendor string) OwnIdentity {
	var (
		s *session
		v VendorConfig
	)
	switch vendor {
	case vendorAlicloud:
		s, v = c.aliSess, c.cfg.Alicloud
	case vendorTencent:
		s, v = c.tcSess, c.cfg.Tencent
	default:
		return OwnIdentity{}
	}
	var id OwnIdentity
	if v.AccessKey != "" {
		id.AccessKeyIDs = append(id.AccessKeyIDs, v.AccessKey)
	}
	if s != nil {
		if k := s.current().AccessKeyID; k != "" && k != v.AccessKey {
			id.AccessKeyIDs = append(id.AccessKeyIDs, k)
		}
	}
	switch {
	case v.AssumeRole != nil && v.AssumeRole.RoleARN != "":
		id.SessionName = sessionName(v.AssumeRole.SessionName)
	case v.OIDC != nil:
		id.SessionName = sessionName(v.OIDC.SessionName)
	}
	return id
}
