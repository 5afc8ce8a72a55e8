// Package viewer carries who is asking through a request's context: a signed-in
// user with a role, an integration's API token, the system itself, or nobody.
package viewer

import "context"

// Kind tells what sort of caller a Viewer is.
type Kind int

const (
	Anonymous Kind = iota // nobody signed in: reads published evaluations only
	User                  // a person with a role
	Token                 // an integration's API token: read-only
	System                // the server itself: the demo loader, the command line
)

// Role is a user's role (ent/schema/user.go).
type Role string

const (
	Admin    Role = "ADMIN"    // the finance bureau: everything
	Reviewer Role = "REVIEWER" // reads everything; approves or returns submissions
	Editor   Role = "EDITOR"   // edits and submits one department subtree
	Analyst  Role = "ANALYST"  // reads everything, writes nothing
)

// Scope is a department subtree: the department Root and every department whose
// path starts with Prefix.
type Scope struct {
	Root   int
	Prefix string
}

// Viewer is who is asking.
type Viewer struct {
	Kind  Kind
	ID    int    // the user's or the token's id
	Name  string // for audit records and logs
	Role  Role   // users only
	Scope *Scope // what an editor or a limited token is confined to; nil = everything
}

// Name of the system viewer for a job, e.g. "demo".
func NewSystem(job string) Viewer { return Viewer{Kind: System, Name: job} }

type ctxKey struct{}

// NewContext returns ctx carrying v.
func NewContext(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, ctxKey{}, v)
}

// FromContext returns the viewer of ctx; Anonymous when there is none.
func FromContext(ctx context.Context) Viewer {
	v, _ := ctx.Value(ctxKey{}).(Viewer)
	return v
}

// SeesEverything reports whether v reads every department's data.
func (v Viewer) SeesEverything() bool {
	switch v.Kind {
	case System:
		return true
	case Token:
		return v.Scope == nil
	case User:
		return v.Role != Editor
	}
	return false
}
