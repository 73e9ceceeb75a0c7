package conns

// Shared returns the value kept under key for the life of this Client
// (one provider process), building it on first use. Services keep
// process-wide state in it, such as a cache of list results that every
// resource of a type reads from.
func Shared[T any](c *Client, key string, build func() T) T {
	c.mu.Lock()
	defer c.mu.Unlock()
	key = "shared/" + key
	if v, ok := c.clients[key]; ok {
		return v.(T) //nolint:forcetypeassert // the key determines the type
	}
	v := build()
	c.clients[key] = v
	return v
}
