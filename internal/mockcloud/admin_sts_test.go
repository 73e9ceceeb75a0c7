package mockcloud_test

import (
	"testing"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/mockcloud"
)

func TestAdminSTS(t *testing.T) {
	t.Parallel()
	s, host := newTLSMock(t, mockcloud.Options{})
	base := "https://" + host

	var role mockcloud.Role
	admin(t, base, "POST", "/_mock/sts/roles", map[string]any{"arn": aliRole, "trusted": []string{"account:1234567890"}, "max_session_duration": 7200}, 201, &role)
	admin(t, base, "POST", "/_mock/sts/roles", map[string]any{"arn": "arn:aws:iam::1:role/x"}, 400, nil)
	admin(t, base, "POST", "/_mock/sts/roles", map[string]any{"arn": aliRole, "max_session_duration": 50000}, 400, nil)
	var roles struct{ Roles []mockcloud.Role }
	admin(t, base, "GET", "/_mock/sts/roles", nil, 200, &roles)
	if len(roles.Roles) != 1 || roles.Roles[0].MaxSessionDuration != 7200 {
		t.Errorf("roles = %+v", roles)
	}
	admin(t, base, "POST", "/_mock/sts/oidc_tokens", map[string]any{}, 400, nil)
	admin(t, base, "POST", "/_mock/sts/oidc_tokens", map[string]any{"token": "t"}, 201, nil)

	if _, err := ramRoleProvider(t, host, aliRole, nil).GetCredentials(); err != nil {
		t.Fatal(err)
	}
	var sessions struct{ Sessions []mockcloud.Session }
	admin(t, base, "GET", "/_mock/sts/sessions", nil, 200, &sessions)
	if len(sessions.Sessions) != 1 || sessions.Sessions[0].AccessKeySecret == "" || sessions.Sessions[0].SecurityToken == "" ||
		sessions.Sessions[0].RoleARN != aliRole || sessions.Sessions[0].Expiration.IsZero() {
		t.Errorf("sessions = %+v", sessions)
	}

	admin(t, base, "PUT", "/_mock/metadata", map[string]any{"alibaba": aliRole}, 200, nil)
	admin(t, base, "PUT", "/_mock/metadata", map[string]any{"alibaba": "acs:ram::1:role/unknown"}, 400, nil)
	admin(t, base, "PUT", "/_mock/metadata", map[string]any{"aws": aliRole}, 400, nil)

	var reqs struct{ Requests []mockcloud.RequestRecord }
	admin(t, base, "GET", "/_mock/requests?limit=1", nil, 200, &reqs)
	if len(reqs.Requests) != 1 || reqs.Requests[0].Action != "AssumeRole" || reqs.Requests[0].Host != host {
		t.Errorf("requests = %+v", reqs)
	}
	admin(t, base, "GET", "/_mock/requests?limit=x", nil, 400, nil)
	admin(t, base, "DELETE", "/_mock/requests", nil, 200, nil)
	admin(t, base, "GET", "/_mock/requests", nil, 200, &reqs)
	if len(reqs.Requests) != 0 || len(s.Requests()) != 0 {
		t.Errorf("requests after DELETE = %+v", reqs)
	}

	// Reset forgets roles and sessions.
	admin(t, base, "POST", "/_mock/reset", nil, 200, nil)
	if len(s.Roles()) != 0 || len(s.Sessions()) != 0 || len(s.InstanceRoles()) != 0 {
		t.Errorf("after reset: roles %v, sessions %v", s.Roles(), s.Sessions())
	}
}

func TestRequestLogRing(t *testing.T) {
	t.Parallel()
	s, host := newMock(t, mockcloud.Options{RequestLogSize: 3})
	c := newClient(t, host, defaultCred())
	for range 5 {
		mustList(t, c, 1, 10)
	}
	_, _ = listJobs(newClient(t, host, newWrongCred()), 1, 10)
	reqs := s.Requests()
	if len(reqs) != 3 || reqs[2].Code != "SignatureDoesNotMatch" || reqs[2].Status != 400 || reqs[0].Code != "" || reqs[0].Product != "Actiontrail" {
		t.Errorf("requests = %+v", reqs)
	}
}
