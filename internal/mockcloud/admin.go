package mockcloud

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// adminHandler serves the admin API (documented in doc.go). It needs no
// signature: the mock is meant to listen on loopback, and adminGuard keeps
// out what a browser could send there from another site.
func (s *Server) adminHandler() http.Handler {
	mux := http.NewServeMux()
	changes := adminEvents() // routes that leave an audit event (audit_events.go)
	handle := func(pattern string, h func(r *http.Request) (int, any)) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
			spec, audited := changes[pattern]
			who := ""
			if audited {
				who = adminWho(r)
			}
			status, body := h(r)
			if audited {
				s.recordAdminChange(spec, who, r, status, body)
			}
			writeAdmin(w, status, body)
			s.logf("admin %s %s -> %d", r.Method, r.URL.Path, status)
		})
	}

	handle("GET /_mock/health", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{"status": "ok", "now": s.Now().UTC()}
	})
	handle("POST /_mock/reset", func(*http.Request) (int, any) {
		s.Reset()
		return http.StatusOK, map[string]any{"status": "ok"}
	})
	handle("GET /_mock/state", func(*http.Request) (int, any) {
		var data json.RawMessage
		err := s.store.view(func(st *cloudState) error {
			var err error
			data, err = json.Marshal(st)
			return err
		})
		if err != nil {
			return http.StatusInternalServerError, adminError(err)
		}
		return http.StatusOK, data
	})

	// Calls.
	handle("GET /_mock/calls", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{
			"calls": s.CallCounts(), "succeeded": s.SuccessCounts(),
			"throttled": s.ThrottledCounts(), "response_bytes": s.ResponseBytesCounts(),
		}
	})
	handle("DELETE /_mock/calls", func(*http.Request) (int, any) {
		s.ResetCalls()
		return http.StatusOK, map[string]any{"status": "ok"}
	})

	// Faults.
	handle("GET /_mock/faults", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{"faults": s.Faults()}
	})
	handle("POST /_mock/faults", func(r *http.Request) (int, any) {
		var f Fault
		if err := decodeJSON(r, &f); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		id, err := s.faults.add(f)
		if err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		return http.StatusCreated, map[string]any{"id": id}
	})
	handle("DELETE /_mock/faults", func(*http.Request) (int, any) {
		s.ClearFaults()
		return http.StatusOK, map[string]any{"status": "ok"}
	})
	handle("DELETE /_mock/faults/{id}", func(r *http.Request) (int, any) {
		if !s.RemoveFault(r.PathValue("id")) {
			return http.StatusNotFound, adminError(fmt.Errorf("fault %q not found", r.PathValue("id")))
		}
		return http.StatusOK, map[string]any{"status": "ok"}
	})

	// Rate limits.
	handle("GET /_mock/ratelimits", func(*http.Request) (int, any) {
		return http.StatusOK, s.RateLimits()
	})
	handle("PUT /_mock/ratelimits", func(r *http.Request) (int, any) {
		var l RateLimit
		if err := decodeJSON(r, &l); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if l.PerSecond < 0 {
			return http.StatusBadRequest, adminError(errors.New("per_second must not be negative"))
		}
		s.SetRateLimit(l.Product, l.Action, l.PerSecond)
		return http.StatusOK, s.RateLimits()
	})
	handle("PUT /_mock/ratelimits/enabled", func(r *http.Request) (int, any) {
		var body struct {
			Enabled *bool `json:"enabled"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if body.Enabled == nil {
			return http.StatusBadRequest, adminError(errors.New(`"enabled" is required`))
		}
		s.SetRateLimitsEnabled(*body.Enabled)
		return http.StatusOK, s.RateLimits()
	})

	// Clock.
	handle("GET /_mock/clock", func(*http.Request) (int, any) {
		return http.StatusOK, s.clockStatus()
	})
	handle("PUT /_mock/clock", func(r *http.Request) (int, any) {
		var body struct {
			JobStepMS     *float64 `json:"job_step_ms"`
			OffsetSeconds *float64 `json:"offset_seconds"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		step, offset := time.Duration(0), time.Duration(s.clockOffset.Load())
		if body.JobStepMS != nil {
			if *body.JobStepMS <= 0 {
				return http.StatusBadRequest, adminError(errors.New("job_step_ms must be positive"))
			}
			step = time.Duration(*body.JobStepMS * float64(time.Millisecond))
		}
		if body.OffsetSeconds != nil {
			offset = time.Duration(*body.OffsetSeconds * float64(time.Second))
		}
		s.SetClock(step, offset)
		return http.StatusOK, s.clockStatus()
	})

	s.registerActionTrailAdmin(handle)
	s.registerSasAdmin(handle)
	s.registerCloudAuditAdmin(handle)
	s.registerReportsAdmin(handle)
	s.registerSTSAdmin(handle)
	s.registerAuditAdmin(handle)

	mux.HandleFunc(AdminPrefix, func(w http.ResponseWriter, r *http.Request) {
		writeAdmin(w, http.StatusNotFound, adminError(fmt.Errorf("no admin endpoint %s %s", r.Method, r.URL.Path)))
	})
	return s.adminGuard(mux)
}

