// Package app is the jixiao command without its main: flags, the store, the
// handler, serving and shutting down, and the user command. Its tests start the
// real server as main does and drive it over HTTP.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"jixiao/app/demo"
	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/user"
	"jixiao/frontend"
	"jixiao/platform/access"
	"jixiao/platform/attachments"
	"jixiao/platform/auth"
	"jixiao/platform/clientip"
	"jixiao/platform/events"
	"jixiao/platform/store"
	"jixiao/platform/web"
	"jixiao/platform/webhooks"
)

// config is what the command line and the environment say; a flag wins over its variable.
type config struct {
	addr, db        string
	debugAddr       string
	demo            demoSet
	corsOrigins     []string
	noIntrospection bool
	migrate         bool
	metricsToken    string
	trustedProxies  clientip.Proxies
	webhookBackoff  time.Duration
	webhookGuard    *webhooks.Guard
	eventsDB        string
	attachments     attachments.Config
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
	c.demo = demoSet(env("JIXIAO_DEMO", ""))
	fs.Var(&c.demo, "demo", "load the demo data into an empty database: the seed report's year and a district of 30 departments over 2022–2024; --demo=seed loads the seed's year alone (env JIXIAO_DEMO=1 or seed)")
	fs.StringVar(&origins, "cors-origins", env("JIXIAO_CORS_ORIGINS", ""), "comma-separated origins allowed to call the API from a browser (env JIXIAO_CORS_ORIGINS)")
	fs.StringVar(&c.debugAddr, "debug-addr", env("JIXIAO_DEBUG_ADDR", ""), "serve Go's profiler (/debug/pprof/) on this address, e.g. 127.0.0.1:6060; keep it off the network (env JIXIAO_DEBUG_ADDR)")
	fs.BoolVar(&c.migrate, "migrate", env("JIXIAO_MIGRATE", "") == "1", "apply the database's pending migrations before serving; without it the server refuses a database whose schema is not this release's (env JIXIAO_MIGRATE=1)")
	fs.StringVar(&c.metricsToken, "metrics-token", env("JIXIAO_METRICS_TOKEN", ""), "require Authorization: Bearer <token> on /metrics; prefer the variable, which ps does not show (env JIXIAO_METRICS_TOKEN)")
	fs.BoolVar(&c.noIntrospection, "no-introspection", env("JIXIAO_NO_INTROSPECTION", "") == "1", "turn GraphQL introspection off (env JIXIAO_NO_INTROSPECTION=1)")
	fs.StringVar(&c.eventsDB, "events-db", env("JIXIAO_EVENTS_DB", ""), "PostgreSQL: the URL of the server's LISTEN connection for change notifications, when --db goes through a pooler in transaction mode (PgBouncer), which cannot LISTEN; default --db (env JIXIAO_EVENTS_DB)")
	fs.DurationVar(&c.webhookBackoff, "webhook-backoff", envDuration(getenv, "JIXIAO_WEBHOOK_BACKOFF", 30*time.Second), "the wait before a failed webhook delivery's first retry; each next waits twice as long, up to an hour (env JIXIAO_WEBHOOK_BACKOFF)")
	allowHosts := fs.String("webhook-allow-hosts", env("JIXIAO_WEBHOOK_ALLOW_HOSTS", ""), "CIDRs, addresses or host names (.example.gov: its subdomains too) that webhooks may be sent to although they are loopback, link-local (cloud metadata), unspecified or multicast addresses, which are refused otherwise; private ranges (10/8, 172.16/12, 192.168/16) are always allowed (env JIXIAO_WEBHOOK_ALLOW_HOSTS)")
	fs.StringVar(&c.attachments.Dir, "attachments-dir", env("JIXIAO_ATTACHMENTS_DIR", ""), "keep evidence files in this directory (shared by every server) instead of the database (env JIXIAO_ATTACHMENTS_DIR)")
	maxSize := fs.String("attachments-max-size", env("JIXIAO_ATTACHMENTS_MAX_SIZE", "20MiB"), "the largest evidence file accepted: bytes, or with KiB, MiB, GiB (KB, MB, GB: the same) (env JIXIAO_ATTACHMENTS_MAX_SIZE)")
	proxies := fs.String("trusted-proxies", env("JIXIAO_TRUSTED_PROXIES", ""), "comma-separated IPs or CIDR ranges of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, e.g. 127.0.0.1/32,10.0.0.0/8 (env JIXIAO_TRUSTED_PROXIES)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	var err error
	if c.attachments.MaxBytes, err = parseSize(*maxSize); err != nil {
		return c, fmt.Errorf("--attachments-max-size: %w", err)
	}
	if c.trustedProxies, err = clientip.Parse(*proxies); err != nil {
		return c, fmt.Errorf("--trusted-proxies: %w", err)
	}
	if c.webhookGuard, err = webhooks.ParseGuard(*allowHosts); err != nil {
		return c, fmt.Errorf("--webhook-allow-hosts: %w", err)
	}
	for _, o := range strings.Split(origins, ",") {
		if o = strings.TrimSpace(o); o != "" {
			c.corsOrigins = append(c.corsOrigins, o)
		}
	}
	return c, nil
}

// Run starts the server and blocks until ctx ends, then shuts down gracefully;
// `user add` creates a user, `recompute` checks the kept values, `migrate`
// shows or applies the schema's migrations, and `backup` and `restore` copy a
// SQLite database instead.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) >= 2 && args[0] == "user" && args[1] == "add" {
		return addUser(ctx, args[2:], getenv, stdout)
	}
	if len(args) >= 1 && args[0] == "recompute" {
		return recompute(ctx, args[1:], getenv, stdout)
	}
	if len(args) >= 1 && args[0] == "migrate" {
		return migrateCommand(ctx, args[1:], getenv, stdout)
	}
	if len(args) >= 1 && args[0] == "backup" {
		return backupDB(ctx, args[1:], getenv, stdout)
	}
	if len(args) >= 1 && args[0] == "restore" {
		return restoreDB(ctx, args[1:], getenv, stdout)
	}
	cfg, err := parseConfig(args, getenv, stdout)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stdout, nil))

	if cfg.migrate {
		applied, err := store.Migrate(ctx, cfg.db)
		if err != nil {
			return err
		}
		for _, r := range applied {
			log.Info("migration "+how(r), "version", r.Version, "description", r.Description)
		}
	}
	client, err := store.OpenCurrent(ctx, cfg.db)
	if err != nil {
		return err
	}
	defer client.Close()
	if cfg.demo.on() {
		if err := loadDemo(ctx, client, cfg.demo, log, stdout); err != nil {
			return err
		}
	}
	if err := firstAdmin(ctx, client, getenv, log); err != nil {
		return err
	}

	// Change notifications: subscriptions and webhooks, until the server stops.
	background, stopBackground := context.WithCancel(context.Background())
	hub, dispatcher, stopped := notifications(background, cfg, client, log)
	defer func() {
		hub.Bus.Close() // ends the subscriptions, and closes their websockets
		stopBackground()
		<-stopped // the webhook attempts under way are recorded before the database closes
	}()

	files, err := attachments.New(cfg.attachments, log)
	if err != nil {
		return err
	}
	opts := web.Options{Log: log, AllowedOrigins: cfg.corsOrigins, SPA: frontend.Dist(), NoIntrospection: cfg.noIntrospection,
		MetricsToken: cfg.metricsToken, Ready: store.Ready(client), TrustedProxies: cfg.trustedProxies,
		Events: hub, Webhooks: dispatcher, Attachments: files}
	if err := opts.Validate(); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           web.NewHandler(client, opts),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	kept := files.Dir()
	if kept == "" {
		kept = "database"
	}
	log.Info("listening", "url", browsable(ln.Addr()), "graphiql", "/graphiql", "db", store.Redacted(cfg.db),
		"attachments", kept, "attachments_max_bytes", files.MaxBytes())

	if cfg.debugAddr != "" {
		stopDebug, err := serveDebug(cfg.debugAddr, log)
		if err != nil {
			return err
		}
		defer stopDebug()
	}
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

