package conns_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// Every conns.Create a service builds sets Stop: without it, Ctrl-C during
// the look-up after a create's deadline waits the look-up's whole bound
// (FindTimeout) instead of CancelFindTimeout.
func TestCreateCallersSetStop(t *testing.T) {
	fset := token.NewFileSet()
	found := 0
	err := filepath.WalkDir("../service", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.CompositeLit)
			if !ok || !isConnsCreate(lit.Type) {
				return true
			}
			found++
			for _, e := range lit.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Stop" {
						return true
					}
				}
			}
			t.Errorf("%s: conns.Create without Stop", fset.Position(lit.Pos()))
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found == 0 {
		t.Fatal("no conns.Create literal found under internal/service: the scan is broken")
	}
}

// isConnsCreate is true for conns.Create[T].
func isConnsCreate(e ast.Expr) bool {
	if ix, ok := e.(*ast.IndexExpr); ok {
		e = ix.X
	}
	sel, ok := e.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Create" {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "conns"
}
