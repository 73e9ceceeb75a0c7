package mockcloud

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The metadata door: the instance metadata services, plain HTTP, reached
// through a forward proxy (Proxy) since their addresses are not loopback,
// so routed on the Host header.
//
//   - Host 100.100.100.200, Alibaba Cloud ECS, as credentials-go@v1.4.14
//     providers/ecs_ram_role.go uses it: IMDSv2 "PUT /latest/api/token"
//     with X-aliyun-ecs-metadata-token-ttl-seconds (1-21600) answers a
//     token; GETs may carry it as X-aliyun-ecs-metadata-token (a wrong or
//     expired one is 401; none at all is IMDSv1, allowed);
//     "GET /latest/meta-data/ram/security-credentials/" answers the
//     attached role's name, ".../<role>" the JSON {"AccessKeyId",
//     "AccessKeySecret","SecurityToken","Expiration","LastUpdated",
//     "Code":"Success"} (credentials-go ecsRAMRoleResponse; times
//     "2006-01-02T15:04:05Z").
//   - Host metadata.tencentyun.com, Tencent Cloud CVM, as common@v1.3.212
//     cvm_role_provider.go uses it: "GET
//     /latest/meta-data/cam/security-credentials/" answers the role name,
//     ".../<role>" {"TmpSecretId","TmpSecretKey","ExpiredTime",
//     "Expiration","Token","Code":"Success"} (its roleRsp).
//
// No role attached, or another role's name: 404 (the CVM provider reads
// 404 as "no role bound"). The credentials are sessions of the attached
// role (Server.Sessions, Source "metadata"). ASSUMPTION: they last the
// role's maximum session duration and the same credentials are answered
// until less than 15 minutes remain, then new ones are issued.
// Call counts: "EcsMetadata.Token", "EcsMetadata.RoleName",
// "EcsMetadata.Credentials", "CvmMetadata.RoleName",
// "CvmMetadata.Credentials". Faults apply with those products and actions.

const (
	ECSMetadataHost     = "100.100.100.200"
	CVMMetadataHost     = "metadata.tencentyun.com"
	ECSMetadataProduct  = "EcsMetadata"
	CVMMetadataProduct  = "CvmMetadata"
	ecsCredentialsPath  = "/latest/meta-data/ram/security-credentials/"
	cvmCredentialsPath  = "/latest/meta-data/cam/security-credentials/"
	ecsTokenPath        = "/latest/api/token"
	ecsMaxTokenTTL      = 21600 // credentials-go defaultMetadataTokenDuration, the ECS maximum
	metadataRefreshLead = 15 * time.Minute
)

// metadataHost reports which metadata service a Host header names, if any.
func metadataHost(hostport string) string {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	switch strings.ToLower(host) {
	case ECSMetadataHost:
		return VendorAlibaba
	case CVMMetadataHost:
		return VendorTencent
	}
	return ""
}

