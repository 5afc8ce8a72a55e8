package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/platform/access"
)

// WebhookDelivery is one event on its way to one webhook: written in the
// transaction of the change it tells of (so a committed change always has its
// deliveries, and a rolled-back one none), then claimed, sent and retried by the
// servers' dispatchers (package webhooks). It is the delivery log: the state of
// the last attempt. Bookkeeping of the server's, not a change of anybody's: it
// is not in the audit trail.
type WebhookDelivery struct{ ent.Schema }

func (WebhookDelivery) Fields() []ent.Field {
	return []ent.Field{
		field.Int("webhook_id").Immutable(),
		field.String("event_id").Immutable().Comment("the event's id, the same in every webhook's delivery of it"),
		field.String("entity_type").Immutable().Annotations(entgql.OrderField("ENTITY_TYPE")),
		field.Int("entity_id").Immutable(),
		field.String("action").Immutable().Comment("CREATE, UPDATE or DELETE"),
		field.Text("payload").Immutable().Comment("the request body, as signed and sent on every attempt"),
		field.Enum("status").Values("PENDING", "SENDING", "DELIVERED", "FAILED").Default("PENDING").
			Annotations(entgql.Type("WebhookDeliveryStatus"), entgql.OrderField("STATUS")).
			Comment("PENDING: waiting for its next attempt; SENDING: claimed by a server; DELIVERED: answered 2xx; FAILED: out of attempts"),
		field.Int("attempts").Default(0).Comment("attempts made so far"),
		field.Time("next_attempt_at").Optional().Nillable().Annotations(entgql.OrderField("NEXT_ATTEMPT_AT")).
			Comment("when a pending delivery is tried next"),
		field.Time("lease_until").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("a claim's end: a server that stopped mid-attempt leaves a delivery another may claim after it"),
		field.Time("last_attempt_at").Optional().Nillable(),
		field.Int("response_code").Optional().Nillable().Comment("the HTTP status of the last attempt"),
		field.String("error").Default("").Comment("why the last attempt failed"),
		field.Time("delivered_at").Optional().Nillable(),
		field.Time("created_at").Default(time.Now).Immutable().Annotations(entgql.OrderField("CREATED_AT")),
	}
}

func (WebhookDelivery) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("webhook", Webhook.Type).Ref("deliveries").Field("webhook_id").Unique().Required().Immutable(),
	}
}

func (WebhookDelivery) Indexes() []ent.Index {
	return []ent.Index{index.Fields("status", "next_attempt_at"), index.Fields("webhook_id", "created_at")}
}

func (WebhookDelivery) Policy() ent.Policy { return access.Deliveries() }

func (WebhookDelivery) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField("webhookDeliveries"), entgql.RelayConnection(), entgql.MultiOrder()}
}
