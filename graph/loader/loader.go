// Package loader batches the reads that computed GraphQL fields make, one set of
// loaders per request, so that a page of evaluations or indicators costs a constant
// number of SQL queries whatever its length.
package loader

import (
	"cmp"
	"context"
	"jixiao/domain/monitoring/cycle"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/vikstrous/dataloadgen"

	"jixiao/domain/funding"
	"jixiao/domain/kept"
	"jixiao/domain/targets/review"
	"jixiao/ent"
	"jixiao/ent/attachment"
	"jixiao/ent/departmentyear"
	"jixiao/ent/evaluation"
	"jixiao/ent/fundingline"
	"jixiao/ent/indicator"
	"jixiao/ent/monitoringreport"
	"jixiao/ent/monthlyexecution"
	"jixiao/ent/predicate"
	"jixiao/ent/project"
	"jixiao/ent/rectification"
	"jixiao/ent/reviewscore"
	"jixiao/ent/targetversion"
)

// Subject names what an evaluation evaluates: a department-year's overall
// indicators (Project 0) or one project's.
type Subject struct {
	Year    int
	Project int
}

// SubjectOf returns the subject of an evaluation.
func SubjectOf(ev *ent.Evaluation) Subject {
	s := Subject{Year: ev.DepartmentYearID}
	if ev.ProjectID != nil {
		s.Project = *ev.ProjectID
	}
	return s
}

// Loaders is one request's set of loaders.
type Loaders struct {
	Year       *dataloadgen.Loader[int, *ent.DepartmentYear]               // nil when hidden from the viewer
	YearOf     *dataloadgen.Loader[DepartmentYearKey, *ent.DepartmentYear] // nil when the department has no such year
	Project    *dataloadgen.Loader[int, *ent.Project]                      // nil when hidden from the viewer
	Months     *dataloadgen.Loader[int, []*ent.MonthlyExecution]
	Indicators *dataloadgen.Loader[Subject, []*ent.Indicator]
	Scored     *dataloadgen.Loader[Subject, []*ent.Indicator] // only kept scores and their groups
	Evaluation *dataloadgen.Loader[Subject, *ent.Evaluation]
	Funding    *dataloadgen.Loader[Subject, []*ent.FundingLine] // a year's revenue lines (Project 0) or a project's by source, in form order
	Projects   *dataloadgen.Loader[int, []*ent.Project]         // a department-year's projects, by code
	// History is a department-year's indicators, overall and its projects', with the
	// columns warnings read of an earlier year (never shown: only their values are).
	History *dataloadgen.Loader[int, []*ent.Indicator]
	Rules   *dataloadgen.Loader[int, kept.YearRules] // a department-year's rules (kept.YearRulesAll), whatever the viewer may read of it
	// LibraryUsage counts the indicators made from each library entry, of those the viewer may read.
	LibraryUsage *dataloadgen.Loader[int, int]
	// TargetVersions is a department-year's target versions the viewer may read, oldest first.
	TargetVersions *dataloadgen.Loader[int, []*ent.TargetVersion]
	// TargetAdjustments is how approved adjustments changed a department-year's
	// indicators (review.AdjustedIn of its versions): worked out once per year, not
	// once per indicator of a page.
	TargetAdjustments *dataloadgen.Loader[int, map[int]*review.Adjusted]
	// Indicator is one indicator by id; nil when it is gone or hidden from the viewer.
	Indicator *dataloadgen.Loader[int, *ent.Indicator]
	// Attachments is an indicator's evidence the viewer may read, oldest first (never the bytes).
	Attachments *dataloadgen.Loader[int, []*ent.Attachment]
	// EntryAttachments is a monitoring entry's evidence the viewer may read, oldest first.
	EntryAttachments *dataloadgen.Loader[int, []*ent.Attachment]
	// RectificationAttachments is a rectification item's evidence the viewer may read, oldest first.
	RectificationAttachments *dataloadgen.Loader[int, []*ent.Attachment]
	// RoundParts is a round's departments' parts the viewer may read, by department code.
	RoundParts *dataloadgen.Loader[int, []*Part]
	// ReviewScore is an indicator's re-score by the indicator's id; nil when it has none (or it is hidden).
	ReviewScore *dataloadgen.Loader[int, *ent.ReviewScore]
	// Rectifications are an evaluation's rectification items the viewer may read, oldest first.
	Rectifications *dataloadgen.Loader[int, []*ent.Rectification]
	// MonitoringReports is a department-year's monitoring reports, by point then id.
	MonitoringReports *dataloadgen.Loader[int, []*ent.MonitoringReport]
	// MonitoringView is a monitoring report with its entries and forecasts (cycle.Load).
	MonitoringView *dataloadgen.Loader[int, *cycle.View]
}

