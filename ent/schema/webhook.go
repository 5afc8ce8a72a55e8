package schema

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"unicode/utf8"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	gen "jixiao/ent"
	"jixiao/ent/hook"
	"jixiao/platform/access"
	"jixiao/platform/inputerr"
)

// Webhook is an integration's endpoint, registered by an administrator: every
// committed change its filter accepts is POSTed to url, signed with secret
// (package webhooks). The secret is written, never read back through the API.
type Webhook struct{ ent.Schema }

func (Webhook) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

// Webhook limits.
const (
	MaxWebhookURL     = 2000
	MinWebhookSecret  = 16
	MaxWebhookSecret  = 200
	maxWebhookFilters = 50
)

func (Webhook) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Default("").Validate(maxChars(100)).Annotations(columnSize(100)).
			Annotations(entgql.OrderField("NAME")).Comment("what the integration is, for the administrators"),
		field.Text("url").NotEmpty().Validate(ValidWebhookURL).Comment("where deliveries are POSTed: an http or https URL"),
		field.String("secret").Sensitive().NotEmpty().Validate(validSecret).Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("the HMAC-SHA256 key of the X-Jixiao-Signature header; write-only"),
		field.JSON("entity_types", []string{}).Default([]string{}).
			Comment("the entity types it is told of (AuditRecord.entityType: Indicator, Evaluation…); empty: every type of the departments' data"),
		field.JSON("actions", []string{}).Default([]string{}).
			Comment("the actions it is told of (CREATE, UPDATE, DELETE); empty: all three"),
		field.Int("department_id").Optional().Nillable().
			Comment("limits it to the changes of this department's subtree"),
		field.Bool("active").Default(true).Comment("an inactive webhook is told nothing"),
		field.Int("created_by_id").Optional().Nillable().Immutable().Comment("the administrator who registered it"),
	}
}

func (Webhook) Edges() []ent.Edge {
	return []ent.Edge{
		// A scoped webhook keeps its department: deleting the department is refused
		// while a webhook names it (no SET NULL, which would widen it to everything).
		edge.To("department", Department.Type).Field("department_id").Unique().
			Annotations(entsql.OnDelete(entsql.NoAction)),
		edge.To("created_by", User.Type).Field("created_by_id").Unique().Immutable(),
		edge.To("deliveries", WebhookDelivery.Type).
			Annotations(entgql.RelayConnection()),
	}
}

func (Webhook) Hooks() []ent.Hook { return []ent.Hook{webhookFilters()} }

// webhookFilters checks the entity types and actions a webhook is set to (a
// JSON field has no validator of its own).
func webhookFilters() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.WebhookFunc(func(ctx context.Context, m *gen.WebhookMutation) (ent.Value, error) {
			if types, ok := m.EntityTypes(); ok {
				if err := validEntityTypes(types); err != nil {
					return nil, inputerr.New("entityTypes", "%v", err)
				}
			}
			if actions, ok := m.Actions(); ok {
				if err := validActions(actions); err != nil {
					return nil, inputerr.New("actions", "%v", err)
				}
			}
			if _, ok := m.AppendedEntityTypes(); ok {
				return nil, errors.New("webhook: set the entity types, do not append to them")
			}
			if _, ok := m.AppendedActions(); ok {
				return nil, errors.New("webhook: set the actions, do not append to them")
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne)
}

func (Webhook) Indexes() []ent.Index { return []ent.Index{index.Fields("active")} }

func (Webhook) Policy() ent.Policy { return access.Webhooks() }

func (Webhook) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField("webhooks"), entgql.RelayConnection(), entgql.MultiOrder()}
}

// ValidWebhookURL refuses anything but an absolute http or https URL with a host.
func ValidWebhookURL(s string) error {
	if n := utf8.RuneCountInString(s); n > MaxWebhookURL {
		return fmt.Errorf("must be at most %d characters, got %d", MaxWebhookURL, n)
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "" {
		return fmt.Errorf("must be an http or https URL such as https://example.org/jixiao, got %q", s)
	}
	if u.Fragment != "" {
		return errors.New("must not have a fragment (#…): it is never sent")
	}
	return nil
}

func validSecret(s string) error {
	n := utf8.RuneCountInString(s)
	if n < MinWebhookSecret || n > MaxWebhookSecret {
		return fmt.Errorf("must be %d to %d characters, got %d", MinWebhookSecret, MaxWebhookSecret, n)
	}
	return nil
}

func validEntityTypes(types []string) error {
	if len(types) > maxWebhookFilters {
		return fmt.Errorf("at most %d entity types, got %d", maxWebhookFilters, len(types))
	}
	for i, t := range types {
		if t == "" || len(t) > 64 {
			return fmt.Errorf("[%d]: an entity type is a name such as Indicator, got %q", i, t)
		}
		if slices.Contains(types[:i], t) {
			return fmt.Errorf("[%d]: %s is listed twice", i, t)
		}
	}
	return nil
}

// WebhookActions are the actions a webhook may ask for.
var WebhookActions = []string{"CREATE", "UPDATE", "DELETE"}

func validActions(actions []string) error {
	for i, a := range actions {
		if !slices.Contains(WebhookActions, a) {
			return fmt.Errorf("[%d]: %q is not one of CREATE, UPDATE, DELETE", i, a)
		}
		if slices.Contains(actions[:i], a) {
			return fmt.Errorf("[%d]: %s is listed twice", i, a)
		}
	}
	return nil
}
