package audit

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"entgo.io/ent"

	"jixiao/domain/fixed"
	"jixiao/domain/kept"
	gen "jixiao/ent"
)

// load reads one row with the typed Get: every column, whatever the request selects
// (Client.Noder would load only the fields the GraphQL operation names).
func load(ctx context.Context, m ent.Mutation, id int) (any, error) {
	switch m := m.(type) {
	case *gen.APITokenMutation:
		return nonNil(m.Client().APIToken.Get(ctx, id))
	case *gen.AttachmentMutation:
		return nonNil(m.Client().Attachment.Get(ctx, id)) // the row: name, size, hash; never the bytes
	case *gen.DepartmentMutation:
		return nonNil(m.Client().Department.Get(ctx, id))
	case *gen.DepartmentYearMutation:
		return nonNil(m.Client().DepartmentYear.Get(ctx, id))
	case *gen.EvaluationMutation:
		return nonNil(m.Client().Evaluation.Get(ctx, id))
	case *gen.FundingLineMutation:
		return nonNil(m.Client().FundingLine.Get(ctx, id))
	case *gen.IndicatorMutation:
		return nonNil(m.Client().Indicator.Get(ctx, id))
	case *gen.KeyTaskMutation:
		return nonNil(m.Client().KeyTask.Get(ctx, id))
	case *gen.LibraryIndicatorMutation:
		return nonNil(m.Client().LibraryIndicator.Get(ctx, id))
	case *gen.MonitoringEntryMutation:
		return nonNil(m.Client().MonitoringEntry.Get(ctx, id))
	case *gen.MonitoringReportMutation:
		return nonNil(m.Client().MonitoringReport.Get(ctx, id))
	case *gen.MonthlyExecutionMutation:
		return nonNil(m.Client().MonthlyExecution.Get(ctx, id))
	case *gen.ProjectMutation:
		return nonNil(m.Client().Project.Get(ctx, id))
	case *gen.RectificationMutation:
		return nonNil(m.Client().Rectification.Get(ctx, id))
	case *gen.ReportTextMutation:
		return nonNil(m.Client().ReportText.Get(ctx, id))
	case *gen.RoundMutation:
		return nonNil(m.Client().Round.Get(ctx, id))
	case *gen.RoundParticipantMutation:
		return nonNil(m.Client().RoundParticipant.Get(ctx, id))
	case *gen.ReviewScoreMutation:
		return nonNil(m.Client().ReviewScore.Get(ctx, id))
	case *gen.RuleSetMutation:
		return nonNil(m.Client().RuleSet.Get(ctx, id))
	case *gen.TargetVersionMutation:
		return nonNil(m.Client().TargetVersion.Get(ctx, id))
	case *gen.UserMutation:
		return nonNil(m.Client().User.Get(ctx, id))
	case *gen.WebhookMutation:
		return nonNil(m.Client().Webhook.Get(ctx, id))
	}
	return nil, fmt.Errorf("audit: %s rows cannot be read for the trail", m.Type())
}

// nonNil keeps a failed Get's typed nil pointer from becoming a non-nil any.
func nonNil[T any](row *T, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return row, nil
}

// isRow reports whether v is an entity (a pointer to a generated struct with an ID),
// as create and update-one return it.
func isRow(v ent.Value) bool {
	rv := reflect.ValueOf(v)
	return rv.Kind() == reflect.Pointer && !rv.IsNil() && rv.Elem().Kind() == reflect.Struct &&
		rv.Elem().FieldByName("ID").IsValid()
}

// Fields is an entity's columns as the GraphQL API names and writes them, the id,
// the edges and the kept values left out. Exported for the test that checks the names against the schema.
func Fields(row any) map[string]any {
	out := map[string]any{}
	rv := reflect.ValueOf(row)
	if rv.Kind() == reflect.Pointer {
		rv = rv.Elem()
	}
	rt := rv.Type()
	derived := kept.Columns[rt.Name()]
	for i := range rt.NumField() {
		sf := rt.Field(i)
		if !sf.IsExported() || sf.Anonymous || sf.Name == "ID" || sf.Name == "Edges" {
			continue
		}
		if column, _, _ := strings.Cut(sf.Tag.Get("json"), ","); slices.Contains(derived, column) {
			continue // computed from the fields beside it (package kept): not a change of its own
		}
		name := graphQLName(sf)
		out[name] = apiValue(rv.Field(i), strings.HasSuffix(name, "ID"))
	}
	return out
}

// graphQLName is entgql's name for a field: the ent name in camel case, e.g.
// department_year_id → departmentYearID. The struct field is its pascal case, so the
// first word in lower case followed by the rest of the struct name is exactly that.
// Sensitive fields hide their ent name (json:"-"): their struct name is lowered.
func graphQLName(sf reflect.StructField) string {
	tag, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
	if tag == "" || tag == "-" {
		return lowerFirstWord(sf.Name)
	}
	first, _, _ := strings.Cut(tag, "_")
	return strings.ToLower(first) + sf.Name[len(first):]
}

// lowerFirstWord: PasswordHash → passwordHash, CSRFToken → csrfToken.
func lowerFirstWord(s string) string {
	r := []rune(s)
	for i := range r {
		if !unicode.IsUpper(r[i]) || (i > 0 && i+1 < len(r) && unicode.IsLower(r[i+1])) {
			break
		}
		r[i] = unicode.ToLower(r[i])
	}
	return string(r)
}

// apiValue writes a column's value as the API does: Decimal as its decimal string
// ("42", "1829.40"), ids as strings, enums as their names, times as RFC 3339, nil as
// null. Times are kept to the microsecond, in UTC: what both stores hold.
func apiValue(v reflect.Value, isID bool) any {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch x := v.Interface().(type) {
	case fixed.Decimal:
		return x.String()
	case time.Time:
		if x.IsZero() {
			return nil
		}
		return x.Truncate(time.Microsecond).UTC().Format(time.RFC3339Nano)
	}
	switch v.Kind() {
	case reflect.String:
		return v.String() // enums too
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if isID {
			return strconv.FormatInt(v.Int(), 10)
		}
		return v.Int()
	case reflect.Bool:
		return v.Bool()
	}
	return v.Interface()
}
