package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"jixiao/platform/web"
)

// gqlResponse is the part of a GraphQL response the tests read.
type gqlResponse struct {
	Data   json.RawMessage
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
}

// nestedDepartments is `departments { edges { node { children { … id … } } } }` with
// levels connections.
func nestedDepartments(levels int) string {
	q := "id"
	for range levels - 1 {
		q = "children { edges { node { " + q + " } } }"
	}
	return "{ departments { edges { node { " + q + " } } } }"
}

// aliasBomb is `{ a0: __typename a1: __typename … }`.
func aliasBomb(n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, "a%d: __typename ", i)
	}
	b.WriteString("}")
	return b.String()
}

func queryBody(query string) []byte {
	b, _ := json.Marshal(map[string]string{"query": query})
	return b
}

// unsized hides a body's length, so that it goes out chunked.
type unsized struct{ io.Reader }

// Each abusive request gets a clear error with a code, quickly, and the server
// keeps answering after it.
func TestAbusiveRequests(t *testing.T) {
	srv := newServer(t)
	const tenMB = 10 << 20
	padded := func(size int) []byte { // a valid request of exactly size bytes
		b := queryBody("{ departments { totalCount } }")
		return append(b[:len(b)-1], append(bytes.Repeat([]byte(" "), size-len(b)), '}')...)
	}
	tests := []struct {
		name        string
		method      string
		contentType string
		body        io.Reader
		status      int      // 0: any
		codes       []string // the first error's code is one of these
		says        string   // the first error's message contains this
	}{
		{name: "deeply nested query", body: bytes.NewReader(queryBody(nestedDepartments(20))),
			status: 200, codes: []string{"DEPTH_LIMIT_EXCEEDED", "COMPLEXITY_LIMIT_EXCEEDED"}},
		// Passes once graph.FieldLimit is registered in graph.NewServer.
		{name: "alias bomb", body: bytes.NewReader(queryBody(aliasBomb(10000))),
			status: 200, codes: []string{"TOO_MANY_FIELDS"}, says: "10000 fields"},
		// gqlparser compares same-named fields pairwise: without graph.FieldLimit this
		// takes seconds (70,000 of them take minutes).
		{name: "the same field 10,000 times", body: bytes.NewReader(queryBody("{ " + strings.Repeat("a: __typename ", 10000) + "}")),
			status: 200, codes: []string{"TOO_MANY_FIELDS"}},
		// The complexity limit prices the page before the page bound sees it.
		{name: "first: 1000000", body: bytes.NewReader(queryBody("{ departments(first: 1000000) { edges { node { id } } } }")),
			status: 200, codes: []string{"COMPLEXITY_LIMIT_EXCEEDED", "BAD_USER_INPUT"}},
		{name: "first: 1001", body: bytes.NewReader(queryBody("{ departments(first: 1001) { totalCount } }")),
			status: 200, codes: []string{"BAD_USER_INPUT"}, says: "between 0 and 1000, got 1001"},
		{name: "10 MB body", body: bytes.NewReader(padded(tenMB)),
			status: 413, codes: []string{"REQUEST_TOO_LARGE"}, says: "request body larger than 1048576 bytes"},
		{name: "10 MB body, chunked", body: unsized{bytes.NewReader(padded(tenMB))},
			status: 413, codes: []string{"REQUEST_TOO_LARGE"}, says: "request body larger than 1048576 bytes"},
		{name: "one byte over the limit, chunked", body: unsized{bytes.NewReader(padded(1<<20 + 1))},
			status: 413, codes: []string{"REQUEST_TOO_LARGE"}},
		{name: "10 MB posted to the app", method: "POST", body: bytes.NewReader(make([]byte, tenMB)),
			status: 413, codes: []string{"REQUEST_TOO_LARGE"}},
		{name: "malformed JSON", body: strings.NewReader(`{"query": `),
			status: 400, codes: []string{"BAD_REQUEST"}},
		{name: "batched operations (a JSON array)", body: strings.NewReader(`[{"query":"{ __typename }"},{"query":"{ __typename }"}]`),
			status: 400, codes: []string{"BAD_REQUEST"}, says: "cannot unmarshal array"},
		{name: "not GraphQL", body: strings.NewReader(`{"query": "{ departments { "}`),
			status: 422, codes: []string{"GRAPHQL_PARSE_FAILED"}},
		{name: "a mutation by GET", method: "GET", body: nil,
			status: 405, codes: []string{"BAD_REQUEST"}, says: "must be sent by POST"},
		{name: "a cross-site form post", contentType: "text/plain", body: strings.NewReader(`{"query":"mutation { deleteDepartment(id: 1) }"}`),
			status: 415, codes: []string{"BAD_REQUEST"}, says: "Content-Type: application/json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method, path := tt.method, "/query"
			switch {
			case method == "":
				method = http.MethodPost
			case method == http.MethodGet:
				path = "/query?query=" + strings.ReplaceAll("mutation{deleteDepartment(id:1)}", "{", "%7B")
			case strings.Contains(tt.name, "the app"):
				path = "/"
			}
			req, _ := http.NewRequest(method, srv.URL+path, tt.body)
			if _, hidden := tt.body.(unsized); hidden {
				req.ContentLength = -1
			}
			ct := tt.contentType
			if ct == "" {
				ct = "application/json"
			}
			req.Header.Set("Content-Type", ct)
			start := time.Now()
			resp, err := api.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if d := time.Since(start); d > time.Second {
				t.Errorf("answered in %v", d)
			}
			show := raw
			if len(show) > 300 {
				show = show[:300]
			}
			if tt.status != 0 && resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d: %s", resp.StatusCode, tt.status, show)
			}
			var got gqlResponse
			if err := json.Unmarshal(raw, &got); err != nil || len(got.Errors) == 0 {
				t.Fatalf("not a GraphQL error (%v): %s", err, show)
			}
			first := got.Errors[0]
			if code, _ := first.Extensions["code"].(string); tt.codes != nil && !slices.Contains(tt.codes, code) {
				t.Errorf("code %q, want one of %v: %s", code, tt.codes, show)
			}
			if !strings.Contains(first.Message, tt.says) {
				t.Errorf("message %q, want it to say %q", first.Message, tt.says)
			}
			for _, leak := range []string{"SELECT", "sqlite", "goroutine", ".go:"} {
				if strings.Contains(string(raw), leak) {
					t.Errorf("the answer gives away %q: %s", leak, show)
				}
			}

			health, err := api.Get(srv.URL + "/healthz")
			if err != nil {
				t.Fatalf("after it, /healthz: %v", err)
			}
			health.Body.Close()
			if health.StatusCode != http.StatusOK {
				t.Errorf("after it, /healthz answers %d", health.StatusCode)
			}
		})
	}
}

