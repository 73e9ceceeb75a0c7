package mockcloud

// The figures make bench (internal/bench) reads from GET /_mock/calls beside
// the call counts: calls refused as throttled and bytes answered. Reset with
// the call counts. (List reads by DeliverId: DeliverListReads.)

// benchCounts is embedded in callCounter and guarded by its mutex.
type benchCounts struct {
	throttled map[[2]string]int
	bytes     map[[2]string]int
}

func newBenchCounts() benchCounts {
	return benchCounts{throttled: map[[2]string]int{}, bytes: map[[2]string]int{}}
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
