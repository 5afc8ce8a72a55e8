// Package events announces committed changes to whoever listens in the server:
// GraphQL subscriptions and the webhook dispatcher.
//
// An Event is one changed row, told by the audit hook (package audit) as it
// writes the row's AuditRecord: which entity and id, the action, where it
// belongs (department-year, project, department), who, when and through which
// request. The hook adds it to the Batch of the request's transaction; the
// Hub announces the batch only once that transaction has committed, so a
// refused or rolled-back change announces nothing.
//
// Within one process the Bus fans events out to its subscribers, each with a
// bounded buffer: a subscriber too slow to keep up is dropped, never waited
// for. Several servers on one PostgreSQL database hear each other's changes
// through NOTIFY, sent inside the committing transaction (PostgreSQL delivers
// it at commit, and never for a rolled-back one), and a LISTEN connection per
// server that publishes what it hears into that server's Bus (Listener). SQLite
// has one writer, one process: its events reach the process that made them only.
package events

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"
)

// Actions, as the audit trail names them.
const (
	Create = "CREATE"
	Update = "UPDATE"
	Delete = "DELETE"
)

// Actor kinds, as the audit trail names them.
const (
	ActorUser   = "USER"
	ActorToken  = "TOKEN"
	ActorSystem = "SYSTEM"
)

// Event is one committed change of one row. It is small (ids, not values): a
// NOTIFY payload carries a few dozen of them, and whoever receives one reads
// the row again under its own access rules.
type Event struct {
	ID         string    `json:"id"` // unique, random: receivers may use it to tell repeats
	EntityType string    `json:"t"`  // the ent type, as AuditRecord.entityType: "Indicator"
	EntityID   int       `json:"i"`  // the row's id
	Action     string    `json:"a"`  // CREATE, UPDATE or DELETE
	Place                // where the row belongs; zero where it belongs to no department
	ActorKind  string    `json:"k"`           // USER, TOKEN or SYSTEM
	ActorID    int       `json:"u,omitempty"` // the user's or token's id
	ActorName  string    `json:"n,omitempty"` // as the audit trail names the actor
	At         time.Time `json:"at"`          // when the change was made (before its commit)
	RequestID  string    `json:"r,omitempty"` // the request's X-Request-ID
	// Resync marks a signal, not a change: changes may have been missed (the
	// LISTEN connection broke and is back), so whoever shows data reads it again.
	// The Bus gives it to every subscriber whatever its filter.
	Resync bool `json:"resync,omitempty"`
}

// ResyncType is the EntityType of a resync signal.
const ResyncType = "RESYNC"

// NewResync is a resync signal made now: changes may have been missed.
func NewResync() Event {
	return Event{ID: NewID(), EntityType: ResyncType, Action: Update, ActorKind: ActorSystem, At: time.Now().UTC(), Resync: true}
}

// Place is where a row belongs: the department-year (and project) whose data it
// is, and the department with its path of ancestors ("/1/5/"), by which a
// department subtree's subscribers and webhooks are told its changes.
type Place struct {
	DepartmentYearID int    `json:"y,omitempty"`
	ProjectID        int    `json:"p,omitempty"`
	DepartmentID     int    `json:"d,omitempty"`
	DepartmentPath   string `json:"dp,omitempty"`
}

// Within reports whether the place lies in the department subtree whose root is
// root and whose descendants' paths start with prefix (viewer.Scope's terms).
func (p Place) Within(root int, prefix string) bool {
	if p.DepartmentID == 0 {
		return false
	}
	return p.DepartmentID == root || (prefix != "" && len(p.DepartmentPath) >= len(prefix) && p.DepartmentPath[:len(prefix)] == prefix)
}

// NewID is a new event id: 16 random bytes in hex.
func NewID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand does not fail on supported platforms
	return hex.EncodeToString(b)
}

// Batch collects the events of one transaction until it commits. It is safe
// for the concurrent resolvers of one request.
type Batch struct {
	mu     sync.Mutex
	events []Event
	places map[string]Place
}

type batchKey struct{}

// WithBatch returns ctx carrying a new batch, for a transaction about to begin.
func WithBatch(ctx context.Context) (context.Context, *Batch) {
	b := &Batch{}
	return context.WithValue(ctx, batchKey{}, b), b
}

// FromContext is the batch of ctx's transaction; nil outside one, where changes
// are not announced (the command line, the demo loader).
func FromContext(ctx context.Context) *Batch {
	b, _ := ctx.Value(batchKey{}).(*Batch)
	return b
}

// Add appends e, giving it an id when it has none.
func (b *Batch) Add(e Event) {
	if e.ID == "" {
		e.ID = NewID()
	}
	b.mu.Lock()
	b.events = append(b.events, e)
	b.mu.Unlock()
}

// Events are the events added so far, in order.
func (b *Batch) Events() []Event {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Event(nil), b.events...)
}

// Place answers where the row named key belongs ("DepartmentYear:42"), asking
// find once per transaction: the rows of one change mostly share a year.
func (b *Batch) Place(key string, find func() (Place, error)) (Place, error) {
	b.mu.Lock()
	p, ok := b.places[key]
	b.mu.Unlock()
	if ok {
		return p, nil
	}
	p, err := find()
	if err != nil {
		return p, err
	}
	b.mu.Lock()
	if b.places == nil {
		b.places = map[string]Place{}
	}
	b.places[key] = p
	b.mu.Unlock()
	return p, nil
}
