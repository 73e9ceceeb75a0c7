package mockcloud

import (
	"net/http"
	"strings"
)

// noPermissionCodes is how each product refuses a key that lacks the RAM
// permission for it. Sas documents 403 NoPermission; for products that
// document nothing the mock answers 403 Forbidden.RAM (an ASSUMPTION).
var noPermissionCodes = map[string]string{
	SasProduct: CodeNoPermission,
}

// deniedError is the answer for a call with a credential that lacks the
// permission for product, or nil if the call may proceed.
func deniedError(cred Credential, product string) *apiError {
	for _, p := range cred.DeniedProducts {
		if strings.EqualFold(p, product) {
			code, ok := noPermissionCodes[product]
			if !ok {
				code = "Forbidden.RAM"
			}
			return &apiError{Status: http.StatusForbidden, Code: code, Message: "You are not authorized to do this operation: the RAM user has no permission for " + product + "."}
		}
	}
	return nil
}
