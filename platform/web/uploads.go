package web

import (
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"jixiao/domain/evidence"
	"jixiao/platform/attachments"
)

// multipartOverhead is what an upload's request may hold besides its file: the
// operations, the map and the parts' headers.
const multipartOverhead = 64 << 10

// withAttachments gives every request the server's attachment store: the upload
// resolver, the download route and the attachments' delete hook use it.
func withAttachments(s *attachments.Store, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(attachments.NewContext(r.Context(), s)))
	})
}

// uploadTooLarge refuses an upload whose declared length is beyond the limit,
// before its file is read: the first 64 KiB of the body are read to find the
// file's name (the GraphQL multipart request sends the operations and the map
// first), and the answer names it, the request's size and the largest file
// accepted, as BAD_USER_INPUT with reason FILE_TOO_LARGE, as the upload
// mutations refuse a file that passed this far. Without a file name in reach it
// is the plain REQUEST_TOO_LARGE.
func uploadTooLarge(w http.ResponseWriter, r *http.Request, limit, maxFile int64) {
	name := uploadedName(r)
	if name == "" {
		tooLarge(w, limit)
		return
	}
	reason := evidence.TooLarge(name, r.ContentLength, maxFile)
	type ext struct {
		Code   string            `json:"code"`
		Field  string            `json:"field"`
		Reason string            `json:"reason"`
		Params map[string]string `json:"params"`
	}
	body, _ := json.Marshal(map[string]any{"errors": []map[string]any{{
		"message":    fmt.Sprintf("file: %s (the upload's size)", reason.Text),
		"extensions": ext{Code: "BAD_USER_INPUT", Field: "file", Reason: reason.Code, Params: reason.Params},
	}}})
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusRequestEntityTooLarge)
	_, _ = w.Write(body)
}

// uploadedName is the name of the first file in a multipart request, found in
// its first 64 KiB; "" when there is none there.
func uploadedName(r *http.Request) string {
	_, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || params["boundary"] == "" || r.Body == nil {
		return ""
	}
	mr := multipart.NewReader(io.LimitReader(r.Body, multipartOverhead), params["boundary"])
	for {
		p, err := mr.NextPart()
		if err != nil {
			return ""
		}
		if name := p.FileName(); name != "" {
			return name
		}
	}
}
