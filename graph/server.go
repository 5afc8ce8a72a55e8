package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"jixiao/domain/fixed"
	"jixiao/domain/monitoring"
	"jixiao/domain/targets"
	"jixiao/ent"
	"jixiao/ent/privacy"
	"jixiao/graph/generated"
	"jixiao/graph/loader"
	"jixiao/platform/access"
	"jixiao/platform/auth"
	"jixiao/platform/export"
	"jixiao/platform/inputerr"
	"jixiao/platform/store"
)

// ComplexityLimit bounds the work one operation may ask for; connections count
// their page size times their children (see complexity.go).
const ComplexityLimit = 50000

// NewServer returns the GraphQL handler: explicit transports, a query cache, a
// complexity limit, bounded pages, one transaction per mutation, and errors that
// carry a code and never a stack trace or SQL.
func NewServer(client *ent.Client, authn *auth.Service, log *slog.Logger, introspection bool, opts ...Option) *handler.Server {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	resolver := NewResolver(client, authn)
	if o.hub != nil {
		resolver.hub = o.hub
	}
	resolver.webhookGuard = o.webhookGuard
	cfg := generated.Config{Resolvers: resolver}
	setComplexity(&cfg.Complexity)
	schema := generated.NewExecutableSchema(cfg)
	resolver.webhookTypes = webhookTypes(schema)
	srv := handler.New(schema)
	// First: it takes only the requests export.Route marked (/export).
	srv.AddTransport(export.Transport{Schema: schema.Schema(), PageContext: func(ctx context.Context) context.Context {
		return loader.NewContext(ctx, loader.New(client, loader.Wait))
	}})
	// Subscriptions: a websocket at /query (an Upgrade request).
	srv.AddTransport(websocketTransport(authn, resolver.hub, o.origins, log))
	srv.AddTransport(transport.Options{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	// Uploads (importEvaluationForm, attachToIndicator): the HTTP layer has bounded
	// the body already, to the configured limits; files beyond MaxMemory are spooled
	// to temporary files.
	srv.AddTransport(transport.MultipartForm{MaxUploadSize: MaxUploadCeiling, MaxMemory: 2 << 20})
	// The first extension: it notes each answer's operation and code as the client gets it.
	srv.Use(outcome{})
	queryCache := lru.New[*ast.QueryDocument](1000)
	srv.SetQueryCache(queryCache)
	// A document of many tokens is refused before it is parsed into a huge error list.
	srv.SetParserTokenLimit(15000)
	if introspection {
		srv.Use(extension.Introspection{})
	}
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](100)})
	// The cheap shape checks first: an alias bomb is refused before gqlparser's
	// pairwise field comparison and before the complexity walk.
	srv.Use(FieldLimit{Max: 500, Parsed: queryCache})
	srv.Use(DepthLimit{Max: 12})
	srv.Use(extension.FixedComplexityLimit(ComplexityLimit))
	srv.Use(ResponseLimit{Max: MaxResponseBytes})
	// Signing in and out manage their own writes: a failed sign-in must still count.
	srv.Use(transactioner{entgql.Transactioner{TxOpener: txOpener{client, resolver.hub}, SkipTxFunc: entgql.SkipIfHasFields("login", "logout")}})
	srv.Use(freshLoaders{client})
	srv.AroundOperations(refuseForgedChanges)
	srv.AroundOperations(overWebsocket(o.timeout))
	srv.AroundFields(boundPages)
	srv.AroundFields(ruleEdges)
	srv.SetErrorPresenter(presentError(log))
	srv.SetRecoverFunc(func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return &gqlerror.Error{Message: "internal error", Extensions: map[string]any{"code": CodeInternal}}
	})
	return srv
}

// transactioner runs each mutation in a transaction, as entgql.Transactioner does,
// but steps aside for responses that have no operation (a body that is not JSON),
// where entgql's would panic looking for one.
type transactioner struct{ entgql.Transactioner }

func (t transactioner) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	return t.Transactioner.InterceptResponse(ctx, next)
}

// refuseForgedChanges refuses a mutation that came with a session cookie but
// without its CSRF token, as a forged cross-site request would; signing in is the
// one change allowed, so that a browser that lost its token can start afresh.
func refuseForgedChanges(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation == nil || oc.Operation.Operation != ast.Mutation || !auth.Forgeable(ctx) {
		return next(ctx)
	}
	for _, sel := range oc.Operation.SelectionSet {
		if f, ok := sel.(*ast.Field); !ok || f.Name != "login" {
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{{
				Message: auth.ErrCSRF.Error(), Extensions: map[string]any{"code": CodeCSRF},
			}}})
		}
	}
	return next(ctx)
}

