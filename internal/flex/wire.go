package flex

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// WireID is an id an API may send as a JSON number or a string. It keeps
// the decimal text, so ids beyond float64 precision lose no digits.
type WireID string

func (w *WireID) UnmarshalJSON(b []byte) error {
	s, err := numberOrString(b)
	*w = WireID(s)
	return err
}

// WireInt is an integer an API may send as a JSON number or a string.
type WireInt int64

func (w *WireInt) UnmarshalJSON(b []byte) error {
	s, err := numberOrString(b)
	if err != nil || s == "" {
		*w = 0
		return err
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("id %q is not an integer", s)
	}
	*w = WireInt(n)
	return nil
}

// numberOrString decodes a JSON number or string as text; null is "".
func numberOrString(b []byte) (string, error) {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		return "", nil
	}
	if len(b) > 0 && b[0] == '"' {
		var s string
		err := json.Unmarshal(b, &s)
		return s, err
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return "", fmt.Errorf("id %s is neither a number nor a string", b)
	}
	return n.String(), nil
}
