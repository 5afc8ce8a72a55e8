// Package schematest opens fresh, migrated stores for the unit tests of the
// schema's hooks and the access policies, and builds the small department tree
// they share. It is test tooling: no production code imports it.
package schematest

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/evaluation"
	"jixiao/ent/fundingline"
	"jixiao/ent/indicator"
	"jixiao/platform/access"
	"jixiao/platform/store"
)

// Stores runs test on a fresh SQLite store and, when JIXIAO_TEST_POSTGRES names
// a PostgreSQL server (an administrator's URL), on a fresh database there too.
// dbURL is the store's --db URL, for a test that needs a connection of its own.
func Stores(t *testing.T, test func(t *testing.T, c *ent.Client, dbURL string)) {
	t.Run("sqlite", func(t *testing.T) {
		u := "sqlite://" + filepath.Join(t.TempDir(), "jixiao.db")
		test(t, open(t, u), u)
	})
	if admin := os.Getenv("JIXIAO_TEST_POSTGRES"); admin != "" {
		t.Run("postgres", func(t *testing.T) {
			u := freshPostgres(t, admin)
			test(t, open(t, u), u)
		})
	}
}

// EmptyStores runs test with the URL of an empty SQLite file and, when
// JIXIAO_TEST_POSTGRES names a server, of an empty database there: nothing opened
// or migrated, for tests of opening and migrating.
func EmptyStores(t *testing.T, test func(t *testing.T, dbURL string)) {
	t.Run("sqlite", func(t *testing.T) {
		test(t, "sqlite://"+filepath.Join(t.TempDir(), "jixiao.db"))
	})
	if admin := os.Getenv("JIXIAO_TEST_POSTGRES"); admin != "" {
		t.Run("postgres", func(t *testing.T) { test(t, freshPostgres(t, admin)) })
	}
}

// EmptyLike returns the URL of another empty database of dbURL's store.
func EmptyLike(t *testing.T, dbURL string) string {
	if strings.HasPrefix(dbURL, "sqlite://") {
		return "sqlite://" + filepath.Join(t.TempDir(), "other.db")
	}
	return freshPostgres(t, os.Getenv("JIXIAO_TEST_POSTGRES"))
}

