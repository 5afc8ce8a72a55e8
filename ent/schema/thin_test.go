package schema_test

// The rules the schema's hooks keep for every caller, tried through the ent
// client alone: no resolver, no GraphQL.

import (
	"context"
	"errors"
	"fmt"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/enttest"
	"jixiao/ent/fundingline"
	"jixiao/ent/indicator"
	_ "jixiao/ent/runtime"
	"jixiao/platform/access"
	"jixiao/platform/inputerr"
)

func open(t *testing.T) (*ent.Client, context.Context) {
	t.Helper()
	c := enttest.Open(t, "sqlite3", fmt.Sprintf("file:%s?mode=memory&cache=shared&_fk=1", t.Name()))
	t.Cleanup(func() { c.Close() })
	return c, access.System(context.Background(), "test")
}

// TestVersion: an update that names the version it was made against is refused
// once the row has moved on; every update increments the version by one.
func TestVersion(t *testing.T) {
	c, ctx := open(t)
	d := c.Department.Create().SetCode("V-1").SetName("科").SaveX(ctx)
	v := func(n int) *int { return &n }
	steps := []struct {
		name    string
		version *int
		stale   bool
		after   int // the version once the step is done
	}{
		{"the current version", v(1), false, 2},
		{"the version before", v(1), true, 2},
		{"no version: always written", nil, false, 3},
		{"a version from the future", v(7), true, 3},
		{"the current version again", v(3), false, 4},
	}
	for _, s := range steps {
		_, err := c.Department.UpdateOneID(d.ID).SetName(s.name).SetNillableVersion(s.version).Save(ctx)
		var conflict *inputerr.Conflict
		switch {
		case s.stale && !errors.As(err, &conflict):
			t.Fatalf("%s: err = %v, want a conflict", s.name, err)
		case s.stale && (conflict.Stale != *s.version || conflict.Current != s.after || conflict.ID != d.ID || conflict.Entity != "department"):
			t.Errorf("%s: conflict %+v, want version %d against %d", s.name, conflict, *s.version, s.after)
		case !s.stale && err != nil:
			t.Fatalf("%s: %v", s.name, err)
		}
		if got := c.Department.GetX(ctx, d.ID).Version; got != s.after {
			t.Errorf("%s: version %d, want %d", s.name, got, s.after)
		}
	}
	if got := c.Department.GetX(ctx, d.ID).Name; got != "the current version again" {
		t.Errorf("a refused update was written: name %q", got)
	}
	if _, err := c.Department.UpdateOneID(d.ID + 1000).SetName("x").SetVersion(1).Save(ctx); !ent.IsNotFound(err) {
		t.Errorf("a versioned update of a missing row: %v, want not found", err)
	}
}

// TestDeleteRules: a row others refer to is not deleted, and the error names them
// with their counts; a department-year's months and key tasks go with it.
func TestDeleteRules(t *testing.T) {
	c, ctx := open(t)
	parent := c.Department.Create().SetCode("P").SetName("区").SaveX(ctx)
	c.Department.Create().SetCode("C").SetName("局").SetParentID(parent.ID).SaveX(ctx)
	year := c.DepartmentYear.Create().SetDepartmentID(parent.ID).SetYear(2023).SaveX(ctx)
	c.MonthlyExecution.Create().SetDepartmentYearID(year.ID).SetMonth(1).SaveX(ctx)
	c.KeyTask.Create().SetDepartmentYearID(year.ID).SetTitle("任务").SaveX(ctx)
	withProject := c.DepartmentYear.Create().SetDepartmentID(parent.ID).SetYear(2024).SaveX(ctx)
	p := c.Project.Create().SetDepartmentYearID(withProject.ID).SetName("项目").SaveX(ctx)
	c.Evaluation.Create().SetDepartmentYearID(withProject.ID).SetProjectID(p.ID).SaveX(ctx)

	refused := []struct {
		name   string
		delete func() error
		says   string
	}{
		{"a department with a child and years", func() error { return c.Department.DeleteOneID(parent.ID).Exec(ctx) },
			fmt.Sprintf("id: department %d still has 1 sub-departments, 2 years; delete those first", parent.ID)},
		{"a department-year with a project", func() error { return c.DepartmentYear.DeleteOneID(withProject.ID).Exec(ctx) },
			fmt.Sprintf("id: department-year %d still has 1 projects, 1 evaluations; delete those first", withProject.ID)},
		{"a project with an evaluation", func() error { return c.Project.DeleteOneID(p.ID).Exec(ctx) },
			fmt.Sprintf("id: project %d still has 1 evaluations; delete those first", p.ID)},
	}
	for _, tt := range refused {
		var inUse *inputerr.InUse
		if err := tt.delete(); !errors.As(err, &inUse) || err.Error() != tt.says {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.says)
		}
	}
	if n := c.Department.Query().CountX(ctx); n != 2 {
		t.Errorf("%d departments after refused deletes, want 2", n)
	}

	if err := c.DepartmentYear.DeleteOneID(year.ID).Exec(ctx); err != nil {
		t.Fatalf("deleting a year with months and key tasks: %v", err)
	}
	if m, k := c.MonthlyExecution.Query().CountX(ctx), c.KeyTask.Query().CountX(ctx); m != 0 || k != 0 {
		t.Errorf("%d months and %d key tasks outlived their year", m, k)
	}
}

