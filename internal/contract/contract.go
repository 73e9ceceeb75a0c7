// Package contract holds the vendors' published API definitions of the
// actions the provider calls and the mock serves, as committed JSON files
// (one per product) written by ./gen from the vendors' own repositories
// (each file names its sources and their commits). Tests and the mock's
// fidelity check read them; nothing here reaches the network.
package contract

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

//go:embed *.json
var files embed.FS

// Product is one product's contract file.
type Product struct {
	Product string `json:"product"`
	Vendor  string `json:"vendor"` // "alibaba" or "tencent"
	Version string `json:"version"`
	// Sources are the definitions this file was generated from.
	Sources []Source `json:"sources"`
	// CommonErrors are codes any action of the product may answer (the
	// gateway's common errors), with their source.
	CommonErrors []ErrorCode        `json:"common_errors,omitempty"`
	Actions      map[string]*Action `json:"actions"`
	Notes        []string           `json:"notes,omitempty"`
}

// Source names a definition: a repository, a path in it and the commit
// read, or a reference page.
type Source struct {
	Repository string `json:"repository,omitempty"`
	Path       string `json:"path,omitempty"`
	Commit     string `json:"commit,omitempty"`
	URL        string `json:"url,omitempty"`
}

// Action is one API action: what a request may hold, what an answer holds,
// the documented errors and examples.
type Action struct {
	Request  []*Param    `json:"request"`
	Response []*Param    `json:"response"`
	Errors   []ErrorCode `json:"errors,omitempty"`
	Examples []Example   `json:"examples,omitempty"`
	// Notes say where the sources are silent or disagree; our choice
	// starts with "ASSUMPTION".
	Notes []string `json:"notes,omitempty"`
}

// Param is a request parameter or a response field.
type Param struct {
	Name string `json:"name"`
	// Type is the JSON type: string, integer, number, boolean, array,
	// object, or any (free-form). For Alibaba RPC requests every value
	// travels as text; Type is what the text must parse as.
	Type string `json:"type"`
	// Wire is the definition's own type name (Go type or Tencent member).
	Wire     string `json:"wire,omitempty"`
	Required bool   `json:"required,omitempty"`
	// Position is where an Alibaba RPC parameter goes: query or body.
	Position string `json:"position,omitempty"`
	// ItemType is the JSON type of an array's items when they are scalars.
	ItemType string `json:"item_type,omitempty"`
	// Members are an object's fields, or an array's object items' fields.
	Members []*Param `json:"members,omitempty"`
	// AltTypes are other JSON types accepted, where sources disagree (a
	// note says which source says what).
	AltTypes  []string `json:"alt_types,omitempty"`
	Enum      []string `json:"enum,omitempty"`
	MinLength *int     `json:"min_length,omitempty"`
	MaxLength *int     `json:"max_length,omitempty"`
	Minimum   *float64 `json:"minimum,omitempty"`
	Maximum   *float64 `json:"maximum,omitempty"`
	Pattern   string   `json:"pattern,omitempty"`
	// MaxItems bounds a list: an array, or a string of Separator-joined
	// items.
	MaxItems  *int   `json:"max_items,omitempty"`
	Separator string `json:"separator,omitempty"`
	// WindowDays bounds the span between this time and its partner
	// (EndTime for StartTime).
	WindowDays *int     `json:"window_days,omitempty"`
	Example    string   `json:"example,omitempty"`
	Doc        string   `json:"doc,omitempty"`
	Notes      []string `json:"notes,omitempty"`
}

// ErrorCode is a documented error code.
type ErrorCode struct {
	Code        string `json:"code"`
	Description string `json:"description,omitempty"`
	// Kind is "throttling" or "not_found" where the definition's text
	// says so (or a note gives our reading).
	Kind string `json:"kind,omitempty"`
	// Source is where the code is documented, when not the file's
	// generated sources (an API reference page, a vendor's provider).
	Source string `json:"source,omitempty"`
	// Assumption is set for a code the mock answers that no source
	// documents for the action; Description says why.
	Assumption bool `json:"assumption,omitempty"`
}

// Example is a documented request/response example.
type Example struct {
	Title  string `json:"title,omitempty"`
	Input  string `json:"input,omitempty"`
	Output string `json:"output"`
}

var (
	loadOnce sync.Once
	loaded   map[string]*Product
	loadErr  error
)

func loadAll() {
	loaded = map[string]*Product{}
	entries, err := files.ReadDir(".")
	if err != nil {
		loadErr = err
		return
	}
	for _, e := range entries {
		data, err := files.ReadFile(e.Name())
		if err != nil {
			loadErr = err
			return
		}
		var p Product
		if err := json.Unmarshal(data, &p); err != nil {
			loadErr = fmt.Errorf("contract %s: %w", e.Name(), err)
			return
		}
		loaded[strings.TrimSuffix(e.Name(), ".json")] = &p
	}
}

// Load returns the contract of a product by its file name ("cloudaudit",
// "actiontrail", "cdn", "dcdn", "sas", "sts_alibaba", "sts_tencent").
func Load(name string) (*Product, error) {
	loadOnce.Do(loadAll)
	if loadErr != nil {
		return nil, loadErr
	}
	p, ok := loaded[name]
	if !ok {
		return nil, fmt.Errorf("contract: no product %q", name)
	}
	return p, nil
}

// MustLoad is Load for tests and package initialisation.
func MustLoad(name string) *Product {
	p, err := Load(name)
	if err != nil {
		panic(err)
	}
	return p
}

// Names lists the products, sorted.
func Names() []string {
	loadOnce.Do(loadAll)
	out := make([]string, 0, len(loaded))
	for n := range loaded {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Param returns a request parameter of an action (nil if undocumented).
func (a *Action) Param(name string) *Param { return find(a.Request, name) }

// Field returns a top-level response field of an action.
func (a *Action) Field(name string) *Param { return find(a.Response, name) }

// Member returns an object's (or object array's) member.
func (p *Param) Member(name string) *Param { return find(p.Members, name) }

func find(ps []*Param, name string) *Param {
	for _, p := range ps {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// Error returns the documented error code of an action, or of the
// product's common errors.
func (p *Product) Error(action, code string) (ErrorCode, bool) {
	if a := p.Actions[action]; a != nil {
		for _, e := range a.Errors {
			if e.Code == code {
				return e, true
			}
		}
	}
	for _, e := range p.CommonErrors {
		if e.Code == code {
			return e, true
		}
	}
	return ErrorCode{}, false
}

// ActionNames lists the actions, sorted.
func (p *Product) ActionNames() []string {
	out := make([]string, 0, len(p.Actions))
	for n := range p.Actions {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
