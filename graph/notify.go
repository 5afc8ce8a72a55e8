package graph

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"jixiao/ent"
	"jixiao/ent/auditrecord"
	"jixiao/ent/department"
	"jixiao/ent/roundparticipant"
	"jixiao/graph/loader"
	"jixiao/graph/model"
	"jixiao/platform/access"
	"jixiao/platform/auth"
	"jixiao/platform/events"
	"jixiao/platform/inputerr"
	"jixiao/platform/reqid"
	"jixiao/platform/viewer"
	"jixiao/platform/webhooks"
)

// Option configures NewServer.
type Option func(*options)

type options struct {
	hub          *events.Hub
	origins      []string
	timeout      time.Duration
	webhookGuard *webhooks.Guard
}

// WithWebhookGuard checks the URLs of webhooks being created or changed with g
// (the dispatcher's, so that both refuse the same addresses); nil: the default
// guard (loopback, link-local, unspecified and multicast refused).
func WithWebhookGuard(g *webhooks.Guard) Option { return func(o *options) { o.webhookGuard = g } }

// WithEvents announces the mutations' committed changes through hub and serves
// subscriptions from its bus. Without it the server has a hub of its own: one
// process, no webhooks.
func WithEvents(hub *events.Hub) Option { return func(o *options) { o.hub = hub } }

// WithOrigins lets browsers on these origins (scheme://host[:port], the CORS
// list) open the subscriptions' websocket; the server's own origin always may.
func WithOrigins(origins []string) Option {
	return func(o *options) { o.origins = append(o.origins, origins...) }
}

// WithTimeout bounds each query and mutation sent over the subscriptions'
// websocket, as the HTTP layer bounds each request (the websocket itself lasts).
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// Subscriptions are served over a websocket at /query (graphql-transport-ws,
// and the older graphql-ws). Timings of the connection:
const (
	wsInitTimeout  = 10 * time.Second // for the client's connection_init
	wsPing         = 30 * time.Second // the server pings; a client that answers no pong in twice this is gone
	wsRecheckEvery = time.Minute      // how often a connection's session or token is checked again
	// subscriptionBuffer bounds the events waiting for one subscription: one
	// that falls further behind is dropped (code DROPPED) and subscribes again.
	subscriptionBuffer = 64
)

// CodeDropped ends a subscription that fell behind the changes.
const CodeDropped = "DROPPED"

// websocketTransport is the subscriptions' transport: gqlgen's, over
// coder/websocket (gqlgen's default implementation), which refuses an upgrade
// whose Origin is neither the server's host nor one of origins, so that another
// site's page cannot open one with the user's cookie.
func websocketTransport(authn *auth.Service, hub *events.Hub, origins []string, log *slog.Logger) transport.Websocket {
	var patterns []string
	for _, o := range origins {
		if u, err := url.Parse(o); err == nil && u.Host != "" {
			patterns = append(patterns, u.Host)
		}
	}
	return transport.Websocket{
		Implementation:        transport.CoderWebsocketImplementation{AcceptOptions: websocket.AcceptOptions{OriginPatterns: patterns}},
		InitTimeout:           wsInitTimeout,
		KeepAlivePingInterval: wsPing,
		PingPongInterval:      wsPing,
		InitFunc:              initConnection(authn, hub),
		ErrorFunc: func(ctx context.Context, err error) {
			log.DebugContext(ctx, "websocket", "error", err)
		},
	}
}

type websocketKey struct{}

// initConnection accepts a websocket's connection_init. The caller was
// identified from the upgrade request as any other (the session cookie, or an
// Authorization header); a browser signed in with a cookie must also send its
// CSRF token as the payload's csrfToken, as it does with every POST. The
// connection then lasts until the client leaves, the server shuts down, or the
// caller's session or token stops holding (signed out, disabled, a changed role
// or password, a revoked token): checked when their user or token changes and
// every minute.
func initConnection(authn *auth.Service, hub *events.Hub) transport.WebsocketInitFunc {
	return func(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
		if want := auth.CSRFToken(ctx); want != "" {
			if got := payload.GetString("csrfToken"); subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
				// graphql-transport-ws tells a refusal by the close frame: 4403 and a short reason.
				ctx = transport.WithWebsocketCloseCode(ctx, 4403)
				ctx = transport.AppendCloseReason(ctx, "CSRF: send the session's csrfToken in connection_init")
				return ctx, nil, errors.New("CSRF: a signed-in browser must send its CSRF token as csrfToken in connection_init's payload (the me query gives it)")
			}
		}
		v := viewer.FromContext(ctx)
		ctx, cancel := context.WithCancelCause(context.WithValue(ctx, websocketKey{}, true))
		go keepChecking(ctx, cancel, authn, hub.Bus, v)
		return ctx, nil, nil
	}
}

