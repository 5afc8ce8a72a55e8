package webhooks

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"time"

	"jixiao/ent"
	"jixiao/ent/privacy"
	"jixiao/ent/webhook"
	"jixiao/platform/access"
	"jixiao/platform/events"
	"jixiao/platform/viewer"
)

// Enqueue writes a pending delivery of each event to each active webhook that
// accepts it, through the transaction in ctx (ent.FromContext): the deliveries
// commit with the change or not at all. It is an events.Hub BeforeCommit step.
func Enqueue(ctx context.Context, evs []events.Event) error {
	client := ent.FromContext(ctx)
	if client == nil {
		return fmt.Errorf("webhooks: no transaction in the context")
	}
	sys := privacy.DecisionContext(ctx, privacy.Allow)
	hooks, err := client.Webhook.Query().Where(webhook.Active(true)).WithDepartment().All(sys)
	if err != nil || len(hooks) == 0 {
		return err
	}
	now := time.Now()
	var creates []*ent.WebhookDeliveryCreate
	for _, e := range evs {
		for _, w := range hooks {
			if !Accepts(w, e) {
				continue
			}
			body, err := Body(w.ID, e)
			if err != nil {
				return err
			}
			creates = append(creates, client.WebhookDelivery.Create().
				SetWebhookID(w.ID).SetEventID(e.ID).SetEntityType(e.EntityType).SetEntityID(e.EntityID).
				SetAction(e.Action).SetPayload(string(body)).SetNextAttemptAt(now).SetCreatedAt(now))
		}
	}
	for chunk := range slices.Chunk(creates, 500) {
		if err := client.WebhookDelivery.CreateBulk(chunk...).Exec(sys); err != nil {
			return err
		}
	}
	return nil
}

// Accepts reports whether webhook w (its department loaded) is told of e: its
// filter's entity types (or, when it lists none, every type an API token reads)
// and actions, and what an API token of its scope may read (access.MayHear): a
// webhook of a department subtree hears that subtree's changes only.
func Accepts(w *ent.Webhook, e events.Event) bool {
	if len(w.EntityTypes) > 0 && !slices.Contains(w.EntityTypes, e.EntityType) {
		return false
	}
	if len(w.Actions) > 0 && !slices.Contains(w.Actions, e.Action) {
		return false
	}
	return access.MayHear(Viewer(w), e)
}

// Viewer is who a webhook reads as: an API token of its scope.
func Viewer(w *ent.Webhook) viewer.Viewer {
	v := viewer.Viewer{Kind: viewer.Token, Name: "webhook " + strconv.Itoa(w.ID)}
	if w.DepartmentID != nil {
		d := w.Edges.Department
		if d == nil {
			// Not loaded: a scope nobody is in, rather than everything.
			return viewer.Viewer{Kind: viewer.Token, Scope: &viewer.Scope{Root: *w.DepartmentID, Prefix: "\x00"}}
		}
		v.Scope = &viewer.Scope{Root: d.ID, Prefix: fmt.Sprintf("%s%d/", d.Path, d.ID)}
	}
	return v
}

// Payload is the body of a delivery.
type Payload struct {
	WebhookID string `json:"webhookID"`
	Event     Event  `json:"event"`
}

// Event is a change as a delivery tells it: the GraphQL ChangeEvent's fields,
// ids as strings.
type Event struct {
	ID               string  `json:"id"`
	EntityType       string  `json:"entityType"`
	EntityID         string  `json:"entityID"`
	Action           string  `json:"action"`
	DepartmentYearID *string `json:"departmentYearID"`
	ProjectID        *string `json:"projectID"`
	DepartmentID     *string `json:"departmentID"`
	Actor            Actor   `json:"actor"`
	At               string  `json:"at"`
	RequestID        string  `json:"requestID"`
}

// Actor is who made a change.
type Actor struct {
	Kind string  `json:"kind"`
	ID   *string `json:"id"`
	Name string  `json:"name"`
}

// Body is the JSON body of e's delivery to webhook id.
func Body(webhookID int, e events.Event) ([]byte, error) {
	ref := func(id int) *string {
		if id == 0 {
			return nil
		}
		s := strconv.Itoa(id)
		return &s
	}
	return json.Marshal(Payload{WebhookID: strconv.Itoa(webhookID), Event: Event{
		ID: e.ID, EntityType: e.EntityType, EntityID: strconv.Itoa(e.EntityID), Action: e.Action,
		DepartmentYearID: ref(e.DepartmentYearID), ProjectID: ref(e.ProjectID), DepartmentID: ref(e.DepartmentID),
		Actor: Actor{Kind: e.ActorKind, ID: ref(e.ActorID), Name: e.ActorName},
		At:    e.At.UTC().Format(time.RFC3339Nano), RequestID: e.RequestID,
	}})
}