// boundPages gives a connection asked for without first or last a default page,
// and refuses pages larger than MaxPage: entgql's pagination has no limit of its own.
func boundPages(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Definition == nil || !strings.HasSuffix(fc.Field.Definition.Type.Name(), "Connection") {
		return next(ctx)
	}
	first, _ := fc.Args["first"].(*int)
	last, _ := fc.Args["last"].(*int)
	for name, n := range map[string]*int{"first": first, "last": last} {
		if n != nil && (*n < 0 || *n > MaxPage) {
			return nil, inputerr.New(name, "must be between 0 and %d, got %d", MaxPage, *n)
		}
	}
	if first == nil && last == nil {
		if _, ok := fc.Args["first"]; ok {
			page := DefaultPage
			fc.Args["first"] = &page
		}
	}
	return next(ctx)
}

// presentError gives every error a machine-readable extensions.code. Errors users
// can act on keep their message and name the field; anything else is logged and
// reported as "internal error", so no SQL or stack reaches a client.
func presentError(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		if gqlErr.Extensions == nil {
			gqlErr.Extensions = map[string]any{}
		}
		if _, coded := gqlErr.Extensions["code"]; coded {
			return nameVariable(gqlErr)
		}
		var (
			bad        *inputerr.Error
			notFound   *inputerr.NotFound
			invalid    *ent.ValidationError
			missing    *ent.NotFoundError
			conflict   *ent.ConstraintError
			gqlSource  *gqlerror.Error
			unparsable *fixed.ParseError
			locked     *access.LockedError
			fixedTgts  *targets.FixedError
			monLocked  *monitoring.LockedError
			stale      *inputerr.Conflict
			value      *inputerr.Value
			exists     *inputerr.Taken
			inUse      *inputerr.InUse
			occupied   *inputerr.Occupied
		)
		set := func(code, field, msg string) *gqlerror.Error {
			gqlErr.Extensions["code"] = code
			if field != "" {
				gqlErr.Extensions["field"] = field
			}
			gqlErr.Message = msg
			return gqlErr
		}
		switch {
		case errors.Is(err, access.ErrUnauthenticated), errors.Is(err, auth.ErrBadCredentials):
			return set(CodeUnauthenticated, "", rootCause(err).Error())
		case errors.Is(err, auth.ErrTooManyAttempts):
			return set(CodeTooManyRequests, "", auth.ErrTooManyAttempts.Error())
		case errors.Is(err, privacy.Deny):
			return set(CodeForbidden, "", strings.TrimSuffix(rootCause(err).Error(), ": "+privacy.Deny.Error()))
		case errors.As(err, &locked):
			gqlErr.Extensions["evaluationID"] = fmt.Sprint(locked.Evaluation) // a string, as GraphQL writes every ID
			gqlErr.Extensions["status"] = string(locked.Status)
			return set(CodeLocked, "", locked.Error())
		case errors.As(err, &fixedTgts):
			// Locked by the year's targets, not by an evaluation: reason tells which.
			gqlErr.Extensions["reason"] = "TARGETS_FIXED"
			gqlErr.Extensions["departmentYearID"] = fmt.Sprint(fixedTgts.Year)
			gqlErr.Extensions["status"] = string(fixedTgts.Status)
			return set(CodeLocked, "", fixedTgts.Error())
		case errors.As(err, &monLocked):
			// Locked by a monitoring report's own review.
			gqlErr.Extensions["reason"] = "MONITORING_LOCKED"
			gqlErr.Extensions["monitoringReportID"] = fmt.Sprint(monLocked.Report)
			gqlErr.Extensions["status"] = monLocked.Status
			gqlErr.Extensions["params"] = map[string]any{"status": monLocked.Status}
			return set(CodeLocked, "", monLocked.Error())
		case errors.As(err, &stale):
			gqlErr.Extensions["currentVersion"] = stale.Current
			return set(CodeConflict, "version", stale.Error())
		case errors.As(err, &exists):
			gqlErr.Extensions["entity"] = exists.Entity
			gqlErr.Extensions["existingID"] = fmt.Sprint(exists.Existing) // a string, as GraphQL writes every ID
			return set(CodeConflict, exists.Field, exists.Error())
		case errors.As(err, &inUse):
			refs := make([]map[string]any, len(inUse.References))
			for i, r := range inUse.References {
				refs[i] = map[string]any{"what": r.What, "count": r.Count}
			}
			gqlErr.Extensions["entity"] = inUse.Entity
			gqlErr.Extensions["references"] = refs
			return set(CodeBadUserInput, "id", inUse.Error())
		case errors.As(err, &occupied):
			refs := make([]map[string]any, len(occupied.Held))
			params := map[string]any{}
			for k, v := range occupied.Params {
				params[k] = v
			}
			for i, r := range occupied.Held {
				refs[i] = map[string]any{"what": r.What, "count": r.Count}
				params[r.What] = fmt.Sprint(r.Count)
			}
			gqlErr.Extensions["entity"] = occupied.Entity
			gqlErr.Extensions["existingID"] = fmt.Sprint(occupied.Existing) // a string, as GraphQL writes every ID
			gqlErr.Extensions["references"] = refs
			gqlErr.Extensions["reason"], gqlErr.Extensions["params"] = occupied.Reason, params
			return set(CodeConflict, occupied.Field, occupied.Error())
		case errors.As(err, &bad):
			if bad.Reason != nil {
				setReason(gqlErr, bad.Reason)
			}
			return set(CodeBadUserInput, bad.Field, bad.Error())
		case errors.As(err, &notFound):
			return set(CodeNotFound, notFound.Field, notFound.Error())
		case errors.As(err, &invalid):
			field := lowerFirst(camel(invalid.Name))
			setReason(gqlErr, invalid)
			return set(CodeBadUserInput, field, fmt.Sprintf("%s: %v", field, validationReason(invalid)))
		case errors.As(err, &missing):
			return set(CodeNotFound, "", "not found")
		case store.Retryable(err):
			gqlErr.Extensions["retryable"] = true
			return set(CodeConflict, "", "the change collided with another one made at the same time; try again")
		case errors.As(err, &conflict):
			if col := store.UniqueColumn(conflict); col != "" {
				field := lowerFirst(camel(col))
				return set(CodeConflict, field, fmt.Sprintf("%s: the value is already taken; it must be unique", field))
			}
			return set(CodeConflict, "", "the change conflicts with other data")
		case errors.As(err, &gqlSource) && gqlSource.Rule != "":
			return gqlErr
		case errors.Is(err, context.DeadlineExceeded):
			return set(CodeTimeout, "", "the request took too long and was stopped")
		case errors.As(err, &gqlSource) && gqlSource.Err == nil && len(gqlSource.Path) == 0:
			// gqlgen's own refusal of a request (a body that is not JSON, no query…);
			// its decode error quotes the whole body, which need not come back.
			msg, _, _ := strings.Cut(gqlErr.Message, " body:")
			return set(CodeBadRequest, "", msg)
		case errors.As(err, &unparsable), errors.As(err, &value):
			// A scalar refused its value: the path names the argument or input field.
			field := pathField(gqlErr.Path)
			return set(CodeBadUserInput, field, fmt.Sprintf("%s: %v", field, rootCause(err)))
		}
		log.ErrorContext(ctx, "graphql error", "error", err.Error(), "path", gqlErr.Path.String())
		return set(CodeInternal, "", "internal error")
	}
}