// keepChecking ends the connection of v when the server closes its bus or v
// stops being who the connection was opened as.
func keepChecking(ctx context.Context, cancel context.CancelCauseFunc, authn *auth.Service, bus *events.Bus, v viewer.Viewer) {
	mine := func(e events.Event) bool {
		return (v.Kind == viewer.User && e.EntityType == ent.TypeUser && e.EntityID == v.ID) ||
			(v.Kind == viewer.Token && e.EntityType == ent.TypeAPIToken && e.EntityID == v.ID)
	}
	sub := bus.Subscribe(4, mine)
	defer func() { sub.Close() }()
	tick := time.NewTicker(wsRecheckEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-sub.Events():
			if !ok && !sub.Dropped() {
				cancel(errors.New("the server is shutting down"))
				return
			}
			if !ok {
				sub = bus.Subscribe(4, mine) // fell behind its own changes: check now, and go on
			}
		case <-tick.C:
			if v.Kind == viewer.Anonymous {
				continue
			}
		}
		now, err := authn.Recheck(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil || !sameViewer(now, v) {
			cancel(errors.New("the session or token changed: connect again"))
			return
		}
	}
}

// sameViewer reports whether a and b are the same caller with the same rights.
func sameViewer(a, b viewer.Viewer) bool {
	if a.Kind != b.Kind || a.ID != b.ID || a.Role != b.Role || (a.Scope == nil) != (b.Scope == nil) {
		return false
	}
	return a.Scope == nil || *a.Scope == *b.Scope
}

// overWebsocket refuses a subscription sent by GET or POST (it would wait for
// its first event until the request timed out), and gives a query or mutation
// sent over the websocket the deadline an HTTP request has.
func overWebsocket(timeout time.Duration) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		oc := graphql.GetOperationContext(ctx)
		on, _ := ctx.Value(websocketKey{}).(bool)
		switch {
		case oc.Operation == nil:
			return next(ctx)
		case oc.Operation.Operation == ast.Subscription && !on:
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
				Message:    "subscriptions are served over a websocket at /query (protocol graphql-transport-ws)",
				Extensions: map[string]any{"code": CodeBadRequest},
			}}})
		case oc.Operation.Operation == ast.Subscription || !on || timeout <= 0:
			return next(ctx)
		}
		ctx, cancel := context.WithTimeout(ctx, timeout)
		responses := next(ctx)
		return func(rctx context.Context) *graphql.Response {
			defer cancel()
			rctx, stop := context.WithDeadline(rctx, deadlineOf(ctx))
			defer stop()
			return responses(rctx)
		}
	}
}

func deadlineOf(ctx context.Context) time.Time {
	d, _ := ctx.Deadline()
	return d
}

// freshLoaders gives each response of a subscription loaders of its own: the
// connection's would serve every later response from its first one's cache.
type freshLoaders struct{ client *ent.Client }

var _ interface {
	graphql.HandlerExtension
	graphql.ResponseInterceptor
} = freshLoaders{}

func (freshLoaders) ExtensionName() string                   { return "SubscriptionLoaders" }
func (freshLoaders) Validate(graphql.ExecutableSchema) error { return nil }

func (f freshLoaders) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if graphql.HasOperationContext(ctx) {
		if op := graphql.GetOperationContext(ctx).Operation; op != nil && op.Operation == ast.Subscription {
			ctx = loader.NewContext(ctx, loader.New(f.client, loader.Wait))
		}
	}
	return next(ctx)
}

// own reports whether v made the change e.
func own(v viewer.Viewer, e events.Event) bool {
	switch v.Kind {
	case viewer.User:
		return e.ActorKind == events.ActorUser && e.ActorID == v.ID
	case viewer.Token:
		return e.ActorKind == events.ActorToken && e.ActorID == v.ID
	}
	return false
}

