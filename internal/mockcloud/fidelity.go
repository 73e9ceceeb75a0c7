package mockcloud

import (
	"errors"
	"fmt"
	"sort"
	"sync"

	"github.com/cloudtrack/terraform-provider-cloudtrack/internal/contract"
)

// The fidelity check (Options.ContractCheck): every request a handler
// serves is compared with the vendor's published definition of its action
// (internal/contract), and so are the handler's answer (fields and JSON
// types) and its error code (documented for the action, or listed as an
// ASSUMPTION in the contract). internal/acctest switches it on for every
// acceptance test and fails a test whose traffic differed, so the whole
// acceptance suite is the coverage.

// contractFiles maps the mock's product codes to contract files.
var contractFiles = map[string]string{
	ActionTrailProduct: "actiontrail",
	CDNProduct:         "cdn",
	DCDNProduct:        "dcdn",
	SasProduct:         "sas",
	StsProduct:         "sts_alibaba",
	CloudAuditProduct:  "cloudaudit",
	StsTencentProduct:  "sts_tencent",
}

// ContractViolation is one difference between traffic and the contract.
type ContractViolation struct {
	Product string `json:"product"`
	Action  string `json:"action"`
	// Kind is "request", "response" or "error".
	Kind   string `json:"kind"`
	Detail string `json:"detail"`
}

func (v ContractViolation) String() string {
	return fmt.Sprintf("%s %s (%s): %s", v.Product, v.Action, v.Kind, v.Detail)
}

type fidelity struct {
	mu         sync.Mutex
	violations []ContractViolation
}

// checkContract is the fronts' hook, called after a handler ran: request
// checks the request against the action's contract (nil: the request has
// no form the contract can judge), result and err are the handler's
// answer.
func (s *Server) checkContract(product, action string, request func(*contract.Product) []string, result any, err error) {
	if s.fidelity == nil {
		return
	}
	file, ok := contractFiles[product]
	if !ok {
		return
	}
	c, lerr := contract.Load(file)
	if lerr != nil {
		s.fidelity.add(ContractViolation{product, action, "request", lerr.Error()})
		return
	}
	var diffs []string
	if request != nil {
		diffs = request(c)
	}
	for _, d := range diffs {
		s.fidelity.add(ContractViolation{product, action, "request", d})
	}
	if err != nil {
		var ae *apiError
		if errors.As(err, &ae) {
			s.checkErrorCode(product, action, ae.Code)
		}
		return
	}
	data, merr := withRequestID(result, "00000000-0000-0000-0000-000000000000")
	if merr != nil {
		return // the front answers InternalError
	}
	for _, d := range c.CheckResponse(action, data) {
		s.fidelity.add(ContractViolation{product, action, "response", d})
	}
}

// checkErrorCode holds an error code the mock answers for an action to
// the contract: documented for the action or common to the product, or
// listed as an ASSUMPTION. The fronts call it for their own refusals
// (signature, token, permission, throttling) as checkContract does for
// the handlers' errors; a fault a test injects is the test's choice and
// is not checked.
func (s *Server) checkErrorCode(product, action, code string) {
	if s.fidelity == nil {
		return
	}
	file, ok := contractFiles[product]
	if !ok {
		return
	}
	c, err := contract.Load(file)
	if err != nil {
		s.fidelity.add(ContractViolation{product, action, "error", err.Error()})
		return
	}
	if _, documented := c.Error(action, code); !documented {
		s.fidelity.add(ContractViolation{product, action, "error", fmt.Sprintf("%s: error code %s is not documented for the action (nor an ASSUMPTION in the contract)", action, code)})
	}
}

func (f *fidelity) add(v ContractViolation) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, have := range f.violations {
		if have == v {
			return
		}
	}
	f.violations = append(f.violations, v)
}

// ContractViolations returns the differences the fidelity check found so
// far (each once), or nil when Options.ContractCheck is off.
func (s *Server) ContractViolations() []ContractViolation {
	if s.fidelity == nil {
		return nil
	}
	s.fidelity.mu.Lock()
	defer s.fidelity.mu.Unlock()
	return append([]ContractViolation(nil), s.fidelity.violations...)
}

// ServedActions lists, by contract file name, the actions the mock serves
// (make contract compares them with the contract's).
func (s *Server) ServedActions() map[string][]string {
	out := map[string][]string{}
	for k, r := range s.rpc {
		if f, ok := contractFiles[r.product]; ok {
			out[f] = append(out[f], k.action)
		}
	}
	for k, r := range s.tc {
		if f, ok := contractFiles[r.product]; ok {
			out[f] = append(out[f], k.action)
		}
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
}

// CloudAuditLookupKeys are the LookUpEvents AttributeKey values the mock
// accepts (a test compares them with the contract's enum).
func CloudAuditLookupKeys() []string {
	out := make([]string, 0, len(caLookupKeys))
	for k := range caLookupKeys {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