// Wait is how long a loader gathers keys before it queries: long enough for
// gqlgen's concurrent field resolvers to join one batch.
const Wait = 2 * time.Millisecond

// New returns fresh loaders reading through client, or through the transaction
// in the context when there is one (inside a mutation), so that they see its writes.
// They gather keys for wait before each query.
func New(client *ent.Client, wait time.Duration) *Loaders {
	return newLoaders(client, func(int) time.Duration { return wait })
}

// newLoaders is New with each loader's wait given by its position in Loaders.
func newLoaders(client *ent.Client, waitOf func(i int) time.Duration) *Loaders {
	c := func(ctx context.Context) *ent.Client {
		if tx := ent.FromContext(ctx); tx != nil {
			return tx
		}
		return client
	}
	n := 0
	opts := func() dataloadgen.Option {
		n++
		return dataloadgen.WithWait(waitOf(n - 1))
	}
	l := &Loaders{
		Year: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]*ent.DepartmentYear, error) {
			rows, err := c(ctx).DepartmentYear.Query().Where(departmentyear.IDIn(ids...)).All(ctx)
			return byKey(ids, rows, func(r *ent.DepartmentYear) int { return r.ID }), err
		}, opts()),
		YearOf: dataloadgen.NewMappedLoader(func(ctx context.Context, keys []DepartmentYearKey) (map[DepartmentYearKey]*ent.DepartmentYear, error) {
			depts, years := make([]int, len(keys)), make([]int, len(keys))
			for i, k := range keys {
				depts[i], years[i] = k.Department, k.Year
			}
			rows, err := c(ctx).DepartmentYear.Query().
				Where(departmentyear.DepartmentIDIn(depts...), departmentyear.YearIn(years...)).All(ctx)
			out := make(map[DepartmentYearKey]*ent.DepartmentYear, len(keys))
			for _, k := range keys {
				out[k] = nil
			}
			for _, r := range rows {
				// The IN × IN query also matches pairs nobody asked for.
				if k := (DepartmentYearKey{r.DepartmentID, r.Year}); hasKey(out, k) {
					out[k] = r
				}
			}
			return out, err
		}, opts()),
		Project: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]*ent.Project, error) {
			rows, err := c(ctx).Project.Query().Where(project.IDIn(ids...)).All(ctx)
			return byKey(ids, rows, func(r *ent.Project) int { return r.ID }), err
		}, opts()),
		Months: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int][]*ent.MonthlyExecution, error) {
			rows, err := c(ctx).MonthlyExecution.Query().
				Where(monthlyexecution.DepartmentYearIDIn(ids...)).
				Order(ent.Asc(monthlyexecution.FieldMonth)).All(ctx)
			return groupAll(ids, rows, func(r *ent.MonthlyExecution) int { return r.DepartmentYearID }), err
		}, opts()),
		Indicators: dataloadgen.NewMappedLoader(func(ctx context.Context, keys []Subject) (map[Subject][]*ent.Indicator, error) {
			return indicatorsOf(ctx, c(ctx), keys)
		}, opts()),
		Scored: dataloadgen.NewMappedLoader(func(ctx context.Context, keys []Subject) (map[Subject][]*ent.Indicator, error) {
			return indicatorsOf(ctx, c(ctx), keys, scoringColumns...)
		}, opts()),
		Evaluation: dataloadgen.NewMappedLoader(func(ctx context.Context, keys []Subject) (map[Subject]*ent.Evaluation, error) {
			years, projects := split(keys)
			rows, err := c(ctx).Evaluation.Query().
				Where(evaluation.Or(
					evaluation.And(evaluation.DepartmentYearIDIn(years...), evaluation.ProjectIDIsNil()),
					evaluation.ProjectIDIn(projects...),
				)).All(ctx)
			out := make(map[Subject]*ent.Evaluation, len(keys))
			for _, k := range keys {
				out[k] = nil // a subject without an evaluation is an answer, not an error
			}
			for _, r := range rows {
				out[SubjectOf(r)] = r
			}
			return out, err
		}, opts()),
		Funding: dataloadgen.NewMappedLoader(func(ctx context.Context, keys []Subject) (map[Subject][]*ent.FundingLine, error) {
			years, projects := split(keys)
			rows, err := c(ctx).FundingLine.Query().
				Where(fundingline.Or(
					fundingline.And(fundingline.DepartmentYearIDIn(years...), fundingline.ProjectIDIsNil()),
					fundingline.ProjectIDIn(projects...),
				)).All(ctx)
			slices.SortStableFunc(rows, func(a, b *ent.FundingLine) int {
				return cmp.Compare(funding.Order(funding.Category(a.Category)), funding.Order(funding.Category(b.Category)))
			})
			return groupAll(keys, rows, func(r *ent.FundingLine) Subject {
				s := Subject{Year: r.DepartmentYearID}
				if r.ProjectID != nil {
					s.Project = *r.ProjectID
				}
				return s
			}), err
		}, opts()),
		Projects: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int][]*ent.Project, error) {
			rows, err := c(ctx).Project.Query().Where(project.DepartmentYearIDIn(ids...)).
				Order(project.ByCode(), project.ByID()).All(ctx)
			return groupAll(ids, rows, func(r *ent.Project) int { return r.DepartmentYearID }), err
		}, opts()),
		History: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int][]*ent.Indicator, error) {
			rows, err := c(ctx).Indicator.Query().Where(indicator.DepartmentYearIDIn(ids...)).
				Order(indicator.ByDepartmentYearID(), indicator.ByProjectID(), indicator.ByPosition(), indicator.ByID()).
				Select(historyColumns...).All(ctx)
			return groupAll(ids, rows, func(r *ent.Indicator) int { return r.DepartmentYearID }), err
		}, opts()),
		Rules: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]kept.YearRules, error) {
			return kept.YearRulesAll(ctx, c(ctx), ids)
		}, opts()),
		LibraryUsage: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]int, error) {
			var counts []struct {
				ID    int `json:"library_indicator_id"`
				Count int `json:"count"`
			}
			// One GROUP BY under the viewer's read rule: a hidden indicator counts nowhere.
			err := c(ctx).Indicator.Query().Where(indicator.LibraryIndicatorIDIn(ids...)).
				GroupBy(indicator.FieldLibraryIndicatorID).Aggregate(ent.Count()).Scan(ctx, &counts)
			out := make(map[int]int, len(ids))
			for _, id := range ids {
				out[id] = 0
			}
			for _, r := range counts {
				out[r.ID] = r.Count
			}
			return out, err
		}, opts()),
		TargetVersions: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int][]*ent.TargetVersion, error) {
			rows, err := c(ctx).TargetVersion.Query().Where(targetversion.DepartmentYearIDIn(ids...)).
				Order(targetversion.ByDepartmentYearID(), targetversion.ByNumber()).All(ctx)
			out := make(map[int][]*ent.TargetVersion, len(ids))
			for _, id := range ids {
				out[id] = nil
			}
			for _, r := range rows {
				out[r.DepartmentYearID] = append(out[r.DepartmentYearID], r)
			}
			return out, err
		}, opts()),
		ReviewScore: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]*ent.ReviewScore, error) {
			rows, err := c(ctx).ReviewScore.Query().Where(reviewscore.IndicatorIDIn(ids...)).All(ctx)
			out := make(map[int]*ent.ReviewScore, len(ids))
			for _, id := range ids {
				out[id] = nil
			}
			for _, r := range rows {
				out[r.IndicatorID] = r
			}
			return out, err
		}, opts()),
		Rectifications: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int][]*ent.Rectification, error) {
			rows, err := c(ctx).Rectification.Query().Where(rectification.EvaluationIDIn(ids...)).
				Order(rectification.ByEvaluationID(), rectification.ByID()).All(ctx)
			out := make(map[int][]*ent.Rectification, len(ids))
			for _, id := range ids {
				out[id] = []*ent.Rectification{}
			}
			for _, r := range rows {
				out[r.EvaluationID] = append(out[r.EvaluationID], r)
			}
			return out, err
		}, opts()),
		MonitoringReports: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int][]*ent.MonitoringReport, error) {
			rows, err := c(ctx).MonitoringReport.Query().Where(monitoringreport.DepartmentYearIDIn(ids...)).
				Order(monitoringreport.ByPoint(), monitoringreport.ByID()).All(ctx)
			return groupAll(ids, rows, func(r *ent.MonitoringReport) int { return r.DepartmentYearID }), err
		}, opts()),
		MonitoringView: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]*cycle.View, error) {
			rows, err := c(ctx).MonitoringReport.Query().Where(monitoringreport.IDIn(ids...)).All(ctx)
			if err != nil {
				return nil, err
			}
			views, err := cycle.Load(ctx, c(ctx), rows)
			out := make(map[int]*cycle.View, len(ids))
			for _, v := range views {
				out[v.Report.ID] = v
			}
			return out, err
		}, opts()),
		Indicator: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]*ent.Indicator, error) {
			rows, err := c(ctx).Indicator.Query().Where(indicator.IDIn(ids...)).All(ctx)
			out := make(map[int]*ent.Indicator, len(ids))
			for _, id := range ids {
				out[id] = nil
			}
			for _, r := range rows {
				out[r.ID] = r
			}
			return out, err
		}, opts()),
		Attachments: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int][]*ent.Attachment, error) {
			rows, err := c(ctx).Attachment.Query().Where(attachment.IndicatorIDIn(ids...)).
				Order(attachment.ByCreatedAt(), attachment.ByID()).All(ctx)
			return groupAll(ids, rows, func(r *ent.Attachment) int { return *r.IndicatorID }), err
		}, opts()),
		EntryAttachments: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int][]*ent.Attachment, error) {
			rows, err := c(ctx).Attachment.Query().Where(attachment.MonitoringEntryIDIn(ids...)).
				Order(attachment.ByCreatedAt(), attachment.ByID()).All(ctx)
			return groupAll(ids, rows, func(r *ent.Attachment) int { return *r.MonitoringEntryID }), err
		}, opts()),
		RectificationAttachments: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int][]*ent.Attachment, error) {
			rows, err := c(ctx).Attachment.Query().Where(attachment.RectificationIDIn(ids...)).
				Order(attachment.ByCreatedAt(), attachment.ByID()).All(ctx)
			return groupAll(ids, rows, func(r *ent.Attachment) int { return *r.RectificationID }), err
		}, opts()),
		RoundParts: dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int][]*Part, error) {
			return roundParts(ctx, c(ctx), ids)
		}, opts()),
	}
	l.TargetAdjustments = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []int) (map[int]map[int]*review.Adjusted, error) {
		versions, err := l.TargetVersions.LoadAll(ctx, ids)
		out := make(map[int]map[int]*review.Adjusted, len(ids))
		for i, id := range ids {
			out[id] = review.AdjustedIn(versions[i])
		}
		return out, err
	}, opts())
	return l
}

