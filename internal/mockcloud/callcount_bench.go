package mockcloud

// The figures make bench (internal/bench) reads from GET /_mock/calls beside
// the call counts: calls refused as throttled, bytes answered, and list
// calls narrowed to one object by its id. Reset with the call counts.

// benchCounts is embedded in callCounter and guarded by its mutex.
type benchCounts struct {
	throttled map[[2]string]int
	bytes     map[[2]string]int
	byIDs     map[[2]string]int
}

func newBenchCounts() benchCounts {
	return benchCounts{throttled: map[[2]string]int{}, bytes: map[[2]string]int{}, byIDs: map[[2]string]int{}}
}

// throttle counts a call the rate limiter refused (it is a call too).
func (c *callCounter) throttle(product, action string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.throttled[[2]string{product, action}]++
}

// answered adds the size of a successful answer's body.
func (c *callCounter) answered(product, action string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.bytes[[2]string{product, action}] += n
}

// byID counts a call of a list API that asked for one object by its id
// (DescribeDeliverList with DeliverId), refused or not.
func (c *callCounter) byID(product, action string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byIDs[[2]string{product, action}]++
}

// Throttled is how many calls for product.action the rate limiter refused
// (Throttling.User, RequestLimitExceeded); "" matches any. Refusals by a
// fault are not counted here.
func (s *Server) Throttled(product, action string) int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return sumMatching(s.calls.throttled, product, action)
}

// ThrottledCounts maps "Product.Action" to its calls refused as throttled.
func (s *Server) ThrottledCounts() map[string]int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return flatten(s.calls.throttled)
}

// ResponseBytes is how many bytes of body the successful answers to
// product.action carried (the Tencent envelope included); "" matches any.
func (s *Server) ResponseBytes(product, action string) int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return sumMatching(s.calls.bytes, product, action)
}

// ResponseBytesCounts maps "Product.Action" to the bytes its successful
// answers carried.
func (s *Server) ResponseBytesCounts() map[string]int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return flatten(s.calls.bytes)
}

// ByIDCalls is how many calls of the list API product.action asked for one
// object by its id (Cdn/dcdn DescribeDeliverList with DeliverId); the rest
// of Calls for it read the whole list. "" matches any.
func (s *Server) ByIDCalls(product, action string) int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return sumMatching(s.calls.byIDs, product, action)
}

// ByIDCounts maps "Product.Action" to its calls narrowed to one object.
func (s *Server) ByIDCounts() map[string]int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return flatten(s.calls.byIDs)
}