// TestUnique: a value already held names the input field and the row that holds it.
func TestUnique(t *testing.T) {
	c, ctx := open(t)
	d := c.Department.Create().SetCode("U").SetName("局").SaveX(ctx)
	y := c.DepartmentYear.Create().SetDepartmentID(d.ID).SetYear(2023).SaveX(ctx)
	p := c.Project.Create().SetDepartmentYearID(y.ID).SetName("项目").SetCode("P-1").SaveX(ctx)
	other := c.Project.Create().SetDepartmentYearID(y.ID).SetName("另一个").SaveX(ctx)
	overall := c.Evaluation.Create().SetDepartmentYearID(y.ID).SaveX(ctx)
	ofProject := c.Evaluation.Create().SetDepartmentYearID(y.ID).SetProjectID(p.ID).SaveX(ctx)
	tests := []struct {
		name          string
		save          func() error
		field, entity string
		existing      int
		what          string
	}{
		{"a second overall evaluation", func() error { return c.Evaluation.Create().SetDepartmentYearID(y.ID).Exec(ctx) },
			"departmentYearID", "evaluation", overall.ID, fmt.Sprintf("an overall evaluation of department-year %d", y.ID)},
		{"a second evaluation of a project", func() error { return c.Evaluation.Create().SetDepartmentYearID(y.ID).SetProjectID(p.ID).Exec(ctx) },
			"projectID", "evaluation", ofProject.ID, fmt.Sprintf("an evaluation of project %d", p.ID)},
		{"a department code", func() error { return c.Department.Create().SetCode("U").SetName("又一个").Exec(ctx) },
			"code", "department", d.ID, `a department with code "U"`},
		{"a year twice", func() error { return c.DepartmentYear.Create().SetDepartmentID(d.ID).SetYear(2023).Exec(ctx) },
			"year", "department-year", y.ID, fmt.Sprintf("department %d's year 2023", d.ID)},
		{"a project code given to another project", func() error { return c.Project.UpdateOneID(other.ID).SetCode("P-1").Exec(ctx) },
			"code", "project", p.ID, fmt.Sprintf(`a project with code "P-1" in department-year %d`, y.ID)},
	}
	for _, tt := range tests {
		var taken *inputerr.Taken
		if err := tt.save(); !errors.As(err, &taken) {
			t.Errorf("%s: err = %v, want the existing row named", tt.name, err)
			continue
		}
		if *taken != (inputerr.Taken{Field: tt.field, What: tt.what, Entity: tt.entity, Existing: tt.existing}) {
			t.Errorf("%s: %+v", tt.name, *taken)
		}
	}
	// A row keeps its own code; a project without a code collides with nobody.
	c.Project.UpdateOneID(p.ID).SetCode("P-1").ExecX(ctx)
	c.Project.Create().SetDepartmentYearID(y.ID).SetName("无编码").ExecX(ctx)
}

// TestIndicatorInput: level names are trimmed and their whitespace collapsed;
// a qualitative indicator's zero weight is reported on weight.
func TestIndicatorInput(t *testing.T) {
	c, ctx := open(t)
	d := c.Department.Create().SetCode("I").SetName("局").SaveX(ctx)
	y := c.DepartmentYear.Create().SetDepartmentID(d.ID).SetYear(2023).SaveX(ctx)
	create := func(level1, level2 string) *ent.IndicatorCreate {
		return c.Indicator.Create().SetDepartmentYearID(y.ID).SetLevel1(level1).SetLevel2(level2).SetName("指标").
			SetKind(indicator.KindQUANTITATIVE).SetOperator(indicator.OperatorAtLeast).SetTarget(fixed.MustParse("1")).SetWeight(fixed.MustParse("5"))
	}
	for _, tt := range []struct{ in, want string }{
		{"产出指标 ", "产出指标"},
		{"  产出\u3000 指标\t", "产出 指标"},
		{"满意度指标", "满意度指标"},
	} {
		ind := create(tt.in, tt.in).SaveX(ctx)
		if ind.Level1 != tt.want || ind.Level2 != tt.want {
			t.Errorf("level %q stored as %q / %q, want %q", tt.in, ind.Level1, ind.Level2, tt.want)
		}
		c.Indicator.UpdateOneID(ind.ID).SetLevel1(" " + tt.in + " ").ExecX(ctx)
		if got := c.Indicator.GetX(ctx, ind.ID).Level1; got != tt.want {
			t.Errorf("level %q updated to %q, want %q", tt.in, got, tt.want)
		}
	}
	if err := create(" \u3000 ", "数量").Exec(ctx); err == nil {
		t.Error("a level name of spaces alone was accepted")
	}

	err := c.Indicator.Create().SetDepartmentYearID(y.ID).SetLevel1("满意度").SetLevel2("满意度").SetName("满意度").
		SetKind(indicator.KindQUALITATIVE).SetRating(indicator.RatingACHIEVED).SetRatedScore(0).SetWeight(0).Exec(ctx)
	var bad *inputerr.Error
	if !errors.As(err, &bad) || bad.Field != "weight" {
		t.Errorf("a qualitative indicator of weight 0: %v, want an error on weight", err)
	}
}

