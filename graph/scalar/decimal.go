package scalar

import (
	"context"
	"io"
	"strconv"

	"github.com/99designs/gqlgen/graphql"

	"jixiao/domain/fixed"
)

// MarshalDecimal writes a Decimal as a JSON string, as fixed.Decimal does; a field
// the schema declares @places(n: N) is written with at least N places, so that
// a value's precision is one per field ("1.0000" and "0.8740", not "1.00" and
// "0.874"). Places beyond N are never cut off.
func MarshalDecimal(d fixed.Decimal) graphql.ContextMarshaler {
	return graphql.ContextWriterFunc(func(ctx context.Context, w io.Writer) error {
		s := d.String()
		if n := places(ctx); n > 0 {
			s = d.Format(int(n))
		}
		_, err := io.WriteString(w, strconv.Quote(s))
		return err
	})
}

// UnmarshalDecimal reads a Decimal as fixed.Decimal does.
func UnmarshalDecimal(_ context.Context, v any) (fixed.Decimal, error) {
	var d fixed.Decimal
	err := d.UnmarshalGQL(v)
	return d, err
}

// places is the n of the @places directive on the field being written, 0 without one.
func places(ctx context.Context) int32 {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil || fc.Field.Definition == nil {
		return 0
	}
	d := fc.Field.Definition.Directives.ForName("places")
	if d == nil {
		return 0
	}
	arg := d.Arguments.ForName("n")
	if arg == nil || arg.Value == nil {
		return 0
	}
	n, err := strconv.ParseInt(arg.Value.Raw, 10, 32)
	if err != nil || n < 0 {
		return 0
	}
	return int32(n)
}
