// Package graph is the GraphQL layer: the gqlgen server (NewServer: transports,
// query limits, error presentation), the root Resolver and its resolvers. The
// resolvers read and write through ent, whose privacy rules (package access) and
// hooks decide what is allowed; computed fields are scored by assess (on top of
// scoring) from rows the per-request loaders (graph/loader) batch; rankings and
// score filters run as SQL from scoresql; workflow steps come from workflow and
// sign-in from auth.
package graph

import (
	"jixiao/ent"
	"jixiao/platform/auth"
	"jixiao/platform/events"
	"jixiao/platform/webhooks"
)

// Resolver is the root resolver; one per server.
type Resolver struct {
	client *ent.Client
	auth   *auth.Service
	hub    *events.Hub // the server's changes: subscriptions

	webhookTypes []string        // the entity types a webhook may ask for (webhookTypes)
	webhookGuard *webhooks.Guard // the addresses a webhook may be sent to (nil: the default guard)
}

// NewResolver returns the root resolver over client, signing users in through
// authn, with a hub of its own (one process; NewServer gives it the server's).
func NewResolver(client *ent.Client, authn *auth.Service) *Resolver {
	return &Resolver{client: client, auth: authn, hub: events.Local()}
}
