package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"jixiao/platform/access"
)

// Attachment is an evidence file (佐证材料) of one owner: an indicator, a
// monitoring entry (what a monitoring report says of an indicator) or a
// rectification item (the department's answer), each an optional edge of its
// own; exactly one owner is set (attachmentRules),
// and the attachment is read, added and removed under its owner's access rules
// (package access). The row holds what a list and the audit trail show — the
// name, the detected type, the size, the SHA-256, who uploaded it — and where its
// bytes are: in attachment_contents (DATABASE), which no list reads, or in the
// configured directory (DIRECTORY; package platform/attachments). An attachment
// is never changed: it is uploaded, then deleted, by itself or with its owner.
type Attachment struct{ ent.Schema }

func (Attachment) Mixin() []ent.Mixin { return []ent.Mixin{AuditMixin{}} }

func (Attachment) Fields() []ent.Field {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.Int("indicator_id").Optional().Nillable().Immutable().
			Comment("the indicator it is evidence of"),
		field.Int("monitoring_entry_id").Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("the monitoring entry it is evidence of"),
		field.Int("rectification_id").Optional().Nillable().Immutable().Annotations(entgql.Type("ID")).
			Comment("the rectification item whose answer it is evidence of"),
		field.String("file_name").NotEmpty().Validate(maxChars(200)).Immutable().Annotations(noInput, entgql.OrderField("FILE_NAME")).
			Comment("sanitised (domain/evidence); the download's name"),
		field.String("content_type").NotEmpty().Immutable().Annotations(noInput).
			Comment("detected from the bytes, never the client's"),
		field.Int64("size").NonNegative().Immutable().Annotations(noInput, entgql.OrderField("SIZE")).
			Comment("in bytes"),
		field.String("sha256").Match(sha256Hex).Immutable().Annotations(noInput).
			Comment("of the bytes, in lower-case hex"),
		field.Enum("storage").Values("DATABASE", "DIRECTORY").Immutable().
			Annotations(noInput, entgql.Type("AttachmentStorage")).
			Comment("where the bytes are: attachment_contents, or the attachments directory"),
		field.Int("uploaded_by_id").Optional().Nillable().Immutable().
			Annotations(noInput, entgql.Skip(entgql.SkipWhereInput), entgql.Type("ID")),
		field.String("uploaded_by_name").Default("").Immutable().Annotations(noInput),
		field.Time("created_at").Default(time.Now).Immutable().
			Annotations(noInput, entgql.OrderField("CREATED_AT")),
	}
}

func (Attachment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("indicator", Indicator.Type).Ref("attachments").Field("indicator_id").
			Unique().Immutable().Annotations(entgql.Skip(entgql.SkipMutationCreateInput)),
		// Read through MonitoringEntry.attachments and Rectification.attachments
		// (graph/evidence.graphql): the attachment names its owner by the id fields.
		edge.From("monitoring_entry", MonitoringEntry.Type).Ref("attachments").Field("monitoring_entry_id").
			Unique().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		edge.From("rectification", Rectification.Type).Ref("attachments").Field("rectification_id").
			Unique().Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
		// The bytes, when kept in the database: read only by the download.
		edge.To("content", AttachmentContent.Type).Unique().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

func (Attachment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("indicator_id"), index.Fields("monitoring_entry_id"), index.Fields("rectification_id")}
}

func (Attachment) Annotations() []schema.Annotation {
	// Listed and read like their owners; made and removed by attachFile (and
	// attachToIndicator) and deleteAttachment (graph/evidence.graphql).
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection(), entgql.MultiOrder()}
}

func (Attachment) Hooks() []ent.Hook {
	return []ent.Hook{attachmentRules(), attachmentDeletes()}
}

func (Attachment) Policy() ent.Policy { return access.Data() }

// AttachmentContent is the bytes of an attachment kept in the database: a table of
// its own, so that listing and auditing attachments never reads them. Only the
// server reads and writes it, once the access rules have decided on its
// attachment; it is not audited (the trail records the attachment's name, size
// and hash, never its bytes).
type AttachmentContent struct{ ent.Schema }

func (AttachmentContent) Fields() []ent.Field {
	return []ent.Field{
		field.Int("attachment_id").Unique().Immutable(),
		field.Bytes("data").Immutable(),
	}
}

func (AttachmentContent) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("attachment", Attachment.Type).Ref("content").Field("attachment_id").
			Unique().Required().Immutable(),
	}
}

func (AttachmentContent) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}

func (AttachmentContent) Policy() ent.Policy { return access.SystemOnly() }