func (s *Server) clockStatus() map[string]any {
	return map[string]any{
		"now":            s.Now().UTC(),
		"offset_seconds": time.Duration(s.clockOffset.Load()).Seconds(),
		"job_step_ms":    float64(s.JobStep()) / float64(time.Millisecond),
	}
}

func (s *Server) registerActionTrailAdmin(handle func(string, func(*http.Request) (int, any))) {
	handle("GET /_mock/actiontrail/trails", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{"trails": nonNil(s.Trails())}
	})
	handle("POST /_mock/actiontrail/trails", func(r *http.Request) (int, any) {
		var t Trail
		if err := decodeJSON(r, &t); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if err := t.normalize(s.Now()); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if err := s.SeedTrail(t); err != nil {
			return http.StatusInternalServerError, adminError(err)
		}
		return http.StatusCreated, t
	})
	handle("PATCH /_mock/actiontrail/trails/{name}", func(r *http.Request) (int, any) {
		var body struct {
			SlsProjectArn                 *string `json:"sls_project_arn"`
			SlsWriteRoleArn               *string `json:"sls_write_role_arn"`
			OssBucketName                 *string `json:"oss_bucket_name"`
			OssKeyPrefix                  *string `json:"oss_key_prefix"`
			OssWriteRoleArn               *string `json:"oss_write_role_arn"`
			EventRW                       *string `json:"event_rw"`
			TrailRegion                   *string `json:"trail_region"`
			Status                        *string `json:"status"`
			LatestDeliveryError           *string `json:"latest_delivery_error"`
			LatestDeliveryLogServiceError *string `json:"latest_delivery_log_service_error"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		account, name := accountParam(r), r.PathValue("name")
		err := s.ChangeTrail(account, name, func(t *Trail) {
			setIf(&t.SlsProjectArn, body.SlsProjectArn)
			setIf(&t.SlsWriteRoleArn, body.SlsWriteRoleArn)
			setIf(&t.OssBucketName, body.OssBucketName)
			setIf(&t.OssKeyPrefix, body.OssKeyPrefix)
			setIf(&t.OssWriteRoleArn, body.OssWriteRoleArn)
			setIf(&t.EventRW, body.EventRW)
			setIf(&t.TrailRegion, body.TrailRegion)
			setIf(&t.Status, body.Status)
			setIf(&t.LatestDeliveryError, body.LatestDeliveryError)
			setIf(&t.LatestDeliveryLogServiceError, body.LatestDeliveryLogServiceError)
		})
		return patched(err, func() any { return s.accountTrail(account, name) })
	})
	handle("DELETE /_mock/actiontrail/trails/{name}", func(r *http.Request) (int, any) {
		if !s.DeleteAccountTrail(accountParam(r), r.PathValue("name")) {
			return http.StatusNotFound, adminError(fmt.Errorf("trail %q not found", r.PathValue("name")))
		}
		return http.StatusOK, map[string]any{"status": "ok"}
	})

	handle("GET /_mock/actiontrail/jobs", func(*http.Request) (int, any) {
		return http.StatusOK, map[string]any{"jobs": nonNil(s.Jobs())}
	})
	handle("POST /_mock/actiontrail/jobs", func(r *http.Request) (int, any) {
		var body struct {
			TrailName   string   `json:"trail_name"`
			AccountID   string   `json:"account_id"`
			Status      *int     `json:"status"`
			Count       int      `json:"count"`
			Pinned      bool     `json:"pinned"`
			FailRegions []string `json:"fail_regions"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		if body.Count == 0 {
			body.Count = 1
		}
		if body.Count < 0 || body.Count > 100000 {
			return http.StatusBadRequest, adminError(errors.New("count must be 1-100000"))
		}
		j := Job{TrailName: body.TrailName, AccountID: body.AccountID, Pinned: body.Pinned || body.Status != nil, FailRegions: body.FailRegions}
		if body.Status != nil {
			j.Status = *body.Status
		}
		ids, err := s.seedJobs(j, body.Count)
		if errors.Is(err, ErrNotFound) {
			return http.StatusNotFound, adminError(err)
		} else if err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		return http.StatusCreated, map[string]any{"job_ids": ids}
	})
	handle("GET /_mock/actiontrail/jobs/{id}", func(r *http.Request) (int, any) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return http.StatusBadRequest, adminError(fmt.Errorf("job id %q is not a number", r.PathValue("id")))
		}
		j, ok := s.Job(id)
		if !ok {
			return http.StatusNotFound, adminError(fmt.Errorf("job %d not found", id))
		}
		return http.StatusOK, j
	})
	handle("PATCH /_mock/actiontrail/jobs/{id}", func(r *http.Request) (int, any) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return http.StatusBadRequest, adminError(fmt.Errorf("job id %q is not a number", r.PathValue("id")))
		}
		var body struct {
			Status         *int            `json:"status"`
			RegionStatuses *[]RegionStatus `json:"region_statuses"`
			TrailName      *string         `json:"trail_name"`
			HomeRegion     *string         `json:"home_region"`
			FailRegions    *[]string       `json:"fail_regions"`
			Pinned         *bool           `json:"pinned"`
		}
		if err := decodeJSON(r, &body); err != nil {
			return http.StatusBadRequest, adminError(err)
		}
		err = s.UpdateJob(id, func(j *Job) {
			setIf(&j.Status, body.Status)
			setIf(&j.RegionStatuses, body.RegionStatuses)
			setIf(&j.TrailName, body.TrailName)
			setIf(&j.HomeRegion, body.HomeRegion)
			setIf(&j.FailRegions, body.FailRegions)
			setIf(&j.Pinned, body.Pinned)
		})
		return patched(err, func() any { j, _ := s.Job(id); return j })
	})
	handle("DELETE /_mock/actiontrail/jobs/{id}", func(r *http.Request) (int, any) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return http.StatusBadRequest, adminError(fmt.Errorf("job id %q is not a number", r.PathValue("id")))
		}
		if !s.DeleteJob(id) {
			return http.StatusNotFound, adminError(fmt.Errorf("job %d not found", id))
		}
		return http.StatusOK, map[string]any{"status": "ok"}
	})
}

func accountParam(r *http.Request) string {
	if a := r.URL.Query().Get("account_id"); a != "" {
		return a
	}
	return DefaultAccountID
}

// decodeJSON reads a JSON body strictly: unknown fields are refused so a
// typo does not silently do nothing. An empty body decodes as {}.
func decodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("invalid JSON body: %w", err)
	}
	return nil
}

func adminError(err error) map[string]string { return map[string]string{"error": err.Error()} }

func nonNil[T any](v []T) []T {
	if v == nil {
		return []T{}
	}
	return v
}

func writeAdmin(w http.ResponseWriter, status int, body any) {
	data, err := json.MarshalIndent(body, "", "  ")
	if err != nil {
		status, data = http.StatusInternalServerError, []byte(`{"error":"encoding the answer failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(data, '\n'))
}

// setIf applies one field of a PATCH body: nil means "not in the body".
func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// patched answers a PATCH from the update's error: 404 for an unknown
// object, 400 for a refused change, else 200 with the object as it is now.
func patched(err error, current func() any) (int, any) {
	if errors.Is(err, ErrNotFound) {
		return http.StatusNotFound, adminError(err)
	} else if err != nil {
		return http.StatusBadRequest, adminError(err)
	}
	return http.StatusOK, current()
}