// follow sends read's answer each time an event match accepts arrives, until
// ctx ends or read finds nothing (the row is gone, or no longer the
// subscriber's to read). Events that arrive while one answer waits to be sent
// are answered by the next read together.
func follow[T any](ctx context.Context, hub *events.Hub, match func(events.Event) bool, read func(context.Context) (T, error)) <-chan T {
	sub := hub.Bus.Subscribe(subscriptionBuffer, match)
	hub.Subscribed(1)
	out := make(chan T)
	go func() {
		defer hub.Subscribed(-1)
		defer close(out)
		defer sub.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case _, ok := <-sub.Events():
				if !ok {
					endSubscription(ctx, sub)
					return
				}
			}
		drain:
			for {
				select {
				case _, ok := <-sub.Events():
					if !ok {
						break drain
					}
				default:
					break drain
				}
			}
			v, err := read(ctx)
			if err != nil {
				if !ent.IsNotFound(err) && ctx.Err() == nil {
					transport.AddSubscriptionError(ctx, &gqlerror.Error{Message: "internal error", Extensions: map[string]any{"code": CodeInternal}})
				}
				return
			}
			select {
			case out <- v:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// endSubscription tells a subscriber dropped for falling behind why it ends.
func endSubscription(ctx context.Context, sub *events.Subscription) {
	if sub.Dropped() && ctx.Err() == nil {
		transport.AddSubscriptionError(ctx, &gqlerror.Error{
			Message:    "the subscription fell behind the changes and was dropped: subscribe again (and read what you show afresh)",
			Extensions: map[string]any{"code": CodeDropped},
		})
	}
}

// changeStream is the stream of the `changes` subscription: every event v may hear.
func changeStream(ctx context.Context, hub *events.Hub, v viewer.Viewer, types []string, includeOwn bool) <-chan *events.Event {
	sub := hub.Bus.Subscribe(subscriptionBuffer, func(e events.Event) bool {
		return (len(types) == 0 || slices.Contains(types, e.EntityType)) && (includeOwn || !own(v, e)) && access.MayHear(v, e)
	})
	hub.Subscribed(1)
	out := make(chan *events.Event)
	go func() {
		defer hub.Subscribed(-1)
		defer close(out)
		defer sub.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case e, ok := <-sub.Events():
				if !ok {
					endSubscription(ctx, sub)
					return
				}
				select {
				case out <- &e:
				case <-ctx.Done():
					return
				}
			}
		}
	}()
	return out
}

// touches reports whether e changes the data of department-year year: the year
// itself or any row of it.
func touches(e events.Event, year int) bool { return e.DepartmentYearID == year }

