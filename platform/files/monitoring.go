package files

import (
	"bytes"
	"context"
	"io"

	"jixiao/domain/monitoring/cycle"
	"jixiao/ent"
	"jixiao/platform/doc"
	"jixiao/platform/doc/docx"
	"jixiao/platform/monitoringform"
)

// monitoringDocuments are the documents of a monitoring report, at
// GET /files/monitoring/{id}/{document}: its form (绩效运行监控表) as a workbook
// and as Word, made from one document (package monitoringform).
var monitoringDocuments = map[string]document{
	"form.xlsx": monitoringFile("xlsx", monitoringform.ContentType, monitoringform.WriteXLSX),
	"form.docx": monitoringFile("docx", docxType, docx.Write),
}

// monitoringFile reads the report with the caller's rules (a hidden one answers
// 404) and renders its form.
func monitoringFile(ext, contentType string, render func(io.Writer, doc.Document) error) document {
	return func(ctx context.Context, db *ent.Client, id int, _ options) (*file, error) {
		r, err := db.MonitoringReport.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		views, err := cycle.Load(ctx, db, []*ent.MonitoringReport{r})
		if err != nil {
			return nil, err
		}
		v := views[0]
		dept, err := db.Department.Get(ctx, v.Year.DepartmentID)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := render(&buf, monitoringform.Document(v, dept.Name)); err != nil {
			return nil, err
		}
		return &file{name: monitoringform.Name(v, dept.Name), ext: ext, contentType: contentType, body: buf.Bytes()}, nil
	}
}