// historyColumns are what the warnings read of an earlier year's indicator: its
// identity (project, levels, name) and the figures and kept values they compare.
var historyColumns = []string{
	indicator.FieldID, indicator.FieldDepartmentYearID, indicator.FieldProjectID, indicator.FieldPosition,
	indicator.FieldLevel1, indicator.FieldLevel2, indicator.FieldName, indicator.FieldKind, indicator.FieldOperator,
	indicator.FieldUnit, indicator.FieldBinding, indicator.FieldTarget, indicator.FieldActual,
	indicator.FieldEffectiveActual, indicator.FieldCompletionRate,
}

// scoringColumns are what subtotals and totals read: the kept score and its group.
// A ranking's page or a department list reads no indicator at all (scores are kept
// on the evaluations), and a texts' column would cost more to read than it is worth.
var scoringColumns = []string{
	indicator.FieldDepartmentYearID, indicator.FieldProjectID, indicator.FieldLevel1, indicator.FieldLevel2,
	indicator.FieldWeight, indicator.FieldScore,
}

// indicatorsOf reads the indicators of the subjects keys, in position order per
// subject, all columns or only those named.
func indicatorsOf(ctx context.Context, c *ent.Client, keys []Subject, columns ...string) (map[Subject][]*ent.Indicator, error) {
	years, projects := split(keys)
	// The index's own order (department-year, project, position): SQLite then reads
	// the rows in order instead of sorting them all; grouping keeps each subject's
	// indicators by position.
	order := []indicator.OrderOption{indicator.ByDepartmentYearID(), indicator.ByProjectID(), indicator.ByPosition(), indicator.ByID()}
	query := func(p ...predicate.Indicator) ([]*ent.Indicator, error) {
		q := c.Indicator.Query().Where(p...).Order(order...)
		if len(columns) > 0 {
			return q.Select(append([]string{indicator.FieldID}, columns...)...).All(ctx)
		}
		return q.All(ctx)
	}
	var rows []*ent.Indicator
	if len(years) > 0 {
		r, err := query(indicator.DepartmentYearIDIn(years...), indicator.ProjectIDIsNil())
		if err != nil {
			return nil, err
		}
		rows = append(rows, r...)
	}
	if len(projects) > 0 {
		r, err := query(indicator.ProjectIDIn(projects...))
		if err != nil {
			return nil, err
		}
		rows = append(rows, r...)
	}
	return groupAll(keys, rows, subjectOfIndicator), nil
}

