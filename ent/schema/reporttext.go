package schema

import (
	"context"
	"strings"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/domain/report"
	gen "jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/hook"
	"jixiao/platform/access"
	"jixiao/platform/inputerr"
)

// ReportText is the text a department wrote for one section of an evaluation's
// report (package report): what the data cannot know, such as how it manages
// performance. A section without one shows the generator's draft. It belongs to
// the evaluation: read, written and locked under review as the evaluation is.
// The conclusion, problems and improvements stay fields of the evaluation, which
// the forms print too.
type ReportText struct{ ent.Schema }

func (ReportText) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, VersionMixin{}, AuditMixin{}} }

func (ReportText) Fields() []ent.Field {
	return []ent.Field{
		field.Int("evaluation_id").Immutable(),
		field.String("section").NotEmpty().Validate(maxChars(16)).Annotations(columnSize(16)).Immutable().
			Comment("the report section's key, e.g. 1.5.2 (package report)"),
		field.Text("text").NotEmpty().Validate(maxChars(maxParagraphs)).
			Comment("the department's text of the section; a section without one shows the generated draft"),
	}
}

func (ReportText) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("evaluation", Evaluation.Type).Ref("report_texts").Field("evaluation_id").
			Unique().Required().Immutable(),
	}
}

func (ReportText) Indexes() []ent.Index {
	return []ent.Index{index.Fields("evaluation_id", "section").Unique()}
}

// Annotations: a GraphQL type (the audit trail names its fields as the API does,
// node(id:) finds it), written only through setReportText and read through the
// report, so no query field, filter or generated input.
func (ReportText) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

func (ReportText) Hooks() []ent.Hook { return []ent.Hook{reportTextRules()} }

func (ReportText) Policy() ent.Policy { return access.Data() }

// reportTextRules checks a new text's section: one the evaluation's kind of report
// has, and whose text the department writes into a ReportText (the conclusion,
// problems and improvements are the evaluation's own fields).
func reportTextRules() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.ReportTextFunc(func(ctx context.Context, m *gen.ReportTextMutation) (ent.Value, error) {
			evID, _ := m.EvaluationID()
			ev, err := m.Client().Evaluation.Query().Where(evaluation.ID(evID)).Only(ctx)
			if gen.IsNotFound(err) {
				return nil, &inputerr.NotFound{Field: "evaluationID", Entity: "evaluation", ID: evID}
			}
			if err != nil {
				return nil, err
			}
			kind := report.Department
			if ev.ProjectID != nil {
				kind = report.Project
			}
			key, _ := m.Section()
			switch store, ok := report.Writable(kind, key); {
			case !ok:
				return nil, inputerr.New("section", "the %s report has no section %q whose text the department writes; those are %s",
					strings.ToLower(string(kind)), key, strings.Join(report.WritableKeys(kind), ", "))
			case store != report.StoreReportText:
				return nil, inputerr.New("section", "section %s is the evaluation's %s", key, strings.ToLower(string(store)))
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate)
}
