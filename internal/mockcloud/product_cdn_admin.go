package mockcloud

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// registerReportsAdmin serves the CDN and DCDN admin routes, one set per
// product under /_mock/cdn/ and /_mock/dcdn/ (documented in doc.go).
func (s *Server) registerReportsAdmin(handle func(string, func(*http.Request) (int, any))) {
	for _, p := range cdnProducts {
		base := AdminPrefix + p.key
		taskID := func(r *http.Request) (int64, error) {
			id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
			if err != nil {
				return 0, fmt.Errorf("deliver task id %q is not a number", r.PathValue("id"))
			}
			return id, nil
		}
		handle("GET "+base+"/reports", func(*http.Request) (int, any) {
			return http.StatusOK, map[string]any{"reports": p.reports}
		})
		handle("GET "+base+"/deliver_list_reads", func(*http.Request) (int, any) {
			r, err := s.DeliverListReads(p.key)
			if err != nil {
				return http.StatusInternalServerError, adminError(err)
			}
			return http.StatusOK, r
		})
		handle("DELETE "+base+"/deliver_list_reads", func(*http.Request) (int, any) {
			if err := s.ResetDeliverListReads(p.key); err != nil {
				return http.StatusInternalServerError, adminError(err)
			}
			return http.StatusOK, map[string]any{}
		})
		handle("GET "+base+"/deliver_tasks", func(*http.Request) (int, any) {
			return http.StatusOK, map[string]any{"deliver_tasks": nonNil(s.DeliverTasks(p.key))}
		})
		handle("POST "+base+"/deliver_tasks", func(r *http.Request) (int, any) {
			var t DeliverTask
			if err := decodeJSON(r, &t); err != nil {
				return http.StatusBadRequest, adminError(err)
			}
			id, err := s.SeedDeliverTask(p.key, t)
			if err != nil {
				return http.StatusBadRequest, adminError(err)
			}
			out, _ := s.DeliverTaskByID(p.key, id)
			return http.StatusCreated, out
		})
		handle("GET "+base+"/deliver_tasks/{id}", func(r *http.Request) (int, any) {
			id, err := taskID(r)
			if err != nil {
				return http.StatusBadRequest, adminError(err)
			}
			t, ok := s.DeliverTaskByID(p.key, id)
			if !ok {
				return http.StatusNotFound, adminError(fmt.Errorf("deliver task %d not found", id))
			}
			return http.StatusOK, t
		})
		handle("PATCH "+base+"/deliver_tasks/{id}", func(r *http.Request) (int, any) {
			id, err := taskID(r)
			if err != nil {
				return http.StatusBadRequest, adminError(err)
			}
			var body struct {
				Name     *string       `json:"name"`
				Domains  *[]string     `json:"domains"`
				Reports  *[]TaskReport `json:"reports"`
				Schedule *Schedule     `json:"schedule"`
				Deliver  *Deliver      `json:"deliver"`
			}
			if err := decodeJSON(r, &body); err != nil {
				return http.StatusBadRequest, adminError(err)
			}
			err = s.UpdateDeliverTask(p.key, id, func(t *DeliverTask) {
				taskParams{name: body.Name, domains: body.Domains, reports: body.Reports, schedule: body.Schedule, deliver: body.Deliver}.apply(t)
			})
			return patched(err, func() any { t, _ := s.DeliverTaskByID(p.key, id); return t })
		})
		handle("DELETE "+base+"/deliver_tasks/{id}", func(r *http.Request) (int, any) {
			id, err := taskID(r)
			if err != nil {
				return http.StatusBadRequest, adminError(err)
			}
			if !s.DeleteDeliverTask(p.key, id) {
				return http.StatusNotFound, adminError(fmt.Errorf("deliver task %d not found", id))
			}
			return http.StatusOK, map[string]any{"status": "ok"}
		})
		handle("PUT "+base+"/deliver_limit", func(r *http.Request) (int, any) {
			var body struct {
				Limit int `json:"limit"`
			}
			if err := decodeJSON(r, &body); err != nil {
				return http.StatusBadRequest, adminError(err)
			}
			if err := s.SetDeliverLimit(p.key, body.Limit); err != nil {
				return http.StatusInternalServerError, adminError(err)
			}
			return http.StatusOK, map[string]any{"limit": s.deliverLimit(p)}
		})
		handle("GET "+base+"/variants", func(*http.Request) (int, any) {
			return http.StatusOK, s.variants(p)
		})
		handle("PUT "+base+"/variants", func(r *http.Request) (int, any) {
			var v ReportVariants
			if err := decodeJSON(r, &v); err != nil {
				return http.StatusBadRequest, adminError(err)
			}
			if err := s.SetReportVariants(p.key, v); err != nil {
				return http.StatusInternalServerError, adminError(err)
			}
			return http.StatusOK, s.variants(p)
		})
		handle("GET "+base+"/subscription", func(*http.Request) (int, any) {
			sub, ok := s.SubscriptionOf(p.key)
			if !ok {
				return http.StatusNotFound, adminError(errors.New("no subscription"))
			}
			return http.StatusOK, sub
		})
		handle("PUT "+base+"/subscription", func(r *http.Request) (int, any) {
			var sub Subscription
			if err := decodeJSON(r, &sub); err != nil {
				return http.StatusBadRequest, adminError(err)
			}
			if err := s.SetSubscription(p.key, sub); err != nil {
				return http.StatusBadRequest, adminError(err)
			}
			out, _ := s.SubscriptionOf(p.key)
			return http.StatusOK, out
		})
		handle("DELETE "+base+"/subscription", func(*http.Request) (int, any) {
			if !s.DeleteSubscription(p.key) {
				return http.StatusNotFound, adminError(errors.New("no subscription"))
			}
			return http.StatusOK, map[string]any{"status": "ok"}
		})
	}
}

func (s *Server) deliverLimit(p *cdnProduct) int {
	n := 0
	_ = s.store.view(func(st *cloudState) error {
		n = st.Reports[p.key].DeliverLimit
		return nil
	})
	return n
}