func subjectOfIndicator(ind *ent.Indicator) Subject {
	s := Subject{Year: ind.DepartmentYearID}
	if ind.ProjectID != nil {
		s.Project = *ind.ProjectID
	}
	return s
}

// split separates overall subjects (by department-year) from project subjects.
func split(keys []Subject) (years, projects []int) {
	for _, k := range keys {
		if k.Project == 0 {
			years = append(years, k.Year)
		} else {
			projects = append(projects, k.Project)
		}
	}
	return years, projects
}

// byKey maps each requested key to its row, or to nil when no row came back: a
// row the privacy rules hide is absent, as a missing one is, and never the
// loader's not-found error.
func byKey[K comparable, V any](keys []K, rows []V, key func(V) K) map[K]V {
	out := make(map[K]V, len(keys))
	for _, k := range keys {
		var none V
		out[k] = none
	}
	for _, r := range rows {
		out[key(r)] = r
	}
	return out
}

// groupAll groups rows by key, with an empty list for every requested key that has none.
func groupAll[K comparable, V any](keys []K, rows []V, key func(V) K) map[K][]V {
	out := make(map[K][]V, len(keys))
	for _, k := range keys {
		out[k] = []V{}
	}
	for _, r := range rows {
		k := key(r)
		out[k] = append(out[k], r)
	}
	return out
}

