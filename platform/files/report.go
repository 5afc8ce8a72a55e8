package files

import (
	"bytes"
	"context"
	"io"

	"jixiao/domain/assess"
	"jixiao/ent"
	"jixiao/platform/doc"
	"jixiao/platform/doc/docx"
	"jixiao/platform/doc/pdf"
	"jixiao/platform/reports"
)

// Content types of the report's downloads.
const (
	docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	pdfType  = "application/pdf"
)

// reportDOCX and reportPDF are the evaluation's self-evaluation report, the one
// Evaluation.report serves (package reports), laid out as an official report.
func reportDOCX(ctx context.Context, db *ent.Client, id int, opts options) (*file, error) {
	return reportFile(ctx, db, id, opts, "docx", docxType, docx.Write)
}

func reportPDF(ctx context.Context, db *ent.Client, id int, opts options) (*file, error) {
	return reportFile(ctx, db, id, opts, "pdf", pdfType, func(w io.Writer, d doc.Document) error {
		_, err := pdf.Write(w, d)
		return err
	})
}

// reportFile reads the evaluation with the caller's rules first (a hidden one
// answers 404), then writes its report with render; with opts.explain, with the
// appendix 评分计算过程.
func reportFile(ctx context.Context, db *ent.Client, id int, opts options, ext, contentType string,
	render func(io.Writer, doc.Document) error) (*file, error) {
	if _, err := db.Evaluation.Get(ctx, id); err != nil {
		return nil, err
	}
	d, rows, err := reports.Load(ctx, db, id)
	if err != nil {
		return nil, err
	}
	if opts.explain {
		d.AppendDerivation(assess.Derivation(rows))
	}
	var buf bytes.Buffer
	if err := render(&buf, reports.Document(d)); err != nil {
		return nil, err
	}
	return &file{name: d.Title, ext: ext, contentType: contentType, body: buf.Bytes()}, nil
}
