package schema

import (
	"fmt"
	"strconv"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
	"github.com/vektah/gqlparser/v2/ast"

	"jixiao/domain/fixed"
	"jixiao/platform/inputerr"
)

// decimal is an exact decimal column (fixed.Decimal: int64 millionths), a Decimal in GraphQL.
// Use it around a field.Int64 builder: decimal(field.Int64("target").Optional()).
func decimal[B interface {
	GoType(any) B
	Annotations(...schema.Annotation) B
}](b B) B {
	return b.GoType(fixed.Decimal(0)).Annotations(entgql.Type("Decimal"))
}

// computed marks a value package kept computes from the row's inputs (and its
// neighbours') and stores, so that SQL filters, orders and aggregates by it. No
// mutation input carries it and a mutation that sets it is refused: kept writes it
// in the transaction of the change. entgql declares it in the GraphQL type, its
// comment the description, so that a list asking for it reads the columns asked
// for alone (a field declared by hand made entgql read every column of the row).
func computed[B interface {
	Annotations(...schema.Annotation) B
}](b B) B {
	return b.Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput))
}

// computedDecimal is a kept decimal, zero until computed, ordered by its upper-case name.
func computedDecimal(name, comment string, annotations ...schema.Annotation) ent.Field {
	return computed(decimal(field.Int64(name)).Default(0).Comment(comment).
		Annotations(append(annotations, entgql.OrderField(orderName(name)))...))
}

// computedRate is a kept decimal that is null when it cannot be computed (its denominator is 0).
func computedRate(name, comment string, annotations ...schema.Annotation) ent.Field {
	return computed(decimal(field.Int64(name)).Optional().Nillable().Comment(comment).
		Annotations(append(annotations, entgql.OrderField(orderName(name)))...))
}

// places writes the value in GraphQL with n decimals (@places, read by scalar.MarshalDecimal).
func places(n int) schema.Annotation {
	return entgql.Directives(entgql.NewDirective("places",
		&ast.Argument{Name: "n", Value: &ast.Value{Raw: strconv.Itoa(n), Kind: ast.IntValue}}))
}

// money is an amount in 万元, never negative nor above fixed.MaxMoney, zero until entered.
func money(name, comment string) ent.Field {
	return decimal(field.Int64(name)).
		Default(0).
		Validate(nonNegative).Validate(fixed.AtMost(fixed.MaxMoney, false)).
		Comment(comment + " (万元)").
		Annotations(entgql.OrderField(orderName(name)))
}

func nonNegative(v int64) error {
	if v < 0 {
		return inputerr.Refused(inputerr.Negative, nil, "must not be negative")
	}
	return nil
}

func positive(v int64) error {
	if v <= 0 {
		return inputerr.Refused(inputerr.NotPositive, nil, "must be greater than 0")
	}
	return nil
}

// orderName turns a column name into its GraphQL order-field name: total_budget → TOTAL_BUDGET.
func orderName(name string) string {
	b := []byte(name)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

// TimeMixin records when a row was created and last changed; neither is typed by users.
type TimeMixin struct{ mixin.Schema }

func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").Default(time.Now).Immutable().
			Annotations(entgql.OrderField("CREATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput)),
		field.Time("updated_at").Default(time.Now).UpdateDefault(time.Now).
			Annotations(entgql.OrderField("UPDATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// graphQL is the GraphQL surface of every editable entity: a top-level Relay
// connection with filters and ordering, and generated create and update inputs.
func graphQL() []schema.Annotation {
	return []schema.Annotation{
		entgql.QueryField(),
		entgql.RelayConnection(),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// between is a validator for whole numbers in [lo, hi] that says the range.
func between(lo, hi int) func(int) error {
	return func(v int) error {
		if v < lo || v > hi {
			return inputerr.Refused(inputerr.OutOfRange, []string{"min", fmt.Sprint(lo), "max", fmt.Sprint(hi), "got", fmt.Sprint(v)},
				"must be between %d and %d, got %d", lo, hi, v)
		}
		return nil
	}
}
