package web

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// An upload declared larger than the limit is refused before its file is read,
// naming the file it carries; one within the limit reaches the handler unbuffered.
func TestUploadTooLarge(t *testing.T) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("operations", `{"query":"mutation($f: Upload!) { attachToIndicator(indicatorID: 1, file: $f) { id } }","variables":{"f":null}}`)
	_ = mw.WriteField("map", `{"0": ["variables.f"]}`)
	part, _ := mw.CreateFormFile("0", "现场照片.jpg")
	_, _ = part.Write(bytes.Repeat([]byte("x"), 2000))
	_ = mw.Close()
	raw := body.Bytes()

	var seen int
	h := limitBodies(100, 1000+multipartOverhead, map[string]bool{"/query": true}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen = len(b)
	}))
	req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(raw))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.ContentLength = int64(len(raw)) + multipartOverhead // declared beyond the limit
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out struct {
		Errors []struct {
			Message    string
			Extensions struct {
				Code, Field, Reason string
				Params              map[string]string
			}
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != http.StatusRequestEntityTooLarge || len(out.Errors) != 1 {
		t.Fatalf("%d %s", rec.Code, rec.Body)
	}
	e := out.Errors[0]
	if e.Extensions.Code != "BAD_USER_INPUT" || e.Extensions.Field != "file" || e.Extensions.Reason != "FILE_TOO_LARGE" ||
		e.Extensions.Params["name"] != "现场照片.jpg" || e.Extensions.Params["max"] != "1000" || !strings.Contains(e.Message, "现场照片.jpg") {
		t.Errorf("%+v", e)
	}
	if seen != 0 {
		t.Errorf("the handler ran")
	}

	// Within the limit: the handler reads the whole body.
	req = httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(raw))
	req.Header.Set("Content-Type", mw.FormDataContentType())
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || seen != len(raw) {
		t.Errorf("within the limit: %d, the handler read %d of %d bytes", rec.Code, seen, len(raw))
	}
}