func open(t *testing.T, dbURL string) *ent.Client {
	t.Helper()
	c, err := store.Open(context.Background(), dbURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// freshPostgres creates an empty database for one test and drops it afterwards.
func freshPostgres(t *testing.T, admin string) string {
	t.Helper()
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	name := fmt.Sprintf("jixiao_unit_%d", rand.Int64())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("creating a test database on %s: %v", admin, err)
	}
	t.Cleanup(func() {
		_, _ = db.Exec("DROP DATABASE " + name + " WITH (FORCE)")
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Year is one department's 2023 with its rows: an overall evaluation with a
// report text, an overall indicator, a key task, a month, a revenue line and,
// when the tree gives it one, a project with its own evaluation, indicator and
// source-of-funds line.
type Year struct {
	Year              *ent.DepartmentYear
	Overall           *ent.Evaluation
	OverallText       *ent.ReportText
	OverallIndicator  *ent.Indicator
	KeyTask           *ent.KeyTask
	Month             *ent.MonthlyExecution
	Revenue           *ent.FundingLine
	Project           *ent.Project
	ProjectEvaluation *ent.Evaluation
	ProjectIndicator  *ent.Indicator
	ProjectSource     *ent.FundingLine
}

// Tree is the fixture: department Root with a child Child, and Other beside them.
//
//	Root  2023: overall PUBLISHED, project DRAFT
//	Child 2023: overall DRAFT,     project PUBLISHED
//	Other 2023: overall SUBMITTED, no project
type Tree struct {
	Root, Child, Other             *ent.Department
	RootYear, ChildYear, OtherYear Year
}

// NewTree writes the fixture with the server's own authority. Statuses other
// than DRAFT are reached by updates, so that each leaves its transitions.
func NewTree(t *testing.T, c *ent.Client) *Tree {
	t.Helper()
	ctx := access.System(context.Background(), "schematest")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	dept := func(code string, parent *ent.Department) *ent.Department {
		q := c.Department.Create().SetCode(code).SetName(code)
		if parent != nil {
			q.SetParentID(parent.ID)
		}
		d, err := q.Save(ctx)
		must(err)
		return d
	}
	status := func(ev *ent.Evaluation, path ...evaluation.Status) *ent.Evaluation {
		for _, s := range path {
			var err error
			ev, err = c.Evaluation.UpdateOne(ev).SetStatus(s).Save(ctx)
			must(err)
		}
		return ev
	}
	published := []evaluation.Status{evaluation.StatusSUBMITTED, evaluation.StatusAPPROVED, evaluation.StatusPUBLISHED}
	year := func(d *ent.Department, overall []evaluation.Status, project []evaluation.Status, withProject bool) Year {
		var y Year
		var err error
		y.Year, err = c.DepartmentYear.Create().SetDepartmentID(d.ID).SetYear(2023).Save(ctx)
		must(err)
		y.OverallIndicator, err = Quantitative(c.Indicator.Create().SetDepartmentYearID(y.Year.ID).SetName(d.Code + " overall")).Save(ctx)
		must(err)
		y.KeyTask, err = c.KeyTask.Create().SetDepartmentYearID(y.Year.ID).SetTitle(d.Code + " task").Save(ctx)
		must(err)
		y.Month, err = c.MonthlyExecution.Create().SetDepartmentYearID(y.Year.ID).SetMonth(1).Save(ctx)
		must(err)
		y.Revenue, err = c.FundingLine.Create().SetDepartmentYearID(y.Year.ID).SetCategory(fundingline.CategoryGENERAL_PUBLIC_BUDGET).Save(ctx)
		must(err)
		ev, err := c.Evaluation.Create().SetDepartmentYearID(y.Year.ID).Save(ctx)
		must(err)
		y.OverallText, err = c.ReportText.Create().SetEvaluationID(ev.ID).SetSection("1.5").SetText(d.Code + " 绩效管理").Save(ctx)
		must(err)
		y.Overall = status(ev, overall...)
		if !withProject {
			return y
		}
		y.Project, err = c.Project.Create().SetDepartmentYearID(y.Year.ID).SetName(d.Code + " project").Save(ctx)
		must(err)
		y.ProjectIndicator, err = Quantitative(c.Indicator.Create().SetDepartmentYearID(y.Year.ID).
			SetProjectID(y.Project.ID).SetName(d.Code + " project indicator")).Save(ctx)
		must(err)
		y.ProjectSource, err = c.FundingLine.Create().SetDepartmentYearID(y.Year.ID).SetProjectID(y.Project.ID).
			SetCategory(fundingline.CategoryCURRENT_APPROPRIATION).Save(ctx)
		must(err)
		ev, err = c.Evaluation.Create().SetDepartmentYearID(y.Year.ID).SetProjectID(y.Project.ID).Save(ctx)
		must(err)
		y.ProjectEvaluation = status(ev, project...)
		return y
	}
	tr := &Tree{Root: dept("ROOT", nil)}
	tr.Child = dept("CHILD", tr.Root)
	tr.Other = dept("OTHER", nil)
	tr.RootYear = year(tr.Root, published, nil, true)
	tr.ChildYear = year(tr.Child, nil, published, true)
	tr.OtherYear = year(tr.Other, []evaluation.Status{evaluation.StatusSUBMITTED}, nil, false)
	return tr
}

// Quantitative fills in a valid quantitative indicator: at least 10 of 100, weight 10.
func Quantitative(c *ent.IndicatorCreate) *ent.IndicatorCreate {
	return c.SetLevel1("产出指标").SetLevel2("数量指标").SetKind(indicator.KindQUANTITATIVE).
		SetOperator(indicator.OperatorAtLeast).SetTarget(fixed.FromInt(10)).SetWeight(fixed.FromInt(10))
}
