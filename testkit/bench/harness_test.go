package bench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"jixiao/ent/user"
	"jixiao/platform/access"
	"jixiao/platform/auth"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver
	_ "github.com/mattn/go-sqlite3"    // the "sqlite3" driver
	"github.com/shopspring/decimal"

	"jixiao/domain/scoring"
	"jixiao/ent"
	"jixiao/platform/store"
	"jixiao/platform/web"
	"jixiao/testkit/citygen"
)

// env is one generated city, read two ways: through the HTTP handler of the server and
// through database/sql on the same database.
type env struct {
	store   string // "sqlite" or "postgres"
	client  *ent.Client
	handler http.Handler
	db      *sql.DB
	year    int
	token   string // Authorization: Bearer
}

// open generates (or reuses) the city of cfg in dir and opens it both ways.
func open(ctx context.Context, dir string, cfg citygen.Config) (*env, error) {
	if _, err := citygen.Cached(ctx, dir, cfg); err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(dir) // Cached names the file in the absolute dir
	if err != nil {
		return nil, err
	}
	path := filepath.Join(dir, citygen.FileName(cfg))
	db, err := sql.Open("sqlite3", store.SQLiteDSN(path))
	if err != nil {
		return nil, err
	}
	return connect(ctx, "sqlite", "sqlite://"+path, db, cfg)
}

// openPostgres generates (or reuses) the city of cfg in a database of its own on the
// PostgreSQL server of serverURL (see postgresCity) and opens it both ways.
func openPostgres(ctx context.Context, serverURL string, cfg citygen.Config) (*env, error) {
	dbURL, err := postgresCity(ctx, serverURL, cfg)
	if err != nil {
		return nil, err
	}
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		return nil, err
	}
	// As the server's pool: the same number of sessions, kept open.
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(16)
	return connect(ctx, "postgres", dbURL, db, cfg)
}

// connect opens the server's client on dbURL beside db, and an analyst's API token.
func connect(ctx context.Context, storeName, dbURL string, db *sql.DB, cfg citygen.Config) (*env, error) {
	client, err := store.Open(ctx, dbURL)
	if err != nil {
		return nil, errors.Join(err, db.Close())
	}
	token, err := analystToken(ctx, client)
	if err != nil {
		return nil, errors.Join(err, client.Close(), db.Close())
	}
	return &env{
		store:   storeName,
		client:  client,
		handler: web.NewHandler(client, web.Options{Log: slog.New(slog.DiscardHandler)}),
		db:      db,
		year:    cfg.Year,
		token:   token,
	}, nil
}

// postgresCity returns the URL of a database on the server of serverURL that holds
// citygen.Generate(cfg), building it on first use. Its name is a digest of
// citygen.FileName(cfg), which names the config, the generator's version and the
// schema: a change of any of them builds a new one. It is built under a temporary
// name and renamed when complete, so a database of that name is always whole.
func postgresCity(ctx context.Context, serverURL string, cfg citygen.Config) (string, error) {
	sum := sha256.Sum256([]byte(citygen.FileName(cfg)))
	name := "jxb_" + hex.EncodeToString(sum[:])[:16]
	admin, err := sql.Open("pgx", serverURL)
	if err != nil {
		return "", err
	}
	defer admin.Close()
	var exists bool
	if err := admin.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", fmt.Errorf("postgres: %w", err)
	}
	if !exists {
		tmp := name + "_building"
		for _, stmt := range []string{`DROP DATABASE IF EXISTS ` + tmp, `CREATE DATABASE ` + tmp} {
			if _, err := admin.ExecContext(ctx, stmt); err != nil {
				return "", fmt.Errorf("postgres: %w", err)
			}
		}
		if err := generate(ctx, withDatabase(serverURL, tmp), cfg); err != nil {
			return "", err
		}
		if _, err := admin.ExecContext(ctx, `ALTER DATABASE `+tmp+` RENAME TO `+name); err != nil {
			return "", fmt.Errorf("postgres: %w", err)
		}
		// The planner's statistics, as a database that has been in use has them.
		a, err := sql.Open("pgx", withDatabase(serverURL, name))
		if err != nil {
			return "", err
		}
		_, err = a.ExecContext(ctx, `ANALYZE`)
		if err := errors.Join(err, a.Close()); err != nil {
			return "", fmt.Errorf("postgres: %w", err)
		}
	}
	return withDatabase(serverURL, name), nil
}

// generate fills the empty database at dbURL with the city of cfg.
func generate(ctx context.Context, dbURL string, cfg citygen.Config) error {
	client, err := store.Open(ctx, dbURL)
	if err != nil {
		return err
	}
	return errors.Join(citygen.Generate(ctx, client, cfg), client.Close())
}

