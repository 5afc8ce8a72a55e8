package web

import (
	"mime"
	"net/http"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

// refuseUnservable answers, with a coded error, the requests to the GraphQL
// endpoint that gqlgen's transports would refuse with a bare message: a method or
// a body type no transport takes, and a mutation sent by GET (a link or an image
// tag could send one). gqlgen takes OPTIONS, GET, and POST with a JSON body.
func refuseUnservable(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodOptions:
		case http.MethodGet:
			if op := getOperation(r); op != "" && op != ast.Query {
				w.Header().Set("Allow", "POST")
				writeError(w, http.StatusMethodNotAllowed, CodeBadRequest,
					"a "+string(op)+" must be sent by POST; GET may only query")
				return
			}
		case http.MethodPost:
			// JSON, or multipart/form-data for a file upload (the GraphQL multipart request specification).
			if t, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); t != "application/json" && t != "multipart/form-data" {
				writeError(w, http.StatusUnsupportedMediaType, CodeBadRequest,
					"send the request as JSON, with Content-Type: application/json (or a file upload as multipart/form-data)")
				return
			}
		default:
			w.Header().Set("Allow", "GET, POST")
			writeError(w, http.StatusMethodNotAllowed, CodeBadRequest,
				"the GraphQL endpoint takes GET for queries and POST for everything")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// maxGetTokens bounds the parse of a GET query, as the GraphQL server bounds its own.
const maxGetTokens = 15000

// getOperation is the kind of operation a GET request asks to run, "" when its
// query does not parse or names no such operation (gqlgen then says what is wrong).
func getOperation(r *http.Request) ast.Operation {
	q := r.URL.Query()
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: q.Get("query")}, maxGetTokens)
	if err != nil {
		return ""
	}
	if op := doc.Operations.ForName(q.Get("operationName")); op != nil {
		return op.Operation
	}
	return ""
}
