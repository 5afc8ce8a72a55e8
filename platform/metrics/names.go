package metrics

import (
	"regexp"
	"sync"
)

// MaxOperations bounds the operation names that get series of their own.
// Clients choose the names: without a bound, each new one would add series to
// every scrape, for as long as the process runs.
const MaxOperations = 200

// Labels of the operations that have no series of their own.
const (
	Anonymous = "anonymous" // an operation without a name, or a request the server could not read
	Other     = "other"     // a name past MaxOperations, or not a plain GraphQL name
)

var (
	operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)
	codeName      = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,39}$`)
)

// names admits operation names as labels, first come first served, up to max.
type names struct {
	mu   sync.Mutex
	max  int
	seen map[string]bool
}

func newNames(max int) *names { return &names{max: max, seen: map[string]bool{}} }

// label is the operation label of name.
func (n *names) label(name string) string {
	switch {
	case name == "":
		return Anonymous
	case !operationName.MatchString(name):
		return Other
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.seen[name] {
		return name
	}
	if len(n.seen) >= n.max {
		return Other
	}
	n.seen[name] = true
	return name
}

// codeLabel is code when it looks like one of the API's codes, else OTHER: the
// server chooses codes, but a bad one must not become a label of its own.
func codeLabel(code string) string {
	if codeName.MatchString(code) {
		return code
	}
	return "OTHER"
}
