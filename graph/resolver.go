// Package graph holds the GraphQL resolvers: thin functions that call ent and the
// scoring package.
package graph

import (
	"jixiao/auth"
	"jixiao/ent"
)

// Resolver is the root resolver; one per server.
type Resolver struct {
	client *ent.Client
	auth   *auth.Service
}

// NewResolver returns the root resolver over client, signing users in through authn.
func NewResolver(client *ent.Client, authn *auth.Service) *Resolver {
	return &Resolver{client: client, auth: authn}
}