// pathField is the last field name on an input path: "ids" for nodes.ids[1].
func pathField(path ast.Path) string {
	for i := len(path) - 1; i >= 0; i-- {
		if name, ok := path[i].(ast.PathName); ok {
			return string(name)
		}
	}
	return ""
}

// rootCause strips the wrapping ent and gqlgen add, down to the error a rule or
// a check returned (a privacy denial keeps its own reason).
func rootCause(err error) error {
	for {
		var g *gqlerror.Error
		if errors.As(err, &g) && g.Err != nil && g.Err != err {
			err = g.Err
			continue
		}
		return err
	}
}

// validationReason is the validator's own message, without the wrapping ent adds
// (which names the table's column).
func validationReason(ve *ent.ValidationError) error {
	reason := ve.Unwrap()
	if inner := errors.Unwrap(reason); inner != nil {
		return inner
	}
	return reason
}

// setReason puts a validator's reason code and params in extensions (INVALID and
// none for a validator that gives no reason of its own, such as ent's MaxLen).
func setReason(e *gqlerror.Error, err error) {
	var r *inputerr.Reason
	if !errors.As(err, &r) {
		r = &inputerr.Reason{Code: inputerr.Invalid}
	}
	params := map[string]any{}
	for k, v := range r.Params {
		params[k] = v
	}
	e.Extensions["reason"], e.Extensions["params"] = r.Code, params
}

// nameVariable puts the variable's path in front of gqlgen's message for a variable
// of the wrong type ("cannot use string as Int" becomes "in.year: cannot use …").
func nameVariable(e *gqlerror.Error) *gqlerror.Error {
	if len(e.Path) < 2 || e.Path[0] != ast.PathName("variable") {
		return e
	}
	parts := make([]string, 0, len(e.Path)-1)
	for _, p := range e.Path[1:] {
		parts = append(parts, fmt.Sprint(p))
	}
	e.Message = strings.Join(parts, ".") + ": " + e.Message
	e.Extensions["field"] = fmt.Sprint(e.Path[len(e.Path)-1])
	return e
}

// camel turns a column name into its GraphQL field name (inputerr.GraphQLName).
func camel(name string) string { return inputerr.GraphQLName(name) }

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
