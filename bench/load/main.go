// Command load is the load generator of the benchmarks: it sends GraphQL requests to
// running servers from a second process and reports throughput and latency.
//
//	go run ./bench/load run -c 100 -d 10s -rounds 3 \
//	    -t 'jixiao|http://127.0.0.1:8081/query|score.jsonl|bearer=jx_…|rps=5000|p99=20ms' \
//	    -t 'peer|http://127.0.0.1:5000/graphql|score.pg.jsonl'
//
// Each -t is a target: name|url|bodies, then options: bearer=TOKEN (an API token),
// login=USER:PASSWORD (signs in first and sends the session cookie and the CSRF token),
// pid=PID (reports that process's peak and current resident memory after each round),
// rps=N and p99=DURATION (goals: the report gives the ratio to each). The bodies file
// holds one JSON request body per line (or is a .graphql file: one query); each client
// takes the lines in turn, starting at its own offset.
//
// The targets run one after the other in each round (A B A B …), each for a warm-up
// and then -d; the summary pools the rounds and gives each target's throughput as a
// ratio to the first's. A response counts as an error when its status is not 200 or
// its body has a top-level "errors".
//
//	go run ./bench/load token -url http://127.0.0.1:8081/query -login admin:PASSWORD
//
// signs in and creates an API token (createAPIToken), printing it.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/cookiejar"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: load run [flags] -t TARGET … | load token -url URL -login USER:PASSWORD")
	}
	switch args[0] {
	case "run":
		return runLoad(ctx, args[1:], stdout)
	case "token":
		return runToken(ctx, args[1:], stdout)
	}
	return fmt.Errorf("unknown command %q: run or token", args[0])
}

type targets []string

func (t *targets) String() string     { return strings.Join(*t, " ") }
func (t *targets) Set(s string) error { *t = append(*t, s); return nil }

// target is one server and what to send it.
type target struct {
	name, url string
	bodies    [][]byte
	bearer    string
	login     string // USER:PASSWORD
	pid       int
	goalRPS   float64
	goalP99   time.Duration

	client *http.Client
	csrf   string
}

func parseTarget(spec string) (*target, error) {
	parts := strings.Split(spec, "|")
	if len(parts) < 3 {
		return nil, fmt.Errorf("target %q: want name|url|bodies[|option…]", spec)
	}
	t := &target{name: parts[0], url: parts[1]}
	var err error
	if t.bodies, err = readBodies(parts[2]); err != nil {
		return nil, err
	}
	for _, opt := range parts[3:] {
		if opt == "" {
			continue
		}
		key, value, ok := strings.Cut(opt, "=")
		if !ok {
			return nil, fmt.Errorf("target %s: option %q is not key=value", t.name, opt)
		}
		switch key {
		case "bearer":
			t.bearer = value
		case "login":
			t.login = value
		case "pid":
			if t.pid, err = strconv.Atoi(value); err != nil {
				return nil, fmt.Errorf("target %s: pid: %w", t.name, err)
			}
		case "rps":
			if t.goalRPS, err = strconv.ParseFloat(value, 64); err != nil {
				return nil, fmt.Errorf("target %s: rps: %w", t.name, err)
			}
		case "p99":
			if t.goalP99, err = time.ParseDuration(value); err != nil {
				return nil, fmt.Errorf("target %s: p99: %w", t.name, err)
			}
		default:
			return nil, fmt.Errorf("target %s: unknown option %q", t.name, key)
		}
	}
	return t, nil
}

// readBodies reads one JSON request body per non-empty line, or, from a file whose
// name ends in .graphql, one body whose query is the file.
func readBodies(path string) ([][]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(path, ".graphql") {
		body, err := json.Marshal(map[string]string{"query": string(data)})
		return [][]byte{body}, err
	}
	var bodies [][]byte
	for i, line := range bytes.Split(data, []byte("\n")) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if !json.Valid(line) {
			return nil, fmt.Errorf("%s:%d: not a JSON body", path, i+1)
		}
		bodies = append(bodies, line)
	}
	if len(bodies) == 0 {
		return nil, fmt.Errorf("%s: no request bodies", path)
	}
	return bodies, nil
}

func newClient(conns int) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{
		Jar:     jar,
		Timeout: 60 * time.Second,
		Transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxIdleConns:        conns,
			MaxIdleConnsPerHost: conns,
			MaxConnsPerHost:     conns,
			IdleConnTimeout:     90 * time.Second,
		},
	}
}