// withDatabase is serverURL naming the database name instead of its own.
func withDatabase(serverURL, name string) string {
	u, err := url.Parse(serverURL)
	if err != nil {
		panic(err) // sql.Open parsed it already
	}
	u.Path = "/" + name
	return u.String()
}

// q is query with its ? placeholders written as the store wants them ($1, $2… on PostgreSQL).
func (e *env) q(query string) string {
	if e.store != "postgres" {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// analystToken is an API token of an analyst, as an integration would read with.
func analystToken(ctx context.Context, client *ent.Client) (string, error) {
	sys := access.System(ctx, "bench")
	u, err := client.User.Query().Where(user.Username("bench")).Only(sys)
	if ent.IsNotFound(err) {
		u, err = auth.CreateUser(sys, client, auth.NewUser{Username: "bench", Role: user.RoleANALYST, Password: auth.NewSecret(16)})
	}
	if err != nil {
		return "", err
	}
	token, _, err := auth.CreateAPIToken(sys, client, "bench", nil, u.ID)
	return token, err
}

func (e *env) close() error {
	return errors.Join(e.db.Close(), e.client.Close())
}

// graphQL encodes a request body once, so that timing does not include it.
func graphQL(query string, vars map[string]any) []byte {
	body, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		panic(err)
	}
	return body
}

// post sends a GraphQL request to the handler in process and decodes its data into out.
func (e *env) post(ctx context.Context, body []byte, out any) error {
	req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.token)
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		return fmt.Errorf("POST /query: status %d: %s", rec.Code, rec.Body.Bytes())
	}
	var resp struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		return fmt.Errorf("POST /query: %w", err)
	}
	if len(resp.Errors) > 0 {
		return fmt.Errorf("POST /query: %s", resp.Errors[0].Message)
	}
	return json.Unmarshal(resp.Data, out)
}

// item is one row of an answer: an evaluation or an indicator.
type item struct {
	ID         int
	Name       string           // indicators only
	Score      decimal.Decimal  // points
	Attainment *decimal.Decimal // rankings by attainment only
}

// answer is what a workload returns; the api and sql versions must agree.
type answer struct {
	Items []item
	Total *decimal.Decimal // the evaluation detail only: the evaluation's score
	Grade string           // the evaluation detail only
}

// agree reports the first difference between the API's answer and SQL's: the same ids in
// the same order, the same names, scores equal to 2 decimals, attainments to 4, and for
// an evaluation the same total and grade.
func agree(api, sql answer) error {
	if len(api.Items) == 0 {
		return errors.New("the API returned no rows")
	}
	if len(api.Items) != len(sql.Items) {
		return fmt.Errorf("the API returned %d rows, SQL %d", len(api.Items), len(sql.Items))
	}
	for i, a := range api.Items {
		s := sql.Items[i]
		switch {
		case a.ID != s.ID:
			return fmt.Errorf("row %d: the API has id %d, SQL %d", i, a.ID, s.ID)
		case a.Name != s.Name:
			return fmt.Errorf("row %d (id %d): the API has name %q, SQL %q", i, a.ID, a.Name, s.Name)
		case !a.Score.Round(2).Equal(s.Score.Round(2)):
			return fmt.Errorf("row %d (id %d): the API has score %s, SQL %s", i, a.ID, a.Score, s.Score)
		case (a.Attainment == nil) != (s.Attainment == nil):
			return fmt.Errorf("row %d (id %d): attainment in one answer only", i, a.ID)
		case a.Attainment != nil && !a.Attainment.Round(4).Equal(s.Attainment.Round(4)):
			return fmt.Errorf("row %d (id %d): the API has attainment %s, SQL %s", i, a.ID, a.Attainment, s.Attainment)
		}
	}
	if (api.Total == nil) != (sql.Total == nil) {
		return errors.New("a total in one answer only")
	}
	if api.Total != nil && !api.Total.Round(2).Equal(sql.Total.Round(2)) {
		return fmt.Errorf("the API has total %s, SQL %s", api.Total, sql.Total)
	}
	if api.Grade != sql.Grade {
		return fmt.Errorf("the API has grade %q, SQL %q", api.Grade, sql.Grade)
	}
	return nil
}

// workload is one question asked two ways.
type workload struct {
	api, sql func(context.Context) (answer, error)
}

// check runs both versions once and compares their answers.
func (w workload) check(ctx context.Context) error {
	a, err := w.api(ctx)
	if err != nil {
		return fmt.Errorf("api: %w", err)
	}
	s, err := w.sql(ctx)
	if err != nil {
		return fmt.Errorf("sql: %w", err)
	}
	return agree(a, s)
}