// notifications starts what announces the server's committed changes: the
// events hub (on PostgreSQL with its LISTEN connection, so that every server
// hears every server's changes) and the webhook dispatcher, until ctx ends;
// stopped closes once they have.
func notifications(ctx context.Context, cfg config, client *ent.Client, log *slog.Logger) (*events.Hub, *webhooks.Dispatcher, <-chan struct{}) {
	bus := events.NewBus()
	dsn, postgres := store.ListenURL(cfg.db)
	if listen, ok := store.ListenURL(cfg.eventsDB); postgres && ok {
		dsn = listen
	}
	hub := events.NewHub(bus, postgres)
	hub.BeforeCommit(webhooks.Enqueue)
	stopped := make(chan struct{})
	var wg sync.WaitGroup
	if postgres {
		hub.Listener = events.NewListener(dsn, bus, log)
		wg.Go(func() { hub.Listener.Run(ctx) })
	}
	dispatcher := webhooks.NewDispatcher(client, bus, log, webhooks.Options{Backoff: cfg.webhookBackoff, Guard: cfg.webhookGuard})
	wg.Go(func() { dispatcher.Run(ctx) })
	go func() {
		wg.Wait()
		close(stopped)
	}()
	return hub, dispatcher, stopped
}

// envDuration is the duration in variable name, or def when it is unset or not one.
func envDuration(getenv func(string) string, name string, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(getenv(name)); err == nil {
		return d
	}
	return def
}