// webhookTypes are the entity types a webhook's filter may name: the types of
// the API's nodes an API token may read (no users, tokens or webhooks).
func webhookTypes(schema graphql.ExecutableSchema) []string {
	var out []string
	token := viewer.Viewer{Kind: viewer.Token}
	for name, def := range schema.Schema().Types {
		if def.Kind != ast.Object || !slices.Contains(def.Interfaces, "Node") {
			continue
		}
		if access.MayHear(token, events.Event{EntityType: name, Place: events.Place{DepartmentID: 1}}) {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// checkEntityTypes refuses a webhook filter naming a type it cannot hear of.
func (r *Resolver) checkEntityTypes(types []string) error {
	for i, t := range types {
		if !slices.Contains(r.webhookTypes, t) {
			return &gqlerror.Error{
				Message:    fmt.Sprintf("entityTypes[%d]: %q is not one of %s", i, t, strings.Join(r.webhookTypes, ", ")),
				Extensions: map[string]any{"code": CodeBadUserInput, "field": "entityTypes"},
			}
		}
	}
	return nil
}

// checkWebhookURL refuses a webhook URL whose host is, or resolves to, an
// address the guard refuses: BAD_USER_INPUT on field url, reason
// WEBHOOK_URL_REFUSED with the host, the address and why (LOOPBACK, LINK_LOCAL,
// UNSPECIFIED, MULTICAST).
func (r *Resolver) checkWebhookURL(ctx context.Context, raw *string) error {
	if raw == nil {
		return nil
	}
	g := r.webhookGuard
	if g == nil {
		g = &webhooks.Guard{}
	}
	err := g.CheckURL(ctx, *raw)
	var refused *webhooks.RefusedError
	if !errors.As(err, &refused) {
		return err
	}
	return inputerr.WithReason("url", inputerr.Refused("WEBHOOK_URL_REFUSED",
		[]string{"host", refused.Host, "address", refused.Address, "reason", refused.Reason}, "%s", refused.Error()))
}

// checkDepartment refuses a webhook scope naming a department that does not
// exist.
func (r *Resolver) checkDepartment(ctx context.Context, id *int) error {
	if id == nil {
		return nil
	}
	ok, err := r.db(ctx).Department.Query().Where(department.ID(*id)).Exist(ctx)
	if err != nil || ok {
		return err
	}
	return &inputerr.NotFound{Field: "departmentID", Entity: "department", ID: *id}
}

// notFound is a subscription's refusal of a row the caller cannot read.
func notFound(err error, entity string, id int) error {
	if ent.IsNotFound(err) {
		return &inputerr.NotFound{Field: "id", Entity: entity, ID: id}
	}
	return err
}

// announceRetry tells the dispatchers (through the mutation's commit) that a
// delivery is due again: deliveries are not audited, so no other event would.
func announceRetry(ctx context.Context, d *ent.WebhookDelivery) {
	if b := events.FromContext(ctx); b != nil {
		v := viewer.FromContext(ctx)
		e := events.Event{EntityType: ent.TypeWebhookDelivery, EntityID: d.ID, Action: events.Update,
			ActorKind: events.ActorUser, ActorID: v.ID, ActorName: v.Name, At: time.Now().UTC(), RequestID: reqid.From(ctx)}
		b.Add(e)
	}
}

func idOrNil(id int) *int {
	if id == 0 {
		return nil
	}
	return &id
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func actionNames(actions []auditrecord.Action) []string {
	out := make([]string, 0, len(actions))
	for _, a := range actions {
		out = append(out, string(a))
	}
	return out
}

// roundSubmissionTypes are the entity types whose changes can move a round's
// participant from one status to another: the submissions and what holds them.
var roundSubmissionTypes = []string{
	ent.TypeRoundParticipant, ent.TypeEvaluation, ent.TypeTransition, ent.TypeMonitoringReport,
	ent.TypeDepartmentYear, ent.TypeProject,
}

// roundChanged is the stream of the roundChanged subscription: the round, read
// again under the subscriber's rules, each time it or a change of one of its
// departments' submissions is heard (changes of the departments' other years
// too: a read too many costs less than a lookup in the publisher's goroutine).
func (r *Resolver) roundChanged(ctx context.Context, id int, includeOwn bool) (<-chan *ent.Round, error) {
	if _, err := r.client.Round.Get(ctx, id); err != nil {
		return nil, notFound(err, "round", id)
	}
	// The departments the subscriber reads of it: an editor hears of its own only.
	depts, err := r.client.RoundParticipant.Query().Where(roundparticipant.RoundID(id)).
		Select(roundparticipant.FieldDepartmentID).Ints(ctx)
	if err != nil {
		return nil, err
	}
	in := make(map[int]bool, len(depts))
	for _, d := range depts {
		in[d] = true
	}
	v := viewer.FromContext(ctx)
	match := func(e events.Event) bool {
		switch {
		case !includeOwn && own(v, e):
			return false
		case e.EntityType == ent.TypeRound:
			return e.EntityID == id
		}
		return slices.Contains(roundSubmissionTypes, e.EntityType) && in[e.DepartmentID] && access.MayHear(v, e)
	}
	return follow(ctx, r.hub, match, func(ctx context.Context) (*ent.Round, error) {
		return r.client.Round.Get(ctx, id)
	}), nil
}

// queueTypes are the entity types whose changes can change a work queue.
var queueTypes = append([]string{ent.TypeRound, ent.TypeTargetVersion}, roundSubmissionTypes...)

// myQueueChanged is the stream of the myQueueChanged subscription: the
// subscriber's queue, read again each time a change that may move it is heard.
func (r *Resolver) myQueueChanged(ctx context.Context, days int, includeOwn bool) (<-chan *model.Queue, error) {
	v := viewer.FromContext(ctx)
	if v.Kind == viewer.Anonymous {
		return nil, access.ErrUnauthenticated
	}
	match := func(e events.Event) bool {
		if (!includeOwn && own(v, e)) || !slices.Contains(queueTypes, e.EntityType) {
			return false
		}
		// A round itself belongs to no department: every signed-in user hears of it
		// (the queue read again applies the rules).
		return e.EntityType == ent.TypeRound || access.MayHear(v, e)
	}
	return follow(ctx, r.hub, match, func(ctx context.Context) (*model.Queue, error) {
		return r.myQueue(ctx, days)
	}), nil
}
