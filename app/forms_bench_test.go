package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// BenchmarkForm2000 runs the forms' whole path over HTTP for an evaluation of 2,000
// indicators, on SQLite (and PostgreSQL when JIXIAO_TEST_POSTGRES is set): the
// workbook's export; an import of the unchanged workbook (a dry run: read, compared,
// nothing to do); an import changing every actual value, as a dry run (2,000
// updates through the mutations, rolled back) and applied. The first import, of a
// plain table adding the 2,000, is timed once and logged.
func BenchmarkForm2000(b *testing.B) {
	dbs := map[string]func() string{"sqlite": func() string { return "sqlite://" + filepath.Join(b.TempDir(), "jixiao.db") }}
	if admin := os.Getenv("JIXIAO_TEST_POSTGRES"); admin != "" {
		dbs["postgres"] = func() string { return freshPostgres(b, admin) }
	}
	for name, db := range dbs {
		b.Run(name, func(b *testing.B) { form2000(b, db()) })
	}
}

func form2000(b *testing.B, db string) {
	srv := startServer(b, db, "--demo=seed")
	admin := srv.admin(b)
	var office struct {
		Departments struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	must(b, admin, `{ departments(where: {code: "440115-001"}) { edges { node { id } } } }`, nil, &office)
	year := id(b, admin, createYear, map[string]any{"in": map[string]any{"departmentID": office.Departments.Edges[0].Node.ID, "year": 2030}})
	ev := id(b, admin, createEvaluation, map[string]any{"in": map[string]any{"departmentYearID": year}})

	start := time.Now()
	if got := importAs(b, admin, ev, plainTable(b, 2000), false); !got.Applied || len(got.Changes) != 2000 {
		b.Fatalf("the first import: applied %v, %d changes, problems %v", got.Applied, len(got.Changes), got.Problems)
	}
	b.Logf("importing a plain table of 2,000 new indicators: %v", time.Since(start))

	form := formOf(b, admin, ev)
	changed := [2][]byte{bumped(b, form, 1), form}
	b.Run("export", func(b *testing.B) {
		for b.Loop() {
			formOf(b, admin, ev)
		}
	})
	b.Run("import unchanged, dry run", func(b *testing.B) {
		for b.Loop() {
			if got := importAs(b, admin, ev, form, true); len(got.Changes)+len(got.Problems) > 0 {
				b.Fatalf("%d changes, problems %v", len(got.Changes), got.Problems)
			}
		}
	})
	b.Run("import 2000 changed, dry run", func(b *testing.B) {
		for b.Loop() {
			if got := importAs(b, admin, ev, changed[0], true); len(got.Changes) != 2000 || len(got.Problems) > 0 {
				b.Fatalf("%d changes, problems %v", len(got.Changes), got.Problems)
			}
		}
	})
	b.Run("import 2000 changed, applied", func(b *testing.B) {
		i := 0
		for b.Loop() {
			// Each round applies the other workbook, so that every one changes all 2,000.
			if got := importAs(b, admin, ev, changed[i%2], false); !got.Applied || len(got.Changes) != 2000 {
				b.Fatalf("applied %v, %d changes, problems %v", got.Applied, len(got.Changes), got.Problems)
			}
			i++
		}
	})
}

// plainTable is a department's indicator table of n rows (weights adding up to 100).
func plainTable(b *testing.B, n int) []byte {
	x := excelize.NewFile()
	defer x.Close()
	header := []any{"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "实际完成值", "分值", "偏差原因分析"}
	if err := x.SetSheetRow("Sheet1", "A1", &header); err != nil {
		b.Fatal(err)
	}
	for i := range n {
		reason := ""
		if i%20 < 10 {
			reason = "受场地调整影响，部分培训延期至下一年度举办。"
		}
		row := []any{fmt.Sprintf("一级指标%d", i*5/n), fmt.Sprintf("二级指标%d", i*40/n), fmt.Sprintf("三级指标第%d项", i+1),
			"≥", 80, "人次", 70 + i%20, 0.05, reason}
		if err := x.SetSheetRow("Sheet1", fmt.Sprintf("A%d", i+2), &row); err != nil {
			b.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

// bumped is an exported form with every typed actual value raised by d.
func bumped(b *testing.B, form []byte, d float64) []byte {
	x, err := excelize.OpenReader(bytes.NewReader(form), excelize.Options{RawCellValue: true})
	if err != nil {
		b.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows(formSheet, excelize.Options{RawCellValue: true})
	if err != nil {
		b.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 12 && r[12] != "" && r[12] != "编号" && len(r) > 7 {
			var v float64
			if _, err := fmt.Sscan(r[7], &v); err == nil {
				if err := x.SetCellFloat(formSheet, fmt.Sprintf("H%d", i+1), v+d, -1, 64); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	var buf bytes.Buffer
	if _, err := x.WriteTo(&buf); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
