// Command migration writes the next versioned migration of each store: the
// difference between what the migration files already build and the ent schema,
// planned by ent's Atlas engine on a scratch database (an in-memory SQLite, and a
// database it creates on the PostgreSQL server JIXIAO_DEV_POSTGRES or
// JIXIAO_TEST_POSTGRES names, dropped afterwards).
//
//	go run ./platform/migrate/cmd/migration NAME     (make migration NAME=…)
//	go run ./platform/migrate/cmd/migration -rehash  (after editing a file by hand)
//
// Review the files it writes, and commit them with the schema change: the
// migrations test fails while the files and the schema disagree.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	atlas "ariga.io/atlas/sql/migrate"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/schema"
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "github.com/mattn/go-sqlite3"

	entmigrate "jixiao/ent/migrate"
)

func main() {
	if len(os.Args) != 2 || strings.TrimSpace(os.Args[1]) == "" {
		log.Fatal("usage: migration NAME (what the change does, e.g. add_report_table)")
	}
	name := os.Args[1]
	root := filesDir()
	if name == "-rehash" {
		for _, d := range []string{"sqlite", "postgres"} {
			if err := rehash(filepath.Join(root, d)); err != nil {
				log.Fatalf("%s: %v", d, err)
			}
		}
		return
	}
	ctx := context.Background()
	// One version for both stores' files: the same change has the same number.
	format := atlas.TemplateFormatter{{
		N: template.Must(template.New("").Parse(atlas.NewVersion() + "_{{ .Name }}.sql")),
		C: atlas.DefaultFormatter[0].C,
	}}

	lite, err := sql.Open("sqlite3", "file:migration-dev?mode=memory&cache=shared&_fk=1")
	if err != nil {
		log.Fatal(err)
	}
	defer lite.Close()
	if err := diff(ctx, lite, dialect.SQLite, filepath.Join(root, "sqlite"), name, format); err != nil {
		log.Fatalf("sqlite: %v", err)
	}

	server := os.Getenv("JIXIAO_DEV_POSTGRES")
	if server == "" {
		server = os.Getenv("JIXIAO_TEST_POSTGRES")
	}
	if server == "" {
		log.Fatal("postgres: set JIXIAO_DEV_POSTGRES to a PostgreSQL server this command may create a scratch database on")
	}
	pg, drop, err := scratchPostgres(ctx, server)
	if err != nil {
		log.Fatalf("postgres: %v", err)
	}
	defer drop()
	if err := diff(ctx, pg, dialect.Postgres, filepath.Join(root, "postgres"), name, format); err != nil {
		log.Fatalf("postgres: %v", err)
	}
}

// filesDir is platform/migrate/files of the module this runs in.
func filesDir() string {
	dir, err := os.Getwd()
	if err != nil {
		log.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return filepath.Join(dir, "platform", "migrate", "files")
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			log.Fatal("run this inside the jixiao module")
		}
		dir = parent
	}
}

// diff replays the directory's files on the empty scratch database db, then
// writes the statements that take it to the ent schema as the next file.
func diff(ctx context.Context, db *sql.DB, dialectName, dir, name string, format atlas.Formatter) error {
	local, err := atlas.NewLocalDir(dir)
	if err != nil {
		return err
	}
	m, err := schema.NewMigrate(entsql.OpenDB(dialectName, db),
		schema.WithDir(local),
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(dialectName),
		schema.WithFormatter(format),
		schema.WithDropColumn(true),
		schema.WithDropIndex(true),
		schema.WithErrNoPlan(true),
	)
	if err != nil {
		return err
	}
	if err := m.NamedDiff(ctx, name, entmigrate.Tables...); err != nil {
		return err
	}
	fmt.Println("wrote the next migration into", dir)
	return nil
}

// rehash rewrites the directory's atlas.sum from its files, as `atlas migrate
// hash` does: a file edited by hand is then accepted again.
func rehash(dir string) error {
	local, err := atlas.NewLocalDir(dir)
	if err != nil {
		return err
	}
	sum, err := local.Checksum()
	if err != nil {
		return err
	}
	return atlas.WriteSumFile(local, sum)
}

// scratchPostgres creates an empty database on the server and returns it with a
// function that drops it.
func scratchPostgres(ctx context.Context, server string) (*sql.DB, func(), error) {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return nil, nil, err
	}
	scratch := fmt.Sprintf("jixiao_migration_dev_%d", time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+scratch); err != nil {
		admin.Close()
		return nil, nil, err
	}
	u, err := url.Parse(server)
	if err != nil {
		admin.Close()
		return nil, nil, err
	}
	u.Path = "/" + scratch
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		admin.Close()
		return nil, nil, err
	}
	return db, func() {
		db.Close()
		if _, err := admin.ExecContext(context.Background(), "DROP DATABASE "+scratch+" WITH (FORCE)"); err != nil {
			log.Printf("dropping %s: %v", scratch, err)
		}
		admin.Close()
	}, nil
}
