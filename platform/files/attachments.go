package files

import (
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"jixiao/ent"
	"jixiao/platform/attachments"
	"jixiao/platform/export"
)

// AttachmentsPrefix is the path evidence files are downloaded under:
// /files/attachments/{id}.
const AttachmentsPrefix = Prefix + "attachments/"

// attachmentCSP is the policy of a downloaded file: were a browser ever to render
// one, it would run in a sandbox (no script, no same origin, no forms), load
// nothing and be framed by no page.
const attachmentCSP = "sandbox; default-src 'none'; frame-ancestors 'none'"

// Attachments serves evidence files: GET /files/attachments/{id}. The attachment is
// read with the caller of the request through ent and its access rules (its
// owner's: an attachment the caller may not read answers 404, exactly as one that
// does not exist), its bytes through the store in the request's context, checked
// against their SHA-256. Always as a download: Content-Disposition attachment with
// the name RFC 5987-encoded, the type detected at upload, nosniff and a sandbox
// policy, so that no file is ever rendered in the app's origin.
func Attachments(client *ent.Client, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, AttachmentsPrefix))
		if err != nil || id <= 0 {
			writeError(w, http.StatusNotFound, "NOT_FOUND", "no such attachment")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "BAD_REQUEST", "attachments are read with GET")
			return
		}
		ctx := r.Context()
		a, err := client.Attachment.Get(ctx, id)
		switch {
		case ent.IsNotFound(err):
			writeError(w, http.StatusNotFound, "NOT_FOUND", fmt.Sprintf("attachment %d does not exist", id))
			return
		case err != nil:
			log.ErrorContext(ctx, "reading an attachment", "attachment", id, "error", err)
			writeError(w, http.StatusInternalServerError, "INTERNAL", "internal error")
			return
		}
		body, err := attachments.FromContext(ctx).Open(ctx, client, a)
		if err != nil {
			log.ErrorContext(ctx, "reading an attachment's bytes", "attachment", id, "error", err)
			writeError(w, http.StatusInternalServerError, "INTERNAL", "internal error")
			return
		}
		defer body.Close()
		h := w.Header()
		h.Set("Content-Type", a.ContentType)
		h.Set("Content-Disposition", export.Disposition(a.FileName))
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", attachmentCSP)
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		// The caller's own data, readable while the rules say so: never kept by a shared cache, nor by the browser.
		h.Set("Cache-Control", "private, no-store")
		// Ranges (a resumed download), HEAD and Content-Length as net/http serves them.
		http.ServeContent(w, r, "", a.CreatedAt, body)
	})
}
