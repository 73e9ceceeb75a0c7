package conns

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Redaction is the one point that keeps credentials out of everything that
// leaves this package: the text of every *APIError and of every error the
// call wrappers return, and every tflog line Invoke writes. The SDKs quote
// what they sent and got in their errors: Alibaba's SignatureDoesNotMatch
// message carries the server's whole string to sign (SecurityToken
// included), a transport error carries the signed URL (AccessKeyId,
// SecurityToken, Signature), a JSON error quotes the body. Two nets catch
// them: the known secret values themselves (in every encoding the SDKs
// use), and patterns for secrets we never saw (tokens issued elsewhere,
// signatures).

// redactedMark replaces every secret.
const redactedMark = "[REDACTED]"

// minSecretLen keeps very short strings (a test's "x") from being treated
// as secrets and blanking out unrelated text.
const minSecretLen = 4

// secretSet holds the secret values registered by the client.
type secretSet struct {
	mu sync.RWMutex
	// values are sorted longest first, so a secret that contains another
	// is replaced whole.
	values []string
}

func (s *secretSet) add(v string) {
	if len(v) < minSecretLen {
		return
	}
	forms := []string{v, url.QueryEscape(v), percentEncode(v), percentEncode(percentEncode(v))}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range forms {
		if !containsString(s.values, f) {
			s.values = append(s.values, f)
		}
	}
	sort.Slice(s.values, func(i, j int) bool { return len(s.values[i]) > len(s.values[j]) })
}

func (s *secretSet) list() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]string(nil), s.values...)
}

func containsString(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// percentEncode is the RFC 3986 encoding Alibaba's RPC signing applies
// (twice, inside the string to sign).
func percentEncode(v string) string {
	e := url.QueryEscape(v)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	return strings.ReplaceAll(e, "%7E", "~")
}

// registerSecret makes every later error text and log line of this client
// hide s. New registers the static secret keys and security tokens; the
// credential sources must call it with every temporary AccessKey secret,
// SecretKey and security token they obtain (AssumeRole, ECS RAM role, OIDC,
// profiles), before the first call signed with it. Safe for concurrent use;
// values shorter than 4 bytes are ignored.
func (c *Client) registerSecret(s string) { c.secrets.add(s) }

// registerConfiguredSecrets registers the static secrets of the provider
// configuration. AccessKey ids are not secret and stay readable.
func (c *Client) registerConfiguredSecrets() {
	for _, v := range []VendorConfig{c.cfg.Alicloud, c.cfg.Tencent} {
		c.registerSecret(v.SecretKey)
		c.registerSecret(v.SecurityToken)
	}
}

// secretPatterns catch secrets by shape. Each keeps its key and replaces
// the value, so the message still says what was there.
var secretPatterns = []struct {
	re   *regexp.Regexp
	repl string
}{
	// Alibaba's SignatureDoesNotMatch: the server's string to sign holds
	// every signed parameter, SecurityToken included. Dropped whole.
	{regexp.MustCompile(`(?i)\s*server string to sign is:\S*`), ""},
	{regexp.MustCompile(`(?i)(string ?to ?sign(?: is)?\s*[:=]\s*)\S+`), "${1}" + redactedMark},
	// Signed-URL and form parameters, plain or percent-encoded once or twice
	// (the string to sign): the value runs to the next separator.
	{regexp.MustCompile(`(?i)((?:Signature|SecurityToken|AccessKeySecret|SecretKey|TmpSecretKey|X-Acs-Security-Token|Token)(?:=|%3D|%253D))(?:[^&\s"',;)\]}%]|%(?:25)?(?:[013-9A-Fa-f][0-9A-Fa-f]|2[0-57-9A-Fa-f]))+`), "${1}" + redactedMark},
	// Header dumps: "Authorization: TC3-HMAC-SHA256 Credential=..., Signature=...",
	// Go's map printing "Authorization:[...]", and the STS token headers.
	{regexp.MustCompile(`(?i)((?:Authorization|X-TC-Token|X-Acs-Security-Token|X-Acs-Signature)"?\s*[:=]\s*\[?)[^\]\n"]+`), "${1}" + redactedMark},
	// JSON bodies quoted in errors (a garbled STS answer, a debug dump).
	// The credential files the CLIs write, quoted by credentials-go when one
	// does not parse: access_key_secret, sts_token, oauth_*_token, ...
	{regexp.MustCompile(`(?i)("(?:AccessKeySecret|access_key_secret|SecurityToken|TmpSecretKey|SecretKey|Signature|[a-z_]*token)"\s*:\s*")[^"]*`), "${1}" + redactedMark},
}

// redact returns s with registered secrets and secret-shaped values
// replaced.
func (c *Client) redact(s string) string {
	if c != nil {
		for _, v := range c.secrets.list() {
			s = strings.ReplaceAll(s, v, redactedMark)
		}
	}
	for _, p := range secretPatterns {
		s = p.re.ReplaceAllString(s, p.repl)
	}
	return s
}

// redactedError shows a redacted text but keeps the original chain for
// errors.Is/As (context errors, net errors, SDK error types). Whoever
// unwraps past it takes on the redaction themselves.
type redactedError struct {
	text string
	err  error
}

func (e *redactedError) Error() string { return e.text }
func (e *redactedError) Unwrap() error { return e.err }

// redactErr wraps err so its text is redacted; *APIError (already redacted
// when it was built) and nil pass through.
func (c *Client) redactErr(err error) error {
	if err == nil {
		return nil
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) && apiErr == err {
		return err
	}
	var already *redactedError
	if errors.As(err, &already) && already == err {
		return err
	}
	return &redactedError{text: c.redact(stripURLQuery(err)), err: err}
}

// stripURLQuery renders err with the query of any *url.Error's URL removed:
// the Alibaba SDK signs in the query, so it is all credentials and noise.
func stripURLQuery(err error) string {
	text := err.Error()
	var ue *url.Error
	if errors.As(err, &ue) {
		if u, perr := url.Parse(ue.URL); perr == nil && u.RawQuery != "" {
			bare := *u
			bare.RawQuery = ""
			text = strings.ReplaceAll(text, ue.URL, bare.String())
			// url.Error quotes the URL with %q, which escapes nothing in
			// a URL; but be safe if a future Go changes that.
			text = strings.ReplaceAll(text, u.RawQuery, redactedMark)
		}
	}
	return text
}

// maskLogs returns ctx with every tflog line written under it masked: the
// registered secret values and the secret patterns, in messages and in
// field values. Invoke logs through it; services may call MaskLogs for
// their own lines.
func (c *Client) maskLogs(ctx context.Context) context.Context {
	if secrets := c.secrets.list(); len(secrets) > 0 {
		ctx = tflog.MaskMessageStrings(ctx, secrets...)
		ctx = tflog.MaskAllFieldValuesStrings(ctx, secrets...)
	}
	res := make([]*regexp.Regexp, 0, len(secretPatterns))
	for _, p := range secretPatterns {
		res = append(res, p.re)
	}
	ctx = tflog.MaskMessageRegexes(ctx, res...)
	return tflog.MaskAllFieldValuesRegexes(ctx, res...)
}

// MaskLogs returns ctx with this client's secrets masked in every tflog
// line written under it (Invoke does this for its own lines).
func (c *Client) MaskLogs(ctx context.Context) context.Context { return c.maskLogs(ctx) }
