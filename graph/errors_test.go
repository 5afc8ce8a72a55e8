package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/platform/inputerr"
)

func TestPresentError(t *testing.T) {
	_, parseErr := fixed.Parse("abc")
	tests := []struct {
		name        string
		err         error
		code, field string
		says        string
		logged      bool
	}{
		{"bad input", inputerr.New("weight", "must be greater than 0"), CodeBadUserInput, "weight", "weight: must be greater than 0", false},
		{"missing reference", &inputerr.NotFound{Field: "parentID", Entity: "department", ID: 7}, CodeNotFound, "parentID", "parentID: department 7 does not exist", false},
		{"wrapped", fmt.Errorf("saving: %w", inputerr.New("rating", "is required")), CodeBadUserInput, "rating", "rating: is required", false},
		{"decimal that does not parse", parseErr, CodeBadUserInput, "", `"abc" is not a decimal number`, false},
		{"ent not found", &ent.NotFoundError{}, CodeNotFound, "", "not found", false},
		{"a row that exists", &inputerr.Taken{Field: "departmentYearID", What: "an overall evaluation of department-year 5", Entity: "evaluation", Existing: 12}, CodeConflict, "departmentYearID", "departmentYearID: an overall evaluation of department-year 5 already exists (evaluation 12)", false},
		{"a row still used", &inputerr.InUse{Entity: "department", ID: 3, References: []inputerr.Reference{{What: "sub-departments", Count: 2}, {What: "years", Count: 1}}}, CodeBadUserInput, "id", "id: department 3 still has 2 sub-departments, 1 years; delete those first", false},
		{"a stale version", &inputerr.Conflict{Entity: "indicator", ID: 3, Stale: 1, Current: 2}, CodeConflict, "version", "you edited version 1, it is now at version 2", false},
		{"anything else is internal and logged", errors.New("near \"SELEC\": syntax error"), CodeInternal, "", "internal error", true},
		{"words alone classify nothing", errors.New("SELEC is not a valid Kind"), CodeInternal, "", "internal error", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log bytes.Buffer
			present := presentError(slog.New(slog.NewTextHandler(&log, nil)))
			ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, nil)
			got := present(ctx, tt.err)
			if got.Extensions["code"] != tt.code || (tt.field != "" && got.Extensions["field"] != tt.field) || !strings.Contains(got.Message, tt.says) {
				t.Errorf("got %q %v, want code %s field %q saying %q", got.Message, got.Extensions, tt.code, tt.field, tt.says)
			}
			if logged := log.Len() > 0; logged != tt.logged {
				t.Errorf("logged = %v, want %v (%s)", logged, tt.logged, log.String())
			}
			if e, ok := tt.err.(*inputerr.Taken); ok && (got.Extensions["existingID"] != fmt.Sprint(e.Existing) || got.Extensions["entity"] != e.Entity) {
				t.Errorf("the existing row is not named: %v", got.Extensions)
			}
			if e, ok := tt.err.(*inputerr.InUse); ok {
				refs, _ := got.Extensions["references"].([]map[string]any)
				if got.Extensions["entity"] != e.Entity || len(refs) != len(e.References) || refs[0]["what"] != "sub-departments" || refs[0]["count"] != 2 {
					t.Errorf("the references are not given: %v", got.Extensions)
				}
			}
			if strings.Contains(got.Message, "SELEC") {
				t.Errorf("message leaks the cause: %s", got.Message)
			}
		})
	}
}

func TestCamel(t *testing.T) {
	for in, want := range map[string]string{"rated_score": "ratedScore", "code": "code", "three_public_budget": "threePublicBudget",
		"department_year_id": "departmentYearID", "project_id": "projectID"} {
		if got := camel(in); got != want {
			t.Errorf("camel(%q) = %q, want %q", in, got, want)
		}
	}
}
