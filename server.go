// Command jixiao serves the budget performance self-evaluation API and its web app.
//
//	jixiao [--addr :8080] [--db sqlite://jixiao.db] [--demo] [--cors-origins https://a.example]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"jixiao/demo"
	"jixiao/frontend"
	"jixiao/store"
	"jixiao/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "jixiao:", err)
		os.Exit(1)
	}
}

// config is what the command line and the environment say; a flag wins over its variable.
type config struct {
	addr, db    string
	demo        bool
	corsOrigins []string
}

func parseConfig(args []string, getenv func(string) string, out io.Writer) (config, error) {
	env := func(name, def string) string {
		if v := getenv(name); v != "" {
			return v
		}
		return def
	}
	fs := flag.NewFlagSet("jixiao", flag.ContinueOnError)
	fs.SetOutput(out)
	var c config
	var origins string
	fs.StringVar(&c.addr, "addr", env("JIXIAO_ADDR", ":8080"), "listen address (env JIXIAO_ADDR)")
	fs.StringVar(&c.db, "db", env("JIXIAO_DB", "sqlite://jixiao.db"), "database: sqlite://PATH or postgres://… (env JIXIAO_DB)")
	fs.BoolVar(&c.demo, "demo", env("JIXIAO_DEMO", "") == "1", "load the demo data set into an empty database (env JIXIAO_DEMO=1)")
	fs.StringVar(&origins, "cors-origins", env("JIXIAO_CORS_ORIGINS", ""), "comma-separated origins allowed to call the API from a browser (env JIXIAO_CORS_ORIGINS)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	for _, o := range strings.Split(origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.corsOrigins = append(c.corsOrigins, o)
		}
	}
	return c, nil
}

// run starts the server and blocks until ctx ends, then shuts down gracefully.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	cfg, err := parseConfig(args, getenv, stdout)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stdout, nil))

	client, err := store.Open(ctx, cfg.db)
	if err != nil {
		return fmt.Errorf("opening %s: %w", cfg.db, err)
	}
	defer client.Close()
	if cfg.demo {
		loaded, err := demo.Load(ctx, client)
		if err != nil {
			return fmt.Errorf("loading the demo data: %w", err)
		}
		log.Info("demo data", "loaded", loaded, "note", map[bool]string{true: "the seed report's department-year", false: "the database already holds data; left as it is"}[loaded])
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           web.NewHandler(client, web.Options{Log: log, AllowedOrigins: cfg.corsOrigins, SPA: frontend.Dist()}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	log.Info("listening", "url", "http://"+ln.Addr().String(), "graphiql", "/graphiql", "db", store.Redacted(cfg.db))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
