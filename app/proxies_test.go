package app

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// forwarding adds headers to every request, as a reverse proxy would.
type forwarding struct {
	base   http.RoundTripper
	header http.Header
}

func (f forwarding) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	for k, v := range f.header {
		r.Header[k] = v
	}
	return f.base.RoundTrip(r)
}

// through is an anonymous caller connecting from peer (a loopback address) and
// sending header: a proxy at peer, or a client spoofing a proxy's headers.
func (s *server) through(peer string, header http.Header) *caller {
	c := s.fromAddress(peer)
	c.http.Transport = forwarding{c.http.Transport, header}
	return c
}

func forwardedFor(addr string) http.Header { return http.Header{"X-Forwarded-For": {addr}} }

// TestTrustedProxiesBadValues: a value that is not an address or a range stops
// the server at start, naming the value, from the flag or the environment.
func TestTrustedProxiesBadValues(t *testing.T) {
	tests := []struct {
		args []string
		env  string
		want string
	}{
		{args: []string{"--trusted-proxies", "10.0.0.0/33"}, want: `--trusted-proxies: "10.0.0.0/33" is not an IP address or a CIDR range`},
		{args: []string{"--trusted-proxies", "127.0.0.1, nginx"}, want: `--trusted-proxies: "nginx" is not an IP address`},
		{args: []string{"--trusted-proxies=10.0.0.1/8"}, want: `"10.0.0.1/8" has address bits beyond its /8: write 10.0.0.0/8`},
		{env: "127.0.0.1:8080", want: `--trusted-proxies: "127.0.0.1:8080" is not an IP address`},
	}
	for _, tt := range tests {
		db := "sqlite://" + filepath.Join(t.TempDir(), "j.db")
		getenv := func(k string) string { return map[string]string{"JIXIAO_TRUSTED_PROXIES": tt.env}[k] }
		err := Run(context.Background(), append([]string{"--addr", "127.0.0.1:0", "--db", db}, tt.args...), getenv, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v (env %q): %v, want an error saying %s", tt.args, tt.env, err, tt.want)
		}
	}
}

// TestSignInBehindProxy: behind a trusted proxy each client's address (the one
// the proxy forwards) has a sign-in bucket of its own, and a client that writes
// X-Forwarded-For itself, or a proxy's address on its left, gains nothing; the
// cookies are Secure only when a trusted proxy says the browser used HTTPS.
func TestSignInBehindProxy(t *testing.T) {
	patientHashing(t)
	srv := startServer(t, "sqlite://"+filepath.Join(t.TempDir(), "j.db"), "--trusted-proxies", "127.0.0.1/32")
	const proxy, spoofer = "127.0.0.1", "127.0.0.2" // only the first is trusted
	guess := 0
	attempt := func(c *caller) answer {
		guess++ // a fresh name each time: only the address bucket is shared
		return signInAnswer(t, c, fmt.Sprintf("guess%d", guess), "not the password")
	}

	// Ten failures per address, then a delay (throttle.go, addressFree).
	for i := range 10 {
		if a := attempt(srv.through(proxy, forwardedFor("198.51.100.7"))); a != wrongPassword {
			t.Fatalf("guess %d from 198.51.100.7 through the proxy: %+v", i+1, a)
		}
	}
	tests := []struct {
		name   string
		caller *caller
		want   answer
	}{
		{"the 11th from the same client", srv.through(proxy, forwardedFor("198.51.100.7")), throttled},
		{"the same client naming another address on the left", srv.through(proxy, forwardedFor("198.51.100.8, 198.51.100.7")), throttled},
		{"another client through the same proxy", srv.through(proxy, forwardedFor("198.51.100.8")), wrongPassword},
		{"the proxy itself, with no client named", srv.through(proxy, nil), wrongPassword},
	}
	for _, tt := range tests {
		if a := attempt(tt.caller); a != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, a, tt.want)
		}
	}

	// An untrusted peer's X-Forwarded-For is ignored: every guess counts against it.
	for i := range 10 {
		if a := attempt(srv.through(spoofer, forwardedFor(fmt.Sprintf("192.0.2.%d", i+1)))); a != wrongPassword {
			t.Fatalf("guess %d from the spoofer: %+v", i+1, a)
		}
	}
	if a := attempt(srv.through(spoofer, forwardedFor("192.0.2.99"))); a != throttled {
		t.Errorf("the spoofer's 11th guess under yet another forwarded address: %+v, want %+v", a, throttled)
	}

	secure := []struct {
		name   string
		caller *caller
		want   bool
	}{
		{"a trusted proxy saying https", srv.through(proxy, http.Header{"X-Forwarded-Proto": {"https"}}), true},
		{"a trusted proxy saying http", srv.through(proxy, http.Header{"X-Forwarded-Proto": {"http"}}), false},
		{"a trusted proxy saying nothing", srv.through(proxy, nil), false},
		{"an untrusted peer saying https", srv.through("127.0.0.3", http.Header{"X-Forwarded-Proto": {"https"}}), false},
	}
	for _, tt := range secure {
		cookies := signInCookies(t, tt.caller, adminName, adminPassword)
		for _, name := range []string{"jixiao_session", "jixiao_device"} {
			c, ok := cookies[name]
			if !ok {
				t.Errorf("%s: no %s cookie set", tt.name, name)
			} else if c.Secure != tt.want {
				t.Errorf("%s: %s Secure=%v, want %v", tt.name, name, c.Secure, tt.want)
			}
		}
	}
}

// signInCookies signs in and returns the cookies the answer set, by name.
func signInCookies(t *testing.T, c *caller, username, password string) map[string]*http.Cookie {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": login, "variables": map[string]any{"u": username, "p": password}})
	req, _ := http.NewRequest(http.MethodPost, c.url+"/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out gqlResponse
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Errors) > 0 {
		t.Fatalf("signing in: %v %+v", err, out.Errors)
	}
	cookies := map[string]*http.Cookie{}
	for _, ck := range resp.Cookies() {
		cookies[ck.Name] = ck
	}
	return cookies
}