type ctxKey struct{}

// Middleware gives every request its own loaders, gathering keys for wait (Wait
// in production).
func Middleware(client *ent.Client, wait time.Duration) func(http.Handler) http.Handler {
	return with(func() *Loaders { return New(client, wait) })
}

// Deterministic is Middleware for tests that run requests inside a testing/synctest
// bubble, where a loader's wait ends only once every goroutine of the request is
// blocked: each batch then holds every key the resolvers can ask for at that
// point, whatever the machine's load. Each loader waits a different time (Wait
// plus 16^i ns for the i-th), so that no two batches close at the same instant: a
// resolver woken by one batch's rows never races another batch's closing, and the
// number of queries a request makes is the same on every run.
func Deterministic(client *ent.Client) func(http.Handler) http.Handler {
	return with(func() *Loaders {
		return newLoaders(client, func(i int) time.Duration { return Wait + time.Duration(1<<(4*i)) })
	})
}

// with gives each request loaders made when it first asks for them: a request that
// reads one row needs none, and making them all was a tenth of such a request's
// allocations.
func with(loaders func() *Loaders) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, &lazy{make: loaders})))
		})
	}
}

// lazy is a request's loaders, made on first use (resolvers ask concurrently).
type lazy struct {
	once sync.Once
	make func() *Loaders
	l    *Loaders
}

// NewContext returns ctx with l as its loaders: an export gives each of its
// pages fresh ones, so that what one page loaded is not kept for the next.
func NewContext(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// For returns the request's loaders; it panics when ctx has none, which is a
// server wired without them.
func For(ctx context.Context) *Loaders {
	switch v := ctx.Value(ctxKey{}).(type) {
	case *Loaders:
		return v
	case *lazy:
		v.once.Do(func() { v.l = v.make() })
		return v.l
	}
	panic("loader.For: the context has no loaders")
}

// DepartmentYearKey names a department's figures for one year.
type DepartmentYearKey struct {
	Department int
	Year       int
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
