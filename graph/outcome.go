package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"jixiao/platform/reqlog"
)

// outcome notes each operation's name and outcome code in the request's
// access-log entry (platform/reqlog), which platform/web logs and counts. It is
// the first extension, so it sees the final response; it intercepts operations
// as well as responses because an operation interceptor may answer by itself
// (refuseForgedChanges), past the response interceptors, while a request refused
// before it runs (unparsable, invalid, too complex) reaches only those.
type outcome struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
	graphql.ResponseInterceptor
} = outcome{}

func (outcome) ExtensionName() string                   { return "Outcome" }
func (outcome) Validate(graphql.ExecutableSchema) error { return nil }

func (outcome) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	responses := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := responses(ctx)
		noteOutcome(ctx, resp)
		return resp
	}
}

func (outcome) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	noteOutcome(ctx, resp)
	return resp
}

// noteOutcome records resp in the request's entry: noting one response twice
// (by both interceptors) records the same thing.
func noteOutcome(ctx context.Context, resp *graphql.Response) {
	e := reqlog.FromContext(ctx)
	if e == nil || resp == nil {
		return
	}
	e.Operation(operationName(ctx), outcomeCode(resp))
}

// operationName is the name the request asked for, else the name of its
// document's operation; "" when it has none or the request was not read.
func operationName(ctx context.Context) string {
	if !graphql.HasOperationContext(ctx) {
		return ""
	}
	oc := graphql.GetOperationContext(ctx)
	if oc.OperationName == "" && oc.Operation != nil {
		return oc.Operation.Name
	}
	return oc.OperationName
}

// outcomeCode is OK, or the first error's extensions.code (presentError gives
// every error one; UNKNOWN should not happen).
func outcomeCode(resp *graphql.Response) string {
	if len(resp.Errors) == 0 {
		return reqlog.OK
	}
	if code, ok := resp.Errors[0].Extensions["code"].(string); ok && code != "" {
		return code
	}
	return "UNKNOWN"
}
