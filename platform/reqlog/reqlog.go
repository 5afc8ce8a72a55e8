// Package reqlog carries what a request's access-log line and its metrics say
// beyond what the HTTP layer sees: the GraphQL operation, its outcome code and
// who asked. The outermost middleware puts an empty Entry in the request's
// context; the layers that learn these facts fill it in (the GraphQL server the
// operation and code, the route behind authentication the viewer), and the
// middleware reads it once the answer is out.
package reqlog

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"jixiao/platform/viewer"
)

// OK is the code of an operation answered without errors.
const OK = "OK"

// Entry is one request's record. Its methods do nothing on a nil Entry, so code
// that runs outside a request (tests, the command line) need not check.
type Entry struct {
	mu        sync.Mutex
	graphql   bool
	operation string
	code      string
	viewer    string
}

// Fields are an Entry's contents.
type Fields struct {
	GraphQL   bool   // the GraphQL server answered an operation (its name may be "")
	Operation string // the operation's name, "" for an anonymous one
	Code      string // OK or the first error's extensions.code; "" when GraphQL is false
	Viewer    string // "anonymous", "user:ID:USERNAME" or "token:ID"; "" before authentication ran
}

type ctxKey struct{}

// NewContext returns ctx carrying a fresh Entry, and the Entry.
func NewContext(ctx context.Context) (context.Context, *Entry) {
	e := &Entry{}
	return context.WithValue(ctx, ctxKey{}, e), e
}

// FromContext returns the request's Entry, nil outside a request.
func FromContext(ctx context.Context) *Entry {
	e, _ := ctx.Value(ctxKey{}).(*Entry)
	return e
}

// maxName bounds the operation name kept: clients choose it.
const maxName = 128

// Operation records an operation the GraphQL server answered, and its outcome.
// An export runs one per page: the first error's code stays.
func (e *Entry) Operation(name, code string) {
	if e == nil {
		return
	}
	if len(name) > maxName {
		name = strings.ToValidUTF8(name[:maxName], "")
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.graphql, e.operation = true, name
	if e.code == "" || e.code == OK {
		e.code = code
	}
}

// Viewer records who asked: never a secret, only kinds, ids and usernames.
func (e *Entry) Viewer(v viewer.Viewer) {
	if e == nil {
		return
	}
	var s string
	switch v.Kind {
	case viewer.User:
		s = fmt.Sprintf("user:%d:%s", v.ID, v.Name)
	case viewer.Token:
		s = fmt.Sprintf("token:%d", v.ID)
	case viewer.System:
		s = "system:" + v.Name
	default:
		s = "anonymous"
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.viewer = s
}

// Fields returns what the entry holds now.
func (e *Entry) Fields() Fields {
	if e == nil {
		return Fields{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return Fields{GraphQL: e.graphql, Operation: e.operation, Code: e.code, Viewer: e.viewer}
}
