package mockcloud

import (
	"crypto/hmac"
	"crypto/sha1" //nolint:gosec // HMAC-SHA1 is what the Alibaba Cloud RPC signature uses.
	"encoding/base64"
	"sort"
	"strings"
	"sync"
	"time"
)

// percentEncode is RFC 3986 encoding as Alibaba Cloud signs it: only
// A-Z a-z 0-9 - _ . ~ stay literal, everything else is %XX upper-case.
func percentEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

// rpcStringToSign builds the RPC StringToSign from all parameters except
// Signature (empty values included), keys sorted byte-wise.
func rpcStringToSign(method string, params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "Signature" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	pairs := make([]string, len(keys))
	for i, k := range keys {
		pairs[i] = percentEncode(k) + "=" + percentEncode(params[k])
	}
	return strings.ToUpper(method) + "&%2F&" + percentEncode(strings.Join(pairs, "&"))
}

// rpcSign is base64(HMAC-SHA1(secret + "&", stringToSign)).
func rpcSign(secret, stringToSign string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// signatureValid compares in constant time so the mock does not teach bad
// habits; it hardly matters on loopback.
func signatureValid(secret, stringToSign, got string) bool {
	return hmac.Equal([]byte(rpcSign(secret, stringToSign)), []byte(got))
}

// timestampWindow is how far a request's Timestamp may be from the base
// clock, and how long a nonce is remembered.
const timestampWindow = 15 * time.Minute

// nonceCache remembers the SignatureNonce values seen per access key within
// the timestamp window; older replays are already refused by the window.
type nonceCache struct {
	mu        sync.Mutex
	seen      map[string]time.Time
	lastSweep time.Time
}

func newNonceCache() *nonceCache { return &nonceCache{seen: map[string]time.Time{}} }

// use records a nonce and reports whether it was fresh.
func (c *nonceCache) use(accessKeyID, nonce string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if now.Sub(c.lastSweep) > time.Minute {
		for k, t := range c.seen {
			if now.Sub(t) > timestampWindow {
				delete(c.seen, k)
			}
		}
		c.lastSweep = now
	}
	key := accessKeyID + "\x00" + nonce
	if t, ok := c.seen[key]; ok && now.Sub(t) <= timestampWindow {
		return false
	}
	c.seen[key] = now
	return true
}

func (c *nonceCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen = map[string]time.Time{}
}
