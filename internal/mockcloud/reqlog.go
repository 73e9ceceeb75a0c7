package mockcloud

import (
	"sync"
	"time"
)

// DefaultRequestLogSize is how many requests Server.Requests keeps when
// Options.RequestLogSize is 0.
const DefaultRequestLogSize = 1000

// RequestRecord is one vendor request as the request log keeps it. It
// never holds a secret, a security token or a signature: only the access
// key id (or SecretId), which identifies the caller.
type RequestRecord struct {
	Time time.Time `json:"time"`
	// Front is the door the request came through: "alibaba", "tencent" or
	// "metadata".
	Front string `json:"front"`
	// Host is the request's Host header (the vendor host name when the
	// client came through a proxy).
	Host    string `json:"host"`
	Product string `json:"product,omitempty"`
	Action  string `json:"action,omitempty"`
	// UserAgent is the User-Agent header; RequestClient is Tencent's
	// X-TC-RequestClient header.
	UserAgent     string `json:"user_agent,omitempty"`
	RequestClient string `json:"request_client,omitempty"`
	AccessKeyID   string `json:"access_key_id,omitempty"`
	// Status is the HTTP status (0 for a dropped connection) and Code the
	// error code ("" on success).
	Status int    `json:"status"`
	Code   string `json:"code,omitempty"`
}

// requestLog is a ring of the last requests.
type requestLog struct {
	mu   sync.Mutex
	size int
	buf  []RequestRecord
	next int
	full bool
}

func newRequestLog(size int) *requestLog {
	if size <= 0 {
		size = DefaultRequestLogSize
	}
	return &requestLog{size: size, buf: make([]RequestRecord, size)}
}

func (l *requestLog) add(r RequestRecord) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf[l.next] = r
	l.next++
	if l.next == l.size {
		l.next, l.full = 0, true
	}
}

// list returns the records, oldest first; limit > 0 keeps the newest limit.
func (l *requestLog) list(limit int) []RequestRecord {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []RequestRecord
	if l.full {
		out = append(out, l.buf[l.next:]...)
	}
	out = append(out, l.buf[:l.next]...)
	if limit > 0 && len(out) > limit {
		out = out[len(out)-limit:]
	}
	return out
}

func (l *requestLog) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = make([]RequestRecord, l.size)
	l.next, l.full = 0, false
}

// Requests returns the last requests the vendor fronts and the metadata
// door received (Options.RequestLogSize, default 1000), oldest first.
// Admin API calls are not recorded.
func (s *Server) Requests() []RequestRecord { return s.reqlog.list(0) }

// ClearRequests empties the request log.
func (s *Server) ClearRequests() { s.reqlog.reset() }
