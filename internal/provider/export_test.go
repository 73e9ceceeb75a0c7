package provider

import "github.com/hashicorp/terraform-plugin-go/tfprotov6"

// FastReads is how many reads a server of NewServer served on the fast
// path (0 for any other server).
func FastReads(server tfprotov6.ProviderServer) int64 {
	if s, ok := server.(*fastReadServer); ok {
		return s.served.Load()
	}
	return 0
}

// ProtoDiagnostics converts diagnostics as the fast path answers them.
var ProtoDiagnostics = protoDiagnostics
