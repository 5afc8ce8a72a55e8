package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"jixiao/platform/metrics"
	"jixiao/platform/reqid"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		err  string // "" when valid
	}{
		{"nothing", Options{}, ""},
		{"origins", Options{AllowedOrigins: []string{"https://jixiao.example", "http://localhost:5173"}}, ""},
		{"a star", Options{AllowedOrigins: []string{"https://jixiao.example", "*"}},
			`--cors-origins: "*" cannot be combined with credentials; list the origins`},
		{"a wildcard", Options{AllowedOrigins: []string{"https://*.jixiao.example"}},
			`--cors-origins: "https://*.jixiao.example": a wildcard cannot be combined with credentials; list the origins`},
		{"a trailing slash", Options{AllowedOrigins: []string{"https://jixiao.example/"}},
			`--cors-origins: "https://jixiao.example/": an origin has no path; drop the trailing /`},
		{"a path", Options{AllowedOrigins: []string{"https://jixiao.example/app"}}, "is not an origin"},
		{"no scheme", Options{AllowedOrigins: []string{"jixiao.example"}}, "is not an origin"},
		{"null", Options{AllowedOrigins: []string{"null"}}, "is not an origin"},
		{"another scheme", Options{AllowedOrigins: []string{"file://x"}}, "is not an origin"},
		{"a negative body size", Options{MaxBodyBytes: -1}, "maximum body size"},
		{"a negative timeout", Options{RequestTimeout: -time.Second}, "request timeout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.opts.Validate()
			switch {
			case tt.err == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
				t.Errorf("error %v, want one saying %q", err, tt.err)
			}
		})
	}
}

func TestNewHandlerRefusesAStar(t *testing.T) {
	defer func() {
		if p := recover(); p == nil || !strings.Contains(p.(string), `"*" cannot be combined with credentials`) {
			t.Errorf("panic %v", p)
		}
	}()
	NewHandler(nil, Options{AllowedOrigins: []string{"*"}})
}

func TestTimeout(t *testing.T) {
	var deadline time.Time
	var err error
	h := withTimeout(20*time.Millisecond, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		deadline, _ = r.Context().Deadline()
		select {
		case <-r.Context().Done(): // a resolver outliving the deadline is cancelled
			err = r.Context().Err()
		case <-time.After(5 * time.Second):
		}
	}))
	start := time.Now()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/query", nil))
	if took := time.Since(start); took > time.Second {
		t.Errorf("the handler ran %v", took)
	}
	if deadline.IsZero() || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline %v, context error %v", deadline, err)
	}
}

func TestPanicsStayInTheLog(t *testing.T) {
	var logs bytes.Buffer
	log := slog.New(reqid.LogHandler(slog.NewTextHandler(&logs, nil)))
	for _, tt := range []struct {
		name  string
		wrote bool // the handler wrote part of its answer before it panicked
	}{
		{"before the answer", false},
		{"during the answer", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			h := reqid.Middleware(accessLog(log, metrics.New(nil), recoverPanics(log, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.wrote {
					w.WriteHeader(http.StatusOK)
					_, _ = w.Write([]byte(`{"data":`))
				}
				panic(`SELECT * FROM "users" WHERE password = 'hunter2'`)
			}))))
			req := httptest.NewRequest(http.MethodPost, "/query", nil)
			req.Header.Set(reqid.Header, "req-42")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			body := rec.Body.String()
			if strings.Contains(body, "SELECT") || strings.Contains(body, "hunter2") || strings.Contains(body, "goroutine") {
				t.Errorf("the panic reached the client: %s", body)
			}
			if !tt.wrote {
				var resp struct {
					Errors []gqlError `json:"errors"`
				}
				if err := json.Unmarshal([]byte(body), &resp); err != nil || rec.Code != 500 ||
					len(resp.Errors) != 1 || resp.Errors[0].Message != "internal error" || resp.Errors[0].Extensions.Code != CodeInternal {
					t.Errorf("%d %s (%v); want 500 and an INTERNAL error", rec.Code, body, err)
				}
			}
			if got := rec.Header().Get(reqid.Header); got != "req-42" {
				t.Errorf("X-Request-ID %q", got)
			}
			out := logs.String()
			if !strings.Contains(out, "hunter2") || !strings.Contains(out, "request_id=req-42") || !strings.Contains(out, "stack=") {
				t.Errorf("the log lacks the panic, its stack or the request id:\n%s", out)
			}
		})
	}
}

// A body read through the limit: the handler sees all of it when it fits. An
// upload to the GraphQL endpoint (multipart/form-data) has a limit of its own.
func TestLimitBodies(t *testing.T) {
	var seen []byte
	h := limitBodies(10, 20, map[string]bool{"/query": true}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen, _ = io.ReadAll(r.Body)
	}))
	const multipart = "multipart/form-data; boundary=x"
	for _, tt := range []struct {
		path, body string
		length     int64
		status     int
		upload     bool
	}{
		{"/query", "0123456789", 10, 200, false},
		{"/query", "0123456789", -1, 200, false},
		{"/query", "0123456789A", 11, 413, false},
		{"/query", "0123456789A", -1, 413, false},
		{"/other", "0123456789A", 11, 413, false},
		{"/other", "0123456789", -1, 200, false},
		{"/query", "0123456789ABCDEFGHIJ", 20, 200, true},
		{"/query", "0123456789ABCDEFGHIJ", -1, 200, true},
		{"/query", "0123456789ABCDEFGHIJK", 21, 413, true},
		{"/query", "0123456789ABCDEFGHIJK", -1, 413, true},
		{"/other", "0123456789ABCDE", 15, 413, true},
	} {
		seen = nil
		req := httptest.NewRequest(http.MethodPost, tt.path, strings.NewReader(tt.body))
		req.ContentLength = tt.length
		if tt.upload {
			req.Header.Set("Content-Type", multipart)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tt.status {
			t.Errorf("%s %q (length %d): %d, want %d", tt.path, tt.body, tt.length, rec.Code, tt.status)
		}
		if tt.status == 200 && string(seen) != tt.body {
			t.Errorf("%s %q: the handler read %q", tt.path, tt.body, seen)
		}
	}
}

// gqlgen answers `null` when the deadline passed before it executed; that answer
// becomes a TIMEOUT error, and every other answer passes untouched.
func TestDeadlineWriter(t *testing.T) {
	for _, tt := range []struct {
		name    string
		timeout time.Duration
		write   func(w http.ResponseWriter)
		status  int
		body    string
	}{
		{"null after the deadline", time.Nanosecond, func(w http.ResponseWriter) { _, _ = w.Write([]byte("null")) },
			503, `{"errors":[{"message":"the request took longer than 1ns","extensions":{"code":"TIMEOUT"}}]}`},
		{"null in time", time.Minute, func(w http.ResponseWriter) { _, _ = w.Write([]byte("null")) }, 200, "null"},
		{"an answer after the deadline", time.Nanosecond, func(w http.ResponseWriter) { _, _ = w.Write([]byte(`{"data":{}}`)) }, 200, `{"data":{}}`},
		{"null after a status", time.Nanosecond, func(w http.ResponseWriter) { w.WriteHeader(202); _, _ = w.Write([]byte("null")) }, 202, "null"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			h := withTimeout(tt.timeout, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.timeout < time.Millisecond {
					<-r.Context().Done()
				}
				tt.write(w)
			}))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/query", nil))
			if rec.Code != tt.status || rec.Body.String() != tt.body {
				t.Errorf("%d %s; want %d %s", rec.Code, rec.Body, tt.status, tt.body)
			}
		})
	}
}
