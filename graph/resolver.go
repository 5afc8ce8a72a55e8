// Package graph holds the GraphQL resolvers: thin functions that call ent and the
// scoring package.
package graph

import "jixiao/ent"

// Resolver is the root resolver; one per server.
type Resolver struct {
	client *ent.Client
}

// NewResolver returns the root resolver over client.
func NewResolver(client *ent.Client) *Resolver { return &Resolver{client: client} }