// The body limit is exact: a request of 1 MiB runs, one byte more is refused
// (TestAbusiveRequests).
func TestBodyOfExactlyTheLimit(t *testing.T) {
	srv := newServer(t)
	b := queryBody("{ departments { totalCount } }")
	b = append(b[:len(b)-1], append(bytes.Repeat([]byte(" "), 1<<20-len(b)), '}')...)
	if len(b) != 1<<20 {
		t.Fatalf("built %d bytes", len(b))
	}
	for _, body := range []io.Reader{bytes.NewReader(b), unsized{bytes.NewReader(b)}} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/query", body)
		if _, hidden := body.(unsized); hidden {
			req.ContentLength = -1
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := api.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(raw), `"totalCount":60`) {
			t.Errorf("ContentLength %d: %d %s", req.ContentLength, resp.StatusCode, raw)
		}
	}
}

// The refusal is exactly the documented JSON.
func TestTooLargeBody(t *testing.T) {
	srv := newServer(t)
	resp, err := api.Post(srv.URL+"/query", "application/json", bytes.NewReader(make([]byte, 2<<20)))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	const want = `{"errors":[{"message":"request body larger than 1048576 bytes","extensions":{"code":"REQUEST_TOO_LARGE"}}]}`
	if resp.StatusCode != http.StatusRequestEntityTooLarge || string(raw) != want {
		t.Errorf("%d %s; want 413 %s", resp.StatusCode, raw, want)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
}

// A request whose deadline passes before it runs gets a TIMEOUT error, not
// gqlgen's bare `null`. (One whose deadline passes while it runs has its
// database work cancelled; TestTimeout.) The request is anonymous: with a token,
// looking the token up already fails on the spent deadline.
func TestRequestTimeout(t *testing.T) {
	srv := newServerWith(t, func(o *web.Options) { o.RequestTimeout = time.Nanosecond })
	start := time.Now()
	resp, err := http.Post(srv.URL+"/query", "application/json", bytes.NewReader(queryBody("{ departments { totalCount edges { node { id } } } }")))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if d := time.Since(start); d > time.Second {
		t.Errorf("answered in %v", d)
	}
	const want = `{"errors":[{"message":"the request took longer than 1ns","extensions":{"code":"TIMEOUT"}}]}`
	if resp.StatusCode != http.StatusServiceUnavailable || string(raw) != want {
		t.Errorf("%d %s; want 503 %s", resp.StatusCode, raw, want)
	}
}
