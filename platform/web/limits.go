package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"time"
)

// Defaults for the zero Options.
const (
	DefaultMaxBodyBytes   = 1 << 20 // 1 MiB
	DefaultRequestTimeout = 30 * time.Second
)

// Codes of the errors this package answers with itself.
const (
	CodeRequestTooLarge = "REQUEST_TOO_LARGE"
	CodeBadRequest      = "BAD_REQUEST"
	CodeInternal        = "INTERNAL"
	CodeForbidden       = "FORBIDDEN"
	CodeTimeout         = "TIMEOUT"
)

// limitBodies refuses a request body larger than limit with 413 and a GraphQL-style
// error; a file upload (a multipart/form-data POST to the GraphQL endpoint) may
// be as large as uploads. A declared Content-Length is refused before anything is
// read; otherwise the body is read through http.MaxBytesReader. For the paths in
// buffered (the GraphQL endpoint, whose transports read the whole body themselves
// and would turn an overrun into a decoding error) the body is read here, in
// full, before the handler runs; elsewhere it is only wrapped.
//
// An upload's declared length beyond its limit is refused naming the file
// (uploadTooLarge); an upload with a declared length is not buffered: the
// multipart transport streams it, spooling a large file to a temporary file.
func limitBodies(limit, uploads int64, buffered map[string]bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := limit
		upload := r.Method == http.MethodPost && r.URL.Path == "/query" && isMultipart(r)
		if upload {
			limit = uploads
		}
		if r.ContentLength > limit {
			if upload {
				uploadTooLarge(w, r, limit, limit-multipartOverhead)
				return
			}
			tooLarge(w, limit)
			return
		}
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if buffered[r.URL.Path] && !(upload && r.ContentLength >= 0) {
			body, err := io.ReadAll(r.Body)
			if err != nil {
				if _, over := errors.AsType[*http.MaxBytesError](err); over {
					tooLarge(w, limit)
					return
				}
				writeError(w, http.StatusBadRequest, CodeBadRequest, "the request body could not be read")
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		next.ServeHTTP(w, r)
	})
}

// isMultipart reports whether r's body is multipart/form-data: an upload.
func isMultipart(r *http.Request) bool {
	t, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return t == "multipart/form-data"
}

// tooLarge answers 413. net/http closes the connection afterwards rather than
// drain a large unread body.
func tooLarge(w http.ResponseWriter, limit int64) {
	writeError(w, http.StatusRequestEntityTooLarge, CodeRequestTooLarge,
		fmt.Sprintf("request body larger than %d bytes", limit))
}

// withTimeout gives the request's context a deadline: database queries and
// resolvers still running when it passes are cancelled, and fail with errors.
//
// When the deadline has passed before gqlgen starts to execute (a slow parse, a
// long wait for a connection), gqlgen answers 200 with the body `null`: that
// answer is replaced by 503 and a TIMEOUT error.
func withTimeout(d time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(&deadlineWriter{ResponseWriter: w, ctx: ctx, timeout: d}, r.WithContext(ctx))
	})
}

// deadlineWriter turns gqlgen's `null` answer after the deadline into an error.
type deadlineWriter struct {
	http.ResponseWriter
	ctx     context.Context
	timeout time.Duration
	started bool
}

func (d *deadlineWriter) WriteHeader(code int) {
	d.started = true
	d.ResponseWriter.WriteHeader(code)
}

func (d *deadlineWriter) Write(b []byte) (int, error) {
	if !d.started && string(b) == "null" && errors.Is(d.ctx.Err(), context.DeadlineExceeded) {
		d.started = true
		writeError(d.ResponseWriter, http.StatusServiceUnavailable, CodeTimeout,
			fmt.Sprintf("the request took longer than %v", d.timeout))
		return len(b), nil
	}
	d.started = true
	return d.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (d *deadlineWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }

// gqlError is the shape of one error in a GraphQL response.
type gqlError struct {
	Message    string `json:"message"`
	Extensions struct {
		Code string `json:"code"`
	} `json:"extensions"`
}

// writeError answers with status and a GraphQL-style error body, so that clients
// of /query read every refusal the same way.
func writeError(w http.ResponseWriter, status int, code, message string) {
	var e gqlError
	e.Message, e.Extensions.Code = message, code
	body, _ := json.Marshal(struct {
		Errors []gqlError `json:"errors"`
	}{[]gqlError{e}})
	h := w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