// TestFundingLineRules: a line's category is its owner's kind (a project's by
// source of funds, a year's by revenue nature), its project is of its year, one
// line per category and owner, and lines go with their owner when it is deleted.
func TestFundingLineRules(t *testing.T) {
	c, ctx := open(t)
	d := c.Department.Create().SetCode("F").SetName("局").SaveX(ctx)
	y := c.DepartmentYear.Create().SetDepartmentID(d.ID).SetYear(2023).SaveX(ctx)
	other := c.DepartmentYear.Create().SetDepartmentID(d.ID).SetYear(2024).SaveX(ctx)
	p := c.Project.Create().SetDepartmentYearID(y.ID).SetName("项目").SaveX(ctx)
	revenue := c.FundingLine.Create().SetDepartmentYearID(y.ID).SetCategory(fundingline.CategoryGENERAL_PUBLIC_BUDGET).SaveX(ctx)
	source := c.FundingLine.Create().SetDepartmentYearID(y.ID).SetProjectID(p.ID).SetCategory(fundingline.CategoryCURRENT_APPROPRIATION).SaveX(ctx)

	create := func(year int, project *int, cat fundingline.Category) func(ctx context.Context, c *ent.Client) error {
		return func(ctx context.Context, c *ent.Client) error {
			return c.FundingLine.Create().SetDepartmentYearID(year).SetNillableProjectID(project).SetCategory(cat).Exec(ctx)
		}
	}
	for _, tt := range []struct {
		name  string
		save  func(ctx context.Context, c *ent.Client) error
		field string // the refusal's field, "" when accepted
	}{
		{"a year's revenue by another nature", create(y.ID, nil, fundingline.CategoryUNIT_FUNDS), ""},
		{"a project's funds from another source", create(y.ID, &p.ID, fundingline.CategoryPRIOR_YEAR_CARRYOVER), ""},
		{"a source of funds on a year", create(y.ID, nil, fundingline.CategoryOTHER_FUNDS), "category"},
		{"a revenue nature on a project", create(y.ID, &p.ID, fundingline.CategoryGOVERNMENT_FUND_BUDGET), "category"},
		{"a project of another year", create(other.ID, &p.ID, fundingline.CategoryOTHER_FUNDS), "projectID"},
		{"a year that does not exist", create(other.ID+1000, nil, fundingline.CategoryUNIT_FUNDS), "departmentYearID (not found)"},
	} {
		if got := refusedField(inTx(t, c, tt.save)); got != tt.field {
			t.Errorf("%s: refused on %q, want %q", tt.name, got, tt.field)
		}
	}
	// The same category twice, of the year and of the project: the first is named.
	for _, tt := range []struct {
		name     string
		save     func(ctx context.Context, c *ent.Client) error
		existing int
		what     string
	}{
		{"a year's category twice", create(y.ID, nil, fundingline.CategoryGENERAL_PUBLIC_BUDGET), revenue.ID,
			fmt.Sprintf("a GENERAL_PUBLIC_BUDGET line of department-year %d", y.ID)},
		{"a project's category twice", create(y.ID, &p.ID, fundingline.CategoryCURRENT_APPROPRIATION), source.ID,
			fmt.Sprintf("a CURRENT_APPROPRIATION line of project %d", p.ID)},
	} {
		var taken *inputerr.Taken
		if err := inTx(t, c, tt.save); !errors.As(err, &taken) || *taken != (inputerr.Taken{Field: "category", What: tt.what, Entity: "funding line", Existing: tt.existing}) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
	}
	// The other year may hold the category the first year holds.
	if err := create(other.ID, nil, fundingline.CategoryGENERAL_PUBLIC_BUDGET)(ctx, c); err != nil {
		t.Fatal(err)
	}

	if err := c.Project.DeleteOneID(p.ID).Exec(ctx); err != nil {
		t.Fatalf("deleting a project with a source line: %v", err)
	}
	if n := c.FundingLine.Query().Where(fundingline.ProjectIDNotNil()).CountX(ctx); n != 0 {
		t.Errorf("%d source lines outlived their project", n)
	}
	if err := c.DepartmentYear.DeleteOneID(y.ID).Exec(ctx); err != nil {
		t.Fatalf("deleting a year with revenue lines: %v", err)
	}
	if n := c.FundingLine.Query().CountX(ctx); n != 1 {
		t.Errorf("%d lines after deleting the year, want the other year's 1", n)
	}
}
