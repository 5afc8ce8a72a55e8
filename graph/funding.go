package graph

import (
	"context"
	"errors"
	"fmt"

	"jixiao/domain/funding/breakdown"
	"jixiao/ent"
	"jixiao/graph/model"
	"jixiao/platform/inputerr"
)

// setFundingLines sets a breakdown through package breakdown, the code path an
// imported form's lines take too; a refused line is named as the input's:
// lines[2].executed.
func (r *Resolver) setFundingLines(ctx context.Context, yearID int, projectID *int, lines []*model.FundingLineInput) ([]*ent.FundingLine, error) {
	in := make([]breakdown.Line, len(lines))
	for i, l := range lines {
		in[i] = breakdown.Line{Category: l.Category, InitialBudget: l.InitialBudget, AdjustedBudget: l.AdjustedBudget, Executed: l.Executed}
	}
	out, err := breakdown.Set(ctx, r.db(ctx), yearID, projectID, in)
	// The API answers the first refusal, as a mutation refuses one field.
	var refused *breakdown.LineError
	if errors.As(err, &refused) {
		return nil, inLine(refused.Err, refused.Index)
	}
	return out, err
}

// inLine names the line of setFundingLines' input an error of its builders is about:
// lines[2].executed, keeping the validator's reason.
func inLine(err error, i int) error {
	var ve *ent.ValidationError
	if errors.As(err, &ve) {
		ve.Name = fmt.Sprintf("lines[%d].%s", i, lowerFirst(camel(ve.Name)))
		return err
	}
	var bad *inputerr.Error
	if errors.As(err, &bad) && bad.Field != "" {
		bad.Field = fmt.Sprintf("lines[%d].%s", i, bad.Field)
	}
	var taken *inputerr.Taken
	if errors.As(err, &taken) {
		taken.Field = fmt.Sprintf("lines[%d].%s", i, taken.Field)
	}
	return err
}