// signIn runs the login mutation; the client's jar keeps the session cookie.
func (t *target) signIn(ctx context.Context) error {
	user, password, ok := strings.Cut(t.login, ":")
	if !ok {
		return fmt.Errorf("target %s: login wants USER:PASSWORD", t.name)
	}
	body, _ := json.Marshal(map[string]any{
		"query":     `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { csrfToken } }`,
		"variables": map[string]any{"u": user, "p": password},
	})
	var out struct {
		Login struct{ CsrfToken string }
	}
	if err := t.graphQL(ctx, body, &out); err != nil {
		return fmt.Errorf("target %s: signing in: %w", t.name, err)
	}
	t.csrf = out.Login.CsrfToken
	return nil
}

// graphQL sends one request and decodes its data into out, failing on any error.
func (t *target) graphQL(ctx context.Context, body []byte, out any) error {
	status, resp, err := t.post(ctx, body)
	if err != nil {
		return err
	}
	if status != http.StatusOK {
		return fmt.Errorf("status %d: %.300s", status, resp)
	}
	var r struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(resp, &r); err != nil {
		return err
	}
	if len(r.Errors) > 0 {
		return errors.New(r.Errors[0].Message)
	}
	return json.Unmarshal(r.Data, out)
}

func (t *target) post(ctx context.Context, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, t.url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if t.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+t.bearer)
	}
	if t.csrf != "" {
		req.Header.Set("X-CSRF-Token", t.csrf)
	}
	resp, err := t.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp.StatusCode, data, err
}

// failed reports why a response counts as an error, or "" when it does not.
func failed(status int, body []byte) string {
	if status != http.StatusOK {
		return fmt.Sprintf("status %d: %.200s", status, body)
	}
	var r struct {
		Errors json.RawMessage
	}
	if bytes.Contains(body, []byte(`"errors"`)) && json.Unmarshal(body, &r) == nil && len(r.Errors) > 0 && string(r.Errors) != "null" {
		return fmt.Sprintf("%.300s", r.Errors)
	}
	return ""
}

// result is one target's measured interval.
type result struct {
	requests, errors int
	elapsed          time.Duration
	latencies        []time.Duration
	firstError       string
	hwm, rss         int64 // kB, when the target names a pid
}

func (r *result) add(o result) {
	r.requests += o.requests
	r.errors += o.errors
	r.elapsed += o.elapsed
	r.latencies = append(r.latencies, o.latencies...)
	if r.firstError == "" {
		r.firstError = o.firstError
	}
	r.hwm = max(r.hwm, o.hwm)
	r.rss = max(r.rss, o.rss)
}

func (r *result) rps() float64 { return float64(r.requests) / r.elapsed.Seconds() }

// percentile of the sorted latencies, nearest rank.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// hammer sends requests from c clients for warm-up + d and returns what the last d saw;
// with n > 0, each client stops after n measured requests.
func (t *target) hammer(ctx context.Context, c int, warmup, d time.Duration, n int) result {
	var mu sync.Mutex
	var total result
	start := time.Now()
	measureFrom := start.Add(warmup)
	stop := measureFrom.Add(d)
	var wg sync.WaitGroup
	for w := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine result
			mine.latencies = make([]time.Duration, 0, 4096)
			for i := w; n <= 0 || mine.requests < n; i += c {
				began := time.Now()
				if !began.Before(stop) {
					break
				}
				status, body, err := t.post(ctx, t.bodies[i%len(t.bodies)])
				took := time.Since(began)
				if began.Before(measureFrom) {
					continue
				}
				mine.requests++
				mine.latencies = append(mine.latencies, took)
				why := ""
				if err != nil {
					why = err.Error()
				} else {
					why = failed(status, body)
				}
				if why != "" {
					mine.errors++
					if mine.firstError == "" {
						mine.firstError = why
					}
				}
			}
			mu.Lock()
			total.add(mine)
			mu.Unlock()
		}()
	}
	wg.Wait()
	total.elapsed = time.Since(measureFrom)
	if t.pid != 0 {
		total.hwm, total.rss = memory(t.pid)
	}
	return total
}

// memory reads VmHWM and VmRSS (kB) of a process.
func memory(pid int) (hwm, rss int64) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return -1, -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(fields[1], 10, 64)
		switch fields[0] {
		case "VmHWM:":
			hwm = v
		case "VmRSS:":
			rss = v
		}
	}
	return hwm, rss
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d.Microseconds())/1000) }