func (s *Server) serveMetadata(w http.ResponseWriter, r *http.Request, vendor string) {
	start := time.Now()
	product, action, status, code := ECSMetadataProduct, "", http.StatusOK, ""
	if vendor == VendorTencent {
		product = CVMMetadataProduct
	}
	defer func() {
		s.logf("metadata %s %s %s -> %d %s", r.Method, r.Host, r.URL.Path, status, code)
		s.reqlog.add(RequestRecord{Time: start, Front: "metadata", Host: r.Host, Product: product, Action: action, UserAgent: r.UserAgent(), Status: status, Code: code})
	}()
	text := func(st int, body string) {
		status = st
		if st != http.StatusOK {
			code = http.StatusText(st)
		}
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(st)
		_, _ = w.Write([]byte(body))
	}

	prefix := ecsCredentialsPath
	if vendor == VendorTencent {
		prefix = cvmCredentialsPath
	}
	var roleName string
	switch {
	case vendor == VendorAlibaba && r.URL.Path == ecsTokenPath:
		action = "Token"
		if r.Method != http.MethodPut {
			text(http.StatusMethodNotAllowed, "method not allowed")
			return
		}
	case strings.HasPrefix(r.URL.Path, prefix) && r.Method == http.MethodGet:
		roleName = strings.TrimPrefix(r.URL.Path, prefix)
		action = "RoleName"
		if roleName != "" {
			action = "Credentials"
		}
	default:
		text(http.StatusNotFound, "Not Found")
		return
	}

	s.calls.call(product, action)
	if f, hit := s.faults.pick(product, action); hit {
		if !sleep(r.Context(), f.Latency) {
			status, code = 0, "ClientClosedRequest"
			return
		}
		switch f.Mode {
		case FaultError:
			text(f.HTTPStatus, f.Code)
			code = f.Code
			return
		case FaultDrop, FaultCommitThenDrop:
			status, code = 0, "fault:"+f.Mode
			dropConnection(w)
			return
		}
	}

	if action == "Token" {
		ttl, err := strconv.Atoi(r.Header.Get("X-aliyun-ecs-metadata-token-ttl-seconds"))
		if err != nil || ttl < 1 || ttl > ecsMaxTokenTTL {
			text(http.StatusBadRequest, "X-aliyun-ecs-metadata-token-ttl-seconds must be 1-21600")
			return
		}
		token := randomString(alnum, 48)
		st := s.stsState()
		st.mu.Lock()
		st.imdsTokens[token] = s.Now().Add(time.Duration(ttl) * time.Second)
		st.mu.Unlock()
		s.calls.success(product, action)
		text(http.StatusOK, token)
		return
	}
	if vendor == VendorAlibaba {
		if token := r.Header.Get("X-aliyun-ecs-metadata-token"); token != "" && !s.imdsTokenValid(token) {
			text(http.StatusUnauthorized, "Unauthorized")
			return
		}
	}

	role, ok := s.instanceRole(vendor)
	if !ok || (roleName != "" && roleName != role.name()) {
		text(http.StatusNotFound, "Not Found")
		return
	}
	if roleName == "" {
		s.calls.success(product, action)
		text(http.StatusOK, role.name())
		return
	}
	sess := s.metadataSession(vendor, role)
	var body []byte
	if vendor == VendorAlibaba {
		body, _ = marshalJSON(map[string]string{
			"AccessKeyId":     sess.AccessKeyID,
			"AccessKeySecret": sess.AccessKeySecret,
			"SecurityToken":   sess.SecurityToken,
			"Expiration":      sess.Expiration.UTC().Format(rpcTimestampLayout),
			"LastUpdated":     sess.Expiration.Add(-time.Duration(role.maxDuration()) * time.Second).UTC().Format(rpcTimestampLayout),
			"Code":            "Success",
		})
	} else {
		body, _ = marshalJSON(map[string]any{
			"TmpSecretId":  sess.AccessKeyID,
			"TmpSecretKey": sess.AccessKeySecret,
			"Token":        sess.SecurityToken,
			"ExpiredTime":  sess.Expiration.Unix(),
			"Expiration":   sess.Expiration.UTC().Format(time.RFC3339),
			"Code":         "Success",
		})
	}
	s.calls.success(product, action)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func (s *Server) imdsTokenValid(token string) bool {
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	exp, ok := st.imdsTokens[token]
	return ok && s.Now().Before(exp)
}

func (s *Server) instanceRole(vendor string) (Role, bool) {
	st := s.stsState()
	st.mu.Lock()
	defer st.mu.Unlock()
	arn, ok := st.instanceRoles[vendor]
	if !ok {
		return Role{}, false
	}
	r, ok := st.roles[arn]
	return r, ok
}

// metadataSession answers the current session of the instance role, or a
// new one when less than metadataRefreshLead remains.
func (s *Server) metadataSession(vendor string, role Role) Session {
	st := s.stsState()
	st.mu.Lock()
	id := st.metaSessions[vendor]
	st.mu.Unlock()
	if sess, ok := s.session(id); ok && sess.RoleARN == role.ARN && s.Now().Add(metadataRefreshLead).Before(sess.Expiration) {
		return sess
	}
	sess := s.issueSession(role, "metadata", time.Duration(role.maxDuration())*time.Second, "metadata")
	st.mu.Lock()
	st.metaSessions[vendor] = sess.AccessKeyID
	st.mu.Unlock()
	return sess
}