// workloads are the questions, in the order of the benchmarks.
var workloads = []struct {
	name  string
	build func(context.Context, *env) (workload, error)
}{
	{"EvaluationDetail", evaluationDetail},
	{"RankDepartments", rankDepartments},
	{"WorstIndicators", worstIndicators},
	{"GradeDistribution", gradeDistribution},
}

// The hand-written SQL reads the kept columns, as the API does: the floor is the
// database answering from the same indexed values.

// millionths converts a kept decimal column to its value.
func millionths(v int64) decimal.Decimal { return decimal.New(v, -6) }

const detailQuery = `query($id: ID!) { node(id: $id) { ... on Evaluation {
	id score grade
	subtotals { level1 level2 score weight }
	indicators { id name score attainment completionRate }
} } }`

// evaluationDetail reads the first department-year overall evaluation with its
// indicators and their scores.
func evaluationDetail(ctx context.Context, e *env) (workload, error) {
	var id, year int
	err := e.db.QueryRowContext(ctx,
		`SELECT id, department_year_id FROM evaluations WHERE project_id IS NULL ORDER BY id LIMIT 1`).Scan(&id, &year)
	if err != nil {
		return workload{}, fmt.Errorf("picking an evaluation: %w", err)
	}
	body := graphQL(detailQuery, map[string]any{"id": fmt.Sprint(id)})
	viaAPI := func(ctx context.Context) (answer, error) {
		var out struct {
			Node *struct {
				ID        int `json:"id,string"`
				Score     decimal.Decimal
				Grade     string
				Subtotals []struct {
					Level1        string
					Level2        *string
					Score, Weight decimal.Decimal
				}
				Indicators []struct {
					ID             int `json:"id,string"`
					Name           string
					Score          decimal.Decimal
					Attainment     decimal.Decimal
					CompletionRate *decimal.Decimal
				}
			}
		}
		if err := e.post(ctx, body, &out); err != nil {
			return answer{}, err
		}
		if out.Node == nil || out.Node.ID != id {
			return answer{}, fmt.Errorf("node(id: %d) returned no evaluation", id)
		}
		a := answer{Total: &out.Node.Score, Grade: out.Node.Grade}
		for _, in := range out.Node.Indicators {
			a.Items = append(a.Items, item{ID: in.ID, Name: in.Name, Score: in.Score})
		}
		return a, nil
	}
	query := e.q(squeeze(`SELECT ind.id, ind.name, ind.score
		FROM indicators ind
		WHERE ind.department_year_id = ? AND ind.project_id IS NULL
		ORDER BY ind.position, ind.id`))
	viaSQL := func(ctx context.Context) (answer, error) {
		var a answer
		total := decimal.Zero
		err := scan(ctx, e.db, query, []any{year}, func(rows *sql.Rows) error {
			var it item
			var score int64
			if err := rows.Scan(&it.ID, &it.Name, &score); err != nil {
				return err
			}
			it.Score = millionths(score)
			total = total.Add(it.Score)
			a.Items = append(a.Items, it)
			return nil
		})
		a.Total, a.Grade = &total, string(scoring.Default().GradeOf(total))
		return a, err
	}
	return workload{api: viaAPI, sql: viaSQL}, nil
}

const rankQuery = `query($year: Int!) {
	evaluationRanking(direction: DESC, first: 1000, where: {projectIDIsNil: true, hasDepartmentYearWith: [{year: $year}]}) {
		edges { node { id score } }
	}
}`

// rankDepartments ranks the overall evaluations of the city's year by score, best first.
func rankDepartments(ctx context.Context, e *env) (workload, error) {
	body := graphQL(rankQuery, map[string]any{"year": e.year})
	viaAPI := func(ctx context.Context) (answer, error) {
		var out struct {
			EvaluationRanking struct {
				Edges []struct {
					Node struct {
						ID    int `json:"id,string"`
						Score decimal.Decimal
					}
				}
			}
		}
		if err := e.post(ctx, body, &out); err != nil {
			return answer{}, err
		}
		var a answer
		for _, edge := range out.EvaluationRanking.Edges {
			a.Items = append(a.Items, item{ID: edge.Node.ID, Score: edge.Node.Score})
		}
		return a, nil
	}
	query := e.q(squeeze(`SELECT e.id, e.score
		FROM evaluations e
		JOIN department_years dy ON dy.id = e.department_year_id
		WHERE e.project_id IS NULL AND dy.year = ?
		ORDER BY e.score DESC, e.id
		LIMIT 1000`))
	viaSQL := func(ctx context.Context) (answer, error) {
		var a answer
		err := scan(ctx, e.db, query, []any{e.year}, func(rows *sql.Rows) error {
			var it item
			var score int64
			if err := rows.Scan(&it.ID, &score); err != nil {
				return err
			}
			it.Score = millionths(score)
			a.Items = append(a.Items, it)
			return nil
		})
		return a, err
	}
	return workload{api: viaAPI, sql: viaSQL}, nil
}

