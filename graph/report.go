package graph

import (
	"context"
	"fmt"
	"strings"

	"jixiao/domain/report"
	"jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/reporttext"
	"jixiao/graph/model"
	"jixiao/platform/inputerr"
	"jixiao/platform/reports"
)

// reportOf writes the report of evaluation id (package reports) with where its
// sections' department texts are kept. The caller has read the evaluation under
// its own rules. Inside setReportText it reads through the mutation's
// transaction, so the report sees its write.
func (r *Resolver) reportOf(ctx context.Context, id int) (*report.Document, *reportTexts, error) {
	d, rows, err := reports.Load(ctx, r.db(ctx), id)
	if err != nil {
		return nil, nil, err
	}
	texts := &reportTexts{evaluation: rows.Evaluation, bySection: map[string]*ent.ReportText{}}
	for _, t := range rows.Texts {
		texts.bySection[t.Section] = t
	}
	return d, texts, nil
}

// reportTexts are where the sections' department texts are kept, for their versions.
type reportTexts struct {
	evaluation *ent.Evaluation
	bySection  map[string]*ent.ReportText
}

// version is what setReportText compares a section's text against.
func (t *reportTexts) version(store report.Store, key string) int {
	if store != report.StoreReportText {
		return t.evaluation.Version
	}
	if rt := t.bySection[key]; rt != nil {
		return rt.Version
	}
	return 0
}

// storeField names the stored field of a section's text, for its limit.
var storeField = map[report.Store][2]string{
	report.StoreReportText:   {"ReportText", "text"},
	report.StoreConclusion:   {"Evaluation", "conclusion"},
	report.StoreProblems:     {"Evaluation", "problems"},
	report.StoreImprovements: {"Evaluation", "improvements"},
}

// maxLength is the limit the field's own validators set (graph.limits).
func maxLength(store report.Store) int {
	f := storeField[store]
	for _, l := range limits().Fields {
		if l.Type == f[0] && l.Field == f[1] && l.MaxLength != nil {
			return *l.MaxLength
		}
	}
	return 0
}

// reportModel is the GraphQL form of a report: its sections flattened in
// document order.
func reportModel(d *report.Document, texts *reportTexts) *model.Report {
	out := &model.Report{Kind: model.ReportKind(d.Kind), Title: d.Title, Characters: d.Characters()}
	d.Walk(func(s *report.Section) { out.Sections = append(out.Sections, sectionModel(s, texts)) })
	return out
}

func sectionModel(s *report.Section, texts *reportTexts) *model.ReportSection {
	out := &model.ReportSection{
		Key: s.Key, Level: s.Level, Number: s.Number, Title: s.Title, RunIn: s.RunIn,
		Paragraphs: make([]*model.ReportParagraph, len(s.Paragraphs)),
		Tables:     make([]*model.ReportTable, len(s.Tables)),
	}
	if i := strings.LastIndex(s.Key, "."); i > 0 {
		parent := s.Key[:i]
		out.ParentKey = &parent
	}
	for i, p := range s.Paragraphs {
		out.Paragraphs[i] = &model.ReportParagraph{Text: p.Text, Generated: p.Generated, Draft: p.Draft}
	}
	for i, t := range s.Tables {
		out.Tables[i] = &model.ReportTable{Title: t.Title, Header: rowsModel(t.Header), Rows: rowsModel(t.Rows)}
	}
	if slot := s.Text; slot != nil {
		out.Text = &model.ReportSectionText{
			Value: slot.Written, Draft: slot.Draft, Written: slot.Written != "",
			Store: model.ReportTextStore(slot.Store), Version: texts.version(slot.Store, s.Key),
			MaxLength: maxLength(slot.Store),
		}
		if slot.Store == report.StoreReportText {
			out.Text.ReportText = texts.bySection[s.Key]
		}
	}
	return out
}

func rowsModel(rows []report.Row) []*model.ReportRow {
	out := make([]*model.ReportRow, len(rows))
	for i, r := range rows {
		out[i] = &model.ReportRow{Cells: make([]*model.ReportCell, len(r.Cells))}
		for j, c := range r.Cells {
			out[i].Cells[j] = &model.ReportCell{Text: c.Text, RowSpan: max(c.RowSpan, 1), ColSpan: max(c.ColSpan, 1), Numeric: c.Numeric}
		}
	}
	return out
}

// setReportText writes the department's text of one section of evaluation id's
// report and returns the section as it then reads.
func (r *Resolver) setReportText(ctx context.Context, id int, section, text string, version *int) (*model.ReportSection, error) {
	db := r.db(ctx)
	// The access rules first, as for a change of the evaluation's texts: whoever
	// may not make one learns nothing of the evaluation or its sections.
	if err := mayChange(ctx, evaluation.Policy, db.Evaluation.UpdateOneID(id).SetConclusion("").Mutation()); err != nil {
		return nil, err
	}
	ev, err := get(ctx, db.Evaluation.Get, id, "evaluation")
	if err != nil {
		return nil, withField(err, "evaluationID")
	}
	kind := report.Department
	if ev.ProjectID != nil {
		kind = report.Project
	}
	store, ok := report.Writable(kind, section)
	if !ok {
		return nil, inputerr.New("section", "the %s report has no section %q whose text the department writes; those are %s",
			strings.ToLower(string(kind)), section, strings.Join(report.WritableKeys(kind), ", "))
	}
	text = strings.TrimSpace(text)
	switch store {
	case report.StoreReportText:
		err = r.writeReportText(ctx, ev.ID, section, text, version)
	default:
		u := db.Evaluation.UpdateOneID(ev.ID).SetNillableVersion(version)
		switch store {
		case report.StoreConclusion:
			u.SetConclusion(text)
		case report.StoreProblems:
			u.SetProblems(text)
		case report.StoreImprovements:
			u.SetImprovements(text)
		}
		err = u.Exec(ctx)
	}
	if err != nil {
		return nil, withField(err, "text")
	}
	d, texts, err := r.reportOf(ctx, ev.ID)
	if err != nil {
		return nil, err
	}
	s := d.Section(section)
	if s == nil {
		return nil, fmt.Errorf("report of evaluation %d has no section %s", ev.ID, section)
	}
	return sectionModel(s, texts), nil
}

// writeReportText creates, changes or (for an empty text) removes a report text.
// version 0 names "no text yet".
func (r *Resolver) writeReportText(ctx context.Context, evID int, section, text string, version *int) error {
	db := r.db(ctx)
	existing, err := db.ReportText.Query().Where(reporttext.EvaluationID(evID), reporttext.Section(section)).Only(ctx)
	if err != nil && !ent.IsNotFound(err) {
		return err
	}
	if version != nil {
		conflict := &inputerr.Conflict{Entity: "section " + section + "'s text of evaluation", ID: evID, Stale: *version}
		if existing != nil {
			conflict.Entity, conflict.ID, conflict.Current = "report text", existing.ID, existing.Version
		}
		if *version != conflict.Current {
			return conflict
		}
	}
	switch {
	case existing == nil && text == "":
		return nil
	case existing == nil:
		return db.ReportText.Create().SetEvaluationID(evID).SetSection(section).SetText(text).Exec(ctx)
	case text == "":
		return db.ReportText.DeleteOne(existing).Exec(ctx)
	case text == existing.Text:
		return nil
	}
	// The version names the row read, so that a change made meanwhile is refused in SQL.
	return db.ReportText.UpdateOne(existing).SetText(text).SetVersion(existing.Version).Exec(ctx)
}
