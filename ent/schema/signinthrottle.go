package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/platform/access"
)

// SignInThrottle counts failed sign-ins of one thing throttled (an account, an
// address, an account from an address, or a trusted device of an account). It lives
// in the database so that several API servers share it, and is only ever changed by
// compare-and-swap on failures, so parallel guesses are counted exactly (package auth).
type SignInThrottle struct{ ent.Schema }

func (SignInThrottle) Fields() []ent.Field {
	return []ent.Field{
		field.String("key").Sensitive().Unique().Immutable().
			Comment("SHA-256 of what is throttled; neither the name nor the address is stored"),
		field.Int("failures").Default(0).NonNegative(),
		field.Time("blocked_until").Optional().Nillable().
			Comment("no attempt is checked before then: the growing delay"),
		field.Time("trusted_until").Optional().Nillable().
			Comment("set on a device an account signed in from: it is exempt from the account's ceiling"),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now),
	}
}

func (SignInThrottle) Indexes() []ent.Index { return []ent.Index{index.Fields("updated_at")} }

func (SignInThrottle) Policy() ent.Policy { return access.SystemOnly() }

func (SignInThrottle) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