const worstQuery = `{
	indicatorRanking(by: ATTAINMENT, direction: ASC, first: 50) {
		edges { node { id name attainment score } }
	}
}`

// worstIndicators lists the 50 indicators of the whole city with the lowest attainment.
func worstIndicators(ctx context.Context, e *env) (workload, error) {
	body := graphQL(worstQuery, nil)
	viaAPI := func(ctx context.Context) (answer, error) {
		var out struct {
			IndicatorRanking struct {
				Edges []struct {
					Node struct {
						ID         int `json:"id,string"`
						Name       string
						Attainment decimal.Decimal
						Score      decimal.Decimal
					}
				}
			}
		}
		if err := e.post(ctx, body, &out); err != nil {
			return answer{}, err
		}
		var a answer
		for _, edge := range out.IndicatorRanking.Edges {
			n := edge.Node
			a.Items = append(a.Items, item{ID: n.ID, Name: n.Name, Score: n.Score, Attainment: &n.Attainment})
		}
		return a, nil
	}
	query := `SELECT id, name, attainment, score FROM indicators ORDER BY attainment, id LIMIT 50`
	viaSQL := func(ctx context.Context) (answer, error) {
		var a answer
		err := scan(ctx, e.db, query, nil, func(rows *sql.Rows) error {
			var it item
			var attainment, score int64
			if err := rows.Scan(&it.ID, &it.Name, &attainment, &score); err != nil {
				return err
			}
			att := millionths(attainment)
			it.Score, it.Attainment = millionths(score), &att
			a.Items = append(a.Items, it)
			return nil
		})
		return a, err
	}
	return workload{api: viaAPI, sql: viaSQL}, nil
}

// grades are the four grades, in the order of the distribution's rows.
var grades = []scoring.Grade{scoring.Excellent, scoring.Good, scoring.Fair, scoring.Poor}

// gradeQuery counts the department evaluations of the year per grade: one
// aggregate, one statement.
const gradeQuery = `query($year: Int!) {
	evaluationAggregate(groupBy: [GRADE], where: {projectIDIsNil: true, hasDepartmentYearWith: [{year: $year}]}) {
		groups { key { grade } count }
	}
}`

// gradeDistribution counts the year's department evaluations per grade: one row per
// grade, its count as the score.
func gradeDistribution(ctx context.Context, e *env) (workload, error) {
	body := graphQL(gradeQuery, map[string]any{"year": e.year})
	viaAPI := func(ctx context.Context) (answer, error) {
		var out struct {
			EvaluationAggregate struct {
				Groups []struct {
					Key   struct{ Grade string }
					Count int64
				}
			}
		}
		if err := e.post(ctx, body, &out); err != nil {
			return answer{}, err
		}
		counts := map[string]int64{}
		for _, g := range out.EvaluationAggregate.Groups {
			counts[g.Key.Grade] = g.Count
		}
		var a answer
		for i, g := range grades {
			a.Items = append(a.Items, item{ID: i, Name: string(g), Score: decimal.NewFromInt(counts[string(g)])})
		}
		return a, nil
	}
	query := e.q(squeeze(`SELECT e.grade, COUNT(*)
		FROM evaluations e
		JOIN department_years dy ON dy.id = e.department_year_id
		WHERE e.project_id IS NULL AND dy.year = ?
		GROUP BY e.grade`))
	viaSQL := func(ctx context.Context) (answer, error) {
		counts := map[string]int64{}
		err := scan(ctx, e.db, query, []any{e.year}, func(rows *sql.Rows) error {
			var g string
			var n int64
			if err := rows.Scan(&g, &n); err != nil {
				return err
			}
			counts[g] = n
			return nil
		})
		var a answer
		for i, g := range grades {
			a.Items = append(a.Items, item{ID: i, Name: string(g), Score: decimal.NewFromInt(counts[string(g)])})
		}
		return a, err
	}
	return workload{api: viaAPI, sql: viaSQL}, nil
}

// scan runs a query and calls each for every row.
func scan(ctx context.Context, db *sql.DB, query string, args []any, each func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// squeeze folds a query's layout whitespace into single spaces.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }
