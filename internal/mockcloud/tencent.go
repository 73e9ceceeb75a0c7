package mockcloud

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// The Tencent Cloud API 3.0 front. Requests carry X-TC-Action and
// X-TC-Version headers and a JSON body; every answer, errors included, is
// HTTP 200 with a {"Response":{...}} envelope.
//
// For now no action is implemented, so every request is answered with
// InvalidAction. The CloudAudit handlers will add TC3-HMAC-SHA256
// verification here (see API-NOTES.md) and register (Version, Action)
// pairs in a table like the Alibaba front's rpc map.

// tcError is the Tencent error envelope.
type tcError struct {
	Response struct {
		Error struct {
			Code    string `json:"Code"`
			Message string `json:"Message"`
		} `json:"Error"`
		RequestID string `json:"RequestId"`
	} `json:"Response"`
}

func (s *Server) serveTencent(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	action, version := r.Header.Get("X-TC-Action"), r.Header.Get("X-TC-Version")
	reqID := newTencentRequestID()
	code := "InvalidAction"
	s.writeTencentError(w, reqID, code, fmt.Sprintf("The action `%s` (version %s) is not supported by mockcloud.", action, version))
	s.logf("tencent %s %s -> 200 %s (%s)", r.Method, action, code, time.Since(start).Round(time.Microsecond))
}

func (s *Server) writeTencentError(w http.ResponseWriter, reqID, code, message string) {
	var e tcError
	e.Response.Error.Code = code
	e.Response.Error.Message = message
	e.Response.RequestID = reqID
	body, _ := json.Marshal(e)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK) // Tencent reports errors in the body only
	_, _ = w.Write(body)
}

// newTencentRequestID returns a lower-case UUID, as Tencent's RequestId
// looks.
func newTencentRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}
