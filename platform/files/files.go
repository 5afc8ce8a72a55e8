// Package files serves the documents made from an evaluation, each at
// GET /files/evaluations/{id}/{document}: form.xlsx, the evaluation's
// self-evaluation form (项目支出绩效自评表 or 部门整体支出绩效自评表) as an Excel
// workbook, and report.docx and report.pdf, its self-evaluation report. With
// ?explain=1 each also states how its scores were computed: the report ends with
// the appendix 评分计算过程, the form has the column 计算过程. A monitoring report's
// form (绩效运行监控表) is at GET /files/monitoring/{id}/form.xlsx and form.docx
// (monitoring.go).
//
// The evaluation is read with the caller of the request (the authentication
// middleware in front puts them in the context), through ent and its access
// rules: an evaluation the caller may not read answers 404, exactly as one that
// does not exist.
package files

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"jixiao/domain/forms"
	"jixiao/ent"
	"jixiao/platform/export"
	"jixiao/platform/forms/xlsx"
)

// Prefix is the path every document lies under.
const Prefix = "/files/"

// file is a document made for a request.
type file struct {
	name        string // the download's name, without its extension
	ext         string // "xlsx"
	contentType string
	body        []byte
}

// document makes one kind of document of the evaluation id, read through db
// with the caller in ctx; ent's NotFoundError when the caller may not see it.
type document func(ctx context.Context, db *ent.Client, id int, opts options) (*file, error)

// options are what a download asks for beyond the document itself.
type options struct {
	// explain (?explain=1) adds the derivation of the scores: the report's appendix
	// 评分计算过程, the form's column 计算过程.
	explain bool
}

// parseOptions reads a download's query; a value it does not know is refused, naming it.
func parseOptions(q url.Values) (options, error) {
	var o options
	switch v := q.Get("explain"); v {
	case "", "0", "false":
	case "1", "true":
		o.explain = true
	default:
		return o, fmt.Errorf("explain: must be 1 or 0, got %q", v)
	}
	return o, nil
}

// documents are the documents of an evaluation, by their name in the path.
var documents = map[string]document{
	"form.xlsx":   formXLSX,
	"report.docx": reportDOCX,
	"report.pdf":  reportPDF,
}

// Handler serves the documents of evaluations read through client.
func Handler(client *ent.Client, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// /files/evaluations/{id}/{document}, /files/monitoring/{id}/{document}
		parts := strings.Split(strings.TrimPrefix(r.URL.Path, Prefix), "/")
		collections := map[string]struct {
			docs   map[string]document
			entity string
		}{"evaluations": {documents, "evaluation"}, "monitoring": {monitoringDocuments, "monitoring report"}}
		coll, ok := collections[parts[0]]
		if len(parts) != 3 || !ok {
			writeError(w, http.StatusNotFound, "NOT_FOUND", "no such document")
			return
		}
		mk, known := coll.docs[parts[2]]
		id, err := strconv.Atoi(parts[1])
		if !known || err != nil || id <= 0 {
			writeError(w, http.StatusNotFound, "NOT_FOUND", "no such document")
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			writeError(w, http.StatusMethodNotAllowed, "BAD_REQUEST", "documents are read with GET")
			return
		}
		opts, err := parseOptions(r.URL.Query())
		if err != nil {
			writeError(w, http.StatusBadRequest, "BAD_USER_INPUT", err.Error())
			return
		}
		f, err := mk(r.Context(), client, id, opts)
		switch {
		case ent.IsNotFound(err):
			writeError(w, http.StatusNotFound, "NOT_FOUND", fmt.Sprintf("%s %d does not exist", coll.entity, id))
			return
		case err != nil:
			log.ErrorContext(r.Context(), "making a document", "document", parts[2], coll.entity, id, "error", err)
			writeError(w, http.StatusInternalServerError, "INTERNAL", "internal error")
			return
		}
		h := w.Header()
		h.Set("Content-Type", f.contentType)
		h.Set("Content-Disposition", export.Disposition(export.Filename(f.name, "document", f.ext)))
		h.Set("Content-Length", strconv.Itoa(len(f.body)))
		// The caller's own data: never kept by a shared cache, nor by the browser.
		h.Set("Cache-Control", "private, no-store")
		w.WriteHeader(http.StatusOK)
		if r.Method == http.MethodGet {
			_, _ = w.Write(f.body)
		}
	})
}

// formXLSX is the evaluation's form as a workbook, named after the form, the
// year and its project or department: 2023年度项目支出绩效自评表-区委重要会议保障.xlsx.
func formXLSX(ctx context.Context, db *ent.Client, id int, opts options) (*file, error) {
	src, err := forms.Load(ctx, db, id)
	if err != nil {
		return nil, err
	}
	f := forms.Build(src)
	if opts.explain {
		forms.Explain(f, src)
	}
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, f); err != nil {
		return nil, err
	}
	subject := f.DepartmentName
	if f.Kind == forms.ProjectForm {
		subject = f.ProjectName
	}
	return &file{name: fmt.Sprintf("%d年度%s-%s", f.Year, f.Kind.Title(), subject), ext: "xlsx",
		contentType: xlsx.ContentType, body: buf.Bytes()}, nil
}

// writeError answers with status and a GraphQL-style error, as the API's other
// refusals read.
func writeError(w http.ResponseWriter, status int, code, message string) {
	body, _ := json.Marshal(map[string]any{"errors": []map[string]any{{"message": message, "extensions": map[string]string{"code": code}}}})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