// loadDemo loads the demo data into an empty database and prints the demo accounts
// it creates: their passwords are shown this once.
func loadDemo(ctx context.Context, client *ent.Client, set demoSet, log *slog.Logger, stdout io.Writer) error {
	load := demo.Load
	if set == demoSeed {
		load = demo.LoadSeed
	}
	loaded, err := load(ctx, client)
	if err != nil {
		return fmt.Errorf("loading the demo data: %w", err)
	}
	if !loaded {
		log.Info("demo data not loaded: the database already holds data; left as it is")
		return nil
	}
	log.Info("demo data loaded", "set", set.String())
	accounts, err := demo.CreateAccounts(ctx, client)
	if err != nil {
		return fmt.Errorf("creating the demo accounts: %w", err)
	}
	fmt.Fprintln(stdout, "Demo accounts (the passwords are shown only now):")
	for _, a := range accounts {
		fmt.Fprintf(stdout, "  demo account: role=%-8s username=%-8s password=%s\n", a.Role, a.Username, a.Password)
	}
	return nil
}

// firstAdmin creates the first administrator from JIXIAO_ADMIN_USERNAME and
// JIXIAO_ADMIN_PASSWORD when the database has no user yet. There is no default password.
func firstAdmin(ctx context.Context, client *ent.Client, getenv func(string) string, log *slog.Logger) error {
	name, password := getenv("JIXIAO_ADMIN_USERNAME"), getenv("JIXIAO_ADMIN_PASSWORD")
	if name == "" || password == "" {
		return nil
	}
	sys := access.System(ctx, "first admin")
	if any, err := client.User.Query().Exist(sys); err != nil || any {
		return err
	}
	if _, err := auth.CreateUser(sys, client, auth.NewUser{Username: name, Role: user.RoleADMIN, Password: password}); err != nil {
		return fmt.Errorf("creating the first administrator from JIXIAO_ADMIN_USERNAME: %w", err)
	}
	log.Info("first administrator created", "username", name)
	return nil
}

// addUser is `jixiao user add`: it creates a user, reading the password from
// JIXIAO_NEW_PASSWORD or making one up and printing it.
func addUser(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("jixiao user add", flag.ContinueOnError)
	fs.SetOutput(stdout)
	db := fs.String("db", getenvOr(getenv, "JIXIAO_DB", "sqlite://jixiao.db"), "database (env JIXIAO_DB)")
	username := fs.String("username", "", "the name to sign in with")
	role := fs.String("role", "", "ADMIN, REVIEWER, EDITOR or ANALYST")
	deptCode := fs.String("department", "", "an editor's department code: the subtree they edit")
	displayName := fs.String("display-name", "", "the name shown in the app")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *username == "" || user.RoleValidator(user.Role(*role)) != nil {
		return fmt.Errorf("user add: give --username and --role ADMIN, REVIEWER, EDITOR or ANALYST")
	}
	client, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer client.Close()
	sys := access.System(ctx, "command line")
	nu := auth.NewUser{Username: *username, DisplayName: *displayName, Role: user.Role(*role), Password: getenv("JIXIAO_NEW_PASSWORD")}
	generated := nu.Password == ""
	if generated {
		nu.Password = auth.NewSecret(12)
	}
	if *deptCode != "" {
		id, err := client.Department.Query().Where(department.Code(*deptCode)).OnlyID(sys)
		if err != nil {
			return fmt.Errorf("user add: no department with code %q", *deptCode)
		}
		nu.DepartmentID = &id
	}
	if _, err := auth.CreateUser(sys, client, nu); err != nil {
		return fmt.Errorf("user add: %w", err)
	}
	fmt.Fprintf(stdout, "created %s %s\n", nu.Role, nu.Username)
	if generated {
		fmt.Fprintf(stdout, "password: %s (shown only now)\n", nu.Password)
	}
	return nil
}

func getenvOr(getenv func(string) string, name, def string) string {
	if v := getenv(name); v != "" {
		return v
	}
	return def
}

// browsable is the address to open in a browser: localhost when listening on every interface.
func browsable(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("http://localhost:%d", tcp.Port)
	}
	return "http://" + addr.String()
}

// demoSet is the --demo flag: off, the whole demo ("1", "true", or the flag alone)
// or the seed report's year alone ("seed").
type demoSet string

const demoSeed demoSet = "seed"

func (d demoSet) on() bool { return d != "" && d != "0" && d != "false" }

func (d *demoSet) String() string {
	if d == nil || !d.on() {
		return "off"
	}
	if *d == demoSeed {
		return "the seed report's year"
	}
	return "the seed report's year and the district"
}

func (d *demoSet) Set(v string) error {
	switch v {
	case "", "0", "false", "1", "true", string(demoSeed):
		*d = demoSet(v)
		return nil
	}
	return fmt.Errorf("want true, false or seed, got %q", v)
}

// IsBoolFlag lets --demo stand alone.
func (d *demoSet) IsBoolFlag() bool { return true }
