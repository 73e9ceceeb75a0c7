package mockcloud

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// registerSTSAdmin serves the STS, metadata and request log admin routes
// (documented in doc.go).
func (s *Server) registerSTSAdmin(handle func(string, func(*http.Request) (int, any))) {
	handle("GET /_mock/sts/roles", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{"roles": s.Roles()}
	})
	handle("POST /_mock/sts/roles", func(r *http.Request) (int, any) {
		var role Role
		if err := decodeJSON(r, &role); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if err := s.AddRole(role); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		return http.StatusCreated, role
	})
	handle("POST /_mock/sts/oidc_tokens", func(r *http.Request) (int, any) {
		var body struct {
			Token string `json:"token"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if body.Token == "" {
			return http.StatusBadRequest, adminError(errors.New(`"token" is required`))
		}
		s.AddOIDCToken(body.Token)
		return http.StatusCreated, map[string]any{"status": "ok"}
	})
	handle("GET /_mock/sts/sessions", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{"sessions": s.Sessions()}
	})

	handle("GET /_mock/metadata", func(*http.Request) (int, any) {
		return http.StatusOK, s.InstanceRoles()
	})
	handle("PUT /_mock/metadata", func(r *http.Request) (int, any) {
		var body map[string]string
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		for vendor, arn := range body {
			if err := s.SetInstanceRole(vendor, arn); err != nil {
				return http.StatusBadRequest, adminError(err)
			}
		}
		return http.StatusOK, s.InstanceRoles()
	})

	handle("GET /_mock/requests", func(r *http.Request) (int, any) {
		limit := 0
		if v := r.URL.Query().Get("limit"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return http.StatusBadRequest, adminError(fmt.Errorf("limit %q is not a non-negative number", v))
			}
			limit = n
		}
		return http.StatusOK, map[string]any{"requests": nonNil(s.reqlog.list(limit))}
	})
	handle("DELETE /_mock/requests", func(*http.Request) (int, any) {
		s.ClearRequests()
		return http.StatusOK, map[string]any{"status": "ok"}
	})
}