func (r *result) line(name string) string {
	slices.Sort(r.latencies)
	s := fmt.Sprintf("%-28s %9.1f req/s  p50 %8s  p95 %8s  p99 %8s  max %8s  %7d reqs  %d errors",
		name, r.rps(), ms(percentile(r.latencies, 50)), ms(percentile(r.latencies, 95)),
		ms(percentile(r.latencies, 99)), ms(percentile(r.latencies, 100)), r.requests, r.errors)
	if r.hwm != 0 {
		s += fmt.Sprintf("  peak RSS %.1f MB (now %.1f MB)", float64(r.hwm)/1024, float64(r.rss)/1024)
	}
	return s
}

func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}

func runLoad(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("load run", flag.ContinueOnError)
	var specs targets
	fs.Var(&specs, "t", "a target: name|url|bodies[|bearer=TOKEN][|login=USER:PASSWORD][|pid=PID][|rps=N][|p99=DURATION] (repeat)")
	c := fs.Int("c", 10, "concurrent clients")
	d := fs.Duration("d", 10*time.Second, "measured time of each target in each round")
	warmup := fs.Duration("warmup", 2*time.Second, "unmeasured time before each measurement")
	rounds := fs.Int("rounds", 1, "rounds: the targets run in turn in each (A B A B …)")
	label := fs.String("label", "", "a title printed before the figures")
	n := fs.Int("n", 0, "at most this many measured requests per client per target and round (0: no limit)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(specs) == 0 {
		return errors.New("give at least one -t target")
	}
	var ts []*target
	for _, spec := range specs {
		t, err := parseTarget(spec)
		if err != nil {
			return err
		}
		t.client = newClient(*c)
		if t.login != "" {
			if err := t.signIn(ctx); err != nil {
				return err
			}
		}
		// One request first, so that a wrong body fails loudly rather than as a
		// throughput of errors.
		status, body, err := t.post(ctx, t.bodies[0])
		if err != nil {
			return fmt.Errorf("target %s: %w", t.name, err)
		}
		if why := failed(status, body); why != "" {
			return fmt.Errorf("target %s: the first body fails: %s", t.name, why)
		}
		ts = append(ts, t)
	}
	if *label != "" {
		fmt.Fprintf(stdout, "== %s\n", *label)
	}
	fmt.Fprintf(stdout, "   %d clients, %v warm-up + %v per target per round, %d round(s); load average before: %s\n",
		*c, *warmup, *d, *rounds, loadAvg())
	totals := make([]result, len(ts))
	for round := range *rounds {
		for i, t := range ts {
			r := t.hammer(ctx, *c, *warmup, *d, *n)
			fmt.Fprintf(stdout, "   round %d %s  (load %s)\n", round+1, r.line(t.name), loadAvg())
			totals[i].add(r)
		}
	}
	fmt.Fprintln(stdout, "   pooled:")
	for i, t := range ts {
		r := &totals[i]
		fmt.Fprintf(stdout, "   %s\n", r.line(t.name))
		if r.firstError != "" {
			fmt.Fprintf(stdout, "      first error: %s\n", r.firstError)
		}
		if i > 0 {
			fmt.Fprintf(stdout, "      %s / %s throughput: %.2f×\n", ts[0].name, t.name, totals[0].rps()/r.rps())
		}
		if t.goalRPS > 0 {
			fmt.Fprintf(stdout, "      goal ≥ %.0f req/s: %.2f× of it (%s)\n", t.goalRPS, r.rps()/t.goalRPS, verdict(r.rps() >= t.goalRPS))
		}
		if t.goalP99 > 0 {
			p99 := percentile(r.latencies, 99)
			fmt.Fprintf(stdout, "      goal p99 ≤ %v: %.2f× of it (%s)\n", t.goalP99, float64(p99)/float64(t.goalP99), verdict(p99 <= t.goalP99))
		}
	}
	fmt.Fprintf(stdout, "   load average after: %s\n", loadAvg())
	return nil
}

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

func runToken(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("load token", flag.ContinueOnError)
	url := fs.String("url", "http://127.0.0.1:8080/query", "the GraphQL endpoint")
	login := fs.String("login", "", "an administrator: USER:PASSWORD")
	name := fs.String("name", "bench", "the token's name")
	if err := fs.Parse(args); err != nil {
		return err
	}
	t := &target{name: "token", url: *url, login: *login, client: newClient(1)}
	if err := t.signIn(ctx); err != nil {
		return err
	}
	body, _ := json.Marshal(map[string]any{
		"query":     `mutation($n: String!) { createAPIToken(name: $n) { token } }`,
		"variables": map[string]any{"n": *name},
	})
	var out struct {
		CreateAPIToken struct{ Token string }
	}
	if err := t.graphQL(ctx, body, &out); err != nil {
		return fmt.Errorf("createAPIToken: %w", err)
	}
	fmt.Fprintln(stdout, out.CreateAPIToken.Token)
	return nil
}
