package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/domain/fixed"
	"jixiao/domain/monitoring"
	"jixiao/platform/access"
)

// MonitoringReport is a department's mid-year monitoring (绩效运行监控) of a
// department-year's overall indicators (project null) or of one project's, at a
// point of the year (e.g. 2024-06-30): an entry per indicator and the budget's
// execution to date. Its expected values, likelihoods and lights are computed
// (domain/monitoring), never stored. Submitted and reviewed like an evaluation:
// DRAFT → SUBMITTED → APPROVED or RETURNED (→ SUBMITTED again); read-only while
// SUBMITTED or APPROVED.
type MonitoringReport struct{ ent.Schema }

func (MonitoringReport) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (MonitoringReport) Fields() []ent.Field {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("department_year_id").Immutable(),
		field.Int("project_id").Optional().Nillable().Immutable().
			Comment("null for the department-year's overall indicators"),
		field.String("point").Immutable().Annotations(columnSize(10), entgql.OrderField("POINT")).
			Validate(func(s string) error { _, err := monitoring.ParsePoint(s); return err }).
			Comment("the monitoring point, a date of the fiscal year such as 2024-06-30"),
		field.Enum("status").Values("DRAFT", "SUBMITTED", "RETURNED", "APPROVED").Default("DRAFT").
			Annotations(noInput, entgql.Type("MonitoringStatus"), entgql.OrderField("STATUS")),
		decimal(field.Int64("budget_executed").Optional().Nillable().Validate(nonNegative).Validate(fixed.AtMost(fixed.MaxMoney, false))).
			Comment("spending to date (万元) as reported: a project's; a department-year's reads its months unless this is set"),
		decimal(field.Int64("budget_expected_override").Optional().Nillable().Validate(nonNegative).Validate(fixed.AtMost(fixed.FromInt(100), false))).
			Comment("the department's expected full-year execution rate (percent), overriding the forecast"),
		field.Text("budget_override_reason").Default("").Validate(maxChars(maxReason)),
		field.Text("budget_cause").Default("").Validate(maxChars(maxReason)).Comment("why spending is behind (偏差原因)"),
		field.Text("budget_measure").Default("").Validate(maxChars(maxReason)).Comment("the corrective measure (整改措施)"),
		field.Text("review_comment").Default("").Validate(maxChars(maxDescription)).Annotations(noInput).
			Comment("the reviewer's comment when approving or returning"),
		field.String("submitted_by_name").Default("").Annotations(noInput),
		field.Time("submitted_at").Optional().Nillable().Annotations(noInput, entgql.OrderField("SUBMITTED_AT")),
		field.String("reviewed_by_name").Default("").Annotations(noInput),
		field.Time("reviewed_at").Optional().Nillable().Annotations(noInput),
	}
}

func (MonitoringReport) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("department_year", DepartmentYear.Type).Ref("monitoring_reports").Field("department_year_id").
			Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipMutationCreateInput)),
		edge.From("project", Project.Type).Ref("monitoring_reports").Field("project_id").
			Unique().Immutable().Annotations(entgql.Skip(entgql.SkipMutationCreateInput)),
		// Read through MonitoringReport.entries (graph/monitoring.graphql), with the forecasts.
		edge.To("entries", MonitoringEntry.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (MonitoringReport) Indexes() []ent.Index {
	return []ent.Index{
		// One report per subject and point.
		index.Fields("department_year_id", "point").Unique().Annotations(entsql.IndexWhere("project_id IS NULL")),
		index.Fields("project_id", "point").Unique().Annotations(entsql.IndexWhere("project_id IS NOT NULL")),
		index.Fields("status", "submitted_at"),
	}
}

func (MonitoringReport) Annotations() []schema.Annotation {
	// Listed with the generated filters; written by graph/monitoring.graphql's mutations.
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection(), entgql.MultiOrder()}
}

func (MonitoringReport) Hooks() []ent.Hook {
	return []ent.Hook{monitoringReportRules(), monitoringReportDeletes()}
}

func (MonitoringReport) Policy() ent.Policy { return access.Data() }

// MonitoringEntry is what a monitoring report says of one indicator: its value to
// date, an override of the forecast with its reason, and, where the light is
// yellow or red, the cause (偏差原因, with its category) and the corrective measure.
type MonitoringEntry struct{ ent.Schema }

func (MonitoringEntry) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (MonitoringEntry) Fields() []ent.Field {
	return []ent.Field{
		field.Int("report_id").Immutable(),
		field.Int("indicator_id").Immutable().Annotations(entgql.Type("ID")).
			Comment("the indicator of the report's subject (no foreign key: a report keeps what it said of an indicator since deleted)"),
		decimal(field.Int64("value_to_date").Optional().Nillable().Validate(fixed.AtMost(fixed.MaxQuantity, true))).
			Comment("1-N月执行情况: the value reached at the point"),
		decimal(field.Int64("expected_override").Optional().Nillable().Validate(fixed.AtMost(fixed.MaxQuantity, true))).
			Comment("the department's expected full-year value, overriding the forecast"),
		field.Enum("likelihood_override").Values(string(monitoring.Likely), string(monitoring.AtRisk), string(monitoring.Unlikely)).
			Optional().Nillable().Annotations(entgql.Type("Likelihood")).
			Comment("the department's likelihood, overriding the forecast (a qualitative indicator's only likelihood)"),
		field.Text("override_reason").Default("").Validate(maxChars(maxReason)),
		field.Enum("cause_category").Values("FUNDING", "SYSTEM", "STAFF", "HARDWARE", "OTHER").Optional().Nillable().
			Annotations(entgql.Type("DeviationCause")).
			Comment("偏差原因分析: 经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他"),
		field.Text("cause").Default("").Validate(maxChars(maxReason)),
		field.Text("measure").Default("").Validate(maxChars(maxReason)).Comment("the corrective measure"),
		field.Text("note").Default("").Validate(maxChars(maxReason)).Comment("备注"),
	}
}

func (MonitoringEntry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("report", MonitoringReport.Type).Ref("entries").Field("report_id").
			Unique().Required().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		// Its evidence, read through MonitoringEntry.attachments (graph/evidence.graphql).
		edge.To("attachments", Attachment.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (MonitoringEntry) Indexes() []ent.Index {
	return []ent.Index{index.Fields("report_id", "indicator_id").Unique()}
}

func (MonitoringEntry) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (MonitoringEntry) Hooks() []ent.Hook {
	return []ent.Hook{monitoringEntryRules(), monitoringEntryDeletes()}
}

func (MonitoringEntry) Policy() ent.Policy { return access.Data() }
