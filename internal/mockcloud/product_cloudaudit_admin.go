package mockcloud

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// registerCloudAuditAdmin adds the /_mock/cloudaudit/ routes (see doc.go).
func (s *Server) registerCloudAuditAdmin(handle func(string, func(*http.Request) (int, any))) {
	handle("GET /_mock/cloudaudit/tracks", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{"tracks": nonNil(s.AuditTracks())}
	})
	handle("POST /_mock/cloudaudit/tracks", func(r *http.Request) (int, any) {
		var t AuditTrack
		if err := decodeJSON(r, &t); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		id, err := s.SeedAuditTrack(t)
		if err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		out, _ := s.AuditTrack(id)
		return http.StatusCreated, out
	})
	trackID := func(r *http.Request) (uint64, error) {
		id, err := strconv.ParseUint(r.PathValue("id"), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("track id %q is not a number", r.PathValue("id"))
		}
		return id, nil
	}
	handle("GET /_mock/cloudaudit/tracks/{id}", func(r *http.Request) (int, any) {
		id, err := trackID(r)
		if err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		t, ok := s.AuditTrack(id)
		if !ok {
			return http.StatusNotFound, adminError(fmt.Errorf("track %d not found", id))
		}
		return http.StatusOK, t
	})
	handle("PATCH /_mock/cloudaudit/tracks/{id}", func(r *http.Request) (int, any) {
		id, err := trackID(r)
		if err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		var body struct {
			Name               *string                `json:"name"`
			Status             *uint64                `json:"status"`
			ActionType         *string                `json:"action_type"`
			ResourceType       *string                `json:"resource_type"`
			EventNames         *[]string              `json:"event_names"`
			Filters            *[]AuditResourceFilter `json:"filters"`
			Storage            *AuditStorage          `json:"storage"`
			TrackForAllMembers *uint64                `json:"track_for_all_members"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		err = s.UpdateAuditTrack(id, func(t *AuditTrack) {
			setIf(&t.Name, body.Name)
			setIf(&t.Status, body.Status)
			setIf(&t.ActionType, body.ActionType)
			setIf(&t.ResourceType, body.ResourceType)
			setIf(&t.EventNames, body.EventNames)
			setIf(&t.Filters, body.Filters)
			setIf(&t.Storage, body.Storage)
			setIf(&t.TrackForAllMembers, body.TrackForAllMembers)
		})
		return patched(err, func() any { t, _ := s.AuditTrack(id); return t })
	})
	handle("DELETE /_mock/cloudaudit/tracks/{id}", func(r *http.Request) (int, any) {
		id, err := trackID(r)
		if err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if !s.DeleteAuditTrack(id) {
			return http.StatusNotFound, adminError(fmt.Errorf("track %d not found", id))
		}
		return http.StatusOK, map[string]any{"status": "ok"}
	})
	handle("GET /_mock/cloudaudit/limit", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{"track_limit": s.AuditTrackLimit()}
	})
	handle("PUT /_mock/cloudaudit/limit", func(r *http.Request) (int, any) {
		var body struct {
			TrackLimit *int `json:"track_limit"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if body.TrackLimit == nil || *body.TrackLimit < 0 {
			return http.StatusBadRequest, adminError(errors.New(`"track_limit" (0 = default) is required`))
		}
		s.SetAuditTrackLimit(*body.TrackLimit)
		return http.StatusOK, map[string]any{"track_limit": s.AuditTrackLimit()}
	})
}
