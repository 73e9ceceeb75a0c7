package mockcloud

import (
	"strconv"
	"time"
)

// NewSM3 exposes the SM3 hash to the external tests (its standard vectors).
var NewSM3 = newSM3

// TC3Authorization signs a POST / JSON request with TC3-HMAC-SHA256 for a
// given scope service and signed host (the parts the SDKs disagree on).
func TC3Authorization(secretID, secretKey, service, signedHost, timestamp string, body []byte) string {
	sig := tc3Signature(secretKey, service, "POST", "/", "", "application/json", signedHost, timestamp, body)
	date := unixDate(timestamp)
	return "TC3-HMAC-SHA256 Credential=" + secretID + "/" + date + "/" + service + "/tc3_request, SignedHeaders=content-type;host, Signature=" + sig
}

func unixDate(timestamp string) string {
	ts, _ := strconv.ParseInt(timestamp, 10, 64)
	return time.Unix(ts, 0).UTC().Format("2006-01-02")
}
