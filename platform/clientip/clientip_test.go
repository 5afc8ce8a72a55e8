package clientip_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"jixiao/platform/clientip"
)

func TestParse(t *testing.T) {
	tests := []struct {
		list    string
		trusted []string
		not     []string
		err     string // a part of the error, "" for none
	}{
		{list: "", not: []string{"127.0.0.1", "::1"}},
		{list: " , ", not: []string{"127.0.0.1"}},
		{list: "127.0.0.1", trusted: []string{"127.0.0.1"}, not: []string{"127.0.0.2", "::1"}},
		{list: "127.0.0.1/32, 10.0.0.0/8", trusted: []string{"127.0.0.1", "10.1.2.3"}, not: []string{"11.0.0.1", "127.0.0.2"}},
		{list: "::1,fd00::/8", trusted: []string{"::1", "fd12::5"}, not: []string{"fe80::1", "127.0.0.1"}},
		{list: "::ffff:10.0.0.1", trusted: []string{"10.0.0.1", "::ffff:10.0.0.1"}},
		{list: "10.0.0.0/8", trusted: []string{"::ffff:10.9.9.9"}},
		{list: "10.0.0.0/33", err: `"10.0.0.0/33" is not an IP address or a CIDR range`},
		{list: "127.0.0.1,nginx", err: `"nginx" is not an IP address`},
		{list: "10.0.0.1/8", err: `"10.0.0.1/8" has address bits beyond its /8: write 10.0.0.0/8, or the single address 10.0.0.1`},
		{list: "fe80::1%eth0", err: `"fe80::1%eth0" is not an IP address`},
		{list: "127.0.0.1:8080", err: `"127.0.0.1:8080" is not an IP address`},
	}
	for _, tt := range tests {
		p, err := clientip.Parse(tt.list)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Parse(%q): error %v, want one saying %s", tt.list, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.list, err)
			continue
		}
		for _, a := range tt.trusted {
			if !p.Trusts(mustAddr(t, a)) {
				t.Errorf("Parse(%q) does not trust %s", tt.list, a)
			}
		}
		for _, a := range tt.not {
			if p.Trusts(mustAddr(t, a)) {
				t.Errorf("Parse(%q) trusts %s", tt.list, a)
			}
		}
	}
}

func TestResolve(t *testing.T) {
	const proxies = "127.0.0.1/32, 10.0.0.0/8, fd00::/8"
	tests := []struct {
		name   string
		peer   string
		xff    []string // X-Forwarded-For lines
		proto  []string // X-Forwarded-Proto lines
		tls    bool
		client string
		https  bool
	}{
		{name: "direct", peer: "203.0.113.9:5000", client: "203.0.113.9"},
		{name: "direct over TLS", peer: "203.0.113.9:5000", tls: true, client: "203.0.113.9", https: true},
		{name: "untrusted peer: spoofed headers ignored", peer: "203.0.113.9:5000",
			xff: []string{"198.51.100.1"}, proto: []string{"https"}, client: "203.0.113.9"},
		{name: "untrusted IPv6 peer: spoofed headers ignored", peer: "[2001:db8::9]:443",
			xff: []string{"127.0.0.1"}, proto: []string{"https"}, client: "2001:db8::9"},
		{name: "trusted peer without headers is the client", peer: "127.0.0.1:40000", client: "127.0.0.1"},
		{name: "trusted peer", peer: "127.0.0.1:40000", xff: []string{"198.51.100.1"}, proto: []string{"https"},
			client: "198.51.100.1", https: true},
		{name: "trusted peer saying http", peer: "127.0.0.1:40000", xff: []string{"198.51.100.1"}, proto: []string{"http"},
			client: "198.51.100.1"},
		{name: "proto is case-insensitive", peer: "127.0.0.1:1", proto: []string{"HTTPS"}, client: "127.0.0.1", https: true},
		{name: "a client's own entries left of the right-most are ignored", peer: "127.0.0.1:40000",
			xff: []string{"1.1.1.1, 2.2.2.2, 198.51.100.1"}, client: "198.51.100.1"},
		{name: "a client spoofing a trusted address on the left", peer: "127.0.0.1:40000",
			xff: []string{"10.0.0.1, 198.51.100.1"}, client: "198.51.100.1"},
		{name: "chain of trusted proxies", peer: "127.0.0.1:40000",
			xff: []string{"1.1.1.1, 198.51.100.1, 10.0.0.7, 10.0.0.8"}, client: "198.51.100.1"},
		{name: "chain over several header lines", peer: "127.0.0.1:40000",
			xff: []string{"1.1.1.1, 198.51.100.1", "10.0.0.7"}, client: "198.51.100.1"},
		{name: "only trusted hops: the left-most", peer: "10.0.0.9:1", xff: []string{"10.0.0.1, 10.0.0.2"}, client: "10.0.0.1"},
		{name: "IPv6 client behind IPv6 proxies", peer: "[fd00::1]:40000",
			xff: []string{"2001:db8::1, fd00::2"}, client: "2001:db8::1"},
		{name: "IPv6 with brackets and port", peer: "[fd00::1]:40000", xff: []string{"[2001:db8::1]:5555"}, client: "2001:db8::1"},
		{name: "IPv4 with port", peer: "127.0.0.1:1", xff: []string{"198.51.100.1:5555"}, client: "198.51.100.1"},
		{name: "IPv4-mapped peer", peer: "[::ffff:127.0.0.1]:1", xff: []string{"198.51.100.1"}, client: "198.51.100.1"},
		{name: "IPv4-mapped client", peer: "127.0.0.1:1", xff: []string{"::ffff:198.51.100.1"}, client: "198.51.100.1"},
		{name: "garbage from a trusted hop: the nearest vouched address", peer: "127.0.0.1:1",
			xff: []string{"198.51.100.1, unknown, 10.0.0.5"}, client: "10.0.0.5"},
		{name: "garbage right after the peer", peer: "127.0.0.1:1", xff: []string{"not-an-ip"}, client: "127.0.0.1"},
		{name: "proto: the peer's value, the right-most", peer: "127.0.0.1:1", proto: []string{"https, http"}, client: "127.0.0.1"},
		{name: "proto over lines", peer: "127.0.0.1:1", proto: []string{"http", "https"}, client: "127.0.0.1", https: true},
		{name: "TLS to us stays HTTPS whatever a proxy says", peer: "127.0.0.1:1", proto: []string{"http"}, tls: true,
			client: "127.0.0.1", https: true},
		{name: "no TCP peer", peer: "@", xff: []string{"198.51.100.1"}, client: "@"},
	}
	p, err := clientip.Parse(proxies)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.RemoteAddr = tt.peer
		for _, v := range tt.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		for _, v := range tt.proto {
			r.Header.Add("X-Forwarded-Proto", v)
		}
		r.TLS = nil
		if tt.tls {
			r.TLS = &tls.ConnectionState{}
		}
		got := p.Resolve(r)
		if got.Addr != tt.client || got.HTTPS != tt.https {
			t.Errorf("%s: %+v, want client %s, HTTPS %v", tt.name, got, tt.client, tt.https)
		}
	}
}

// Middleware's answer reaches the handler; without it, Of trusts nobody.
func TestMiddleware(t *testing.T) {
	p, err := clientip.Parse("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = "127.0.0.1:1"
	r.Header.Set("X-Forwarded-For", "198.51.100.1")
	r.Header.Set("X-Forwarded-Proto", "https")
	if c := clientip.Of(r); c.Addr != "127.0.0.1" || c.HTTPS {
		t.Errorf("outside the middleware: %+v, want the peer, not HTTPS", c)
	}
	var got clientip.Client
	clientip.Middleware(p, http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
		got = clientip.Client{Addr: clientip.Address(r), HTTPS: clientip.HTTPS(r)}
	})).ServeHTTP(httptest.NewRecorder(), r)
	if got.Addr != "198.51.100.1" || !got.HTTPS {
		t.Errorf("inside the middleware: %+v", got)
	}
}

func mustAddr(t *testing.T, s string) netip.Addr {
	t.Helper()
	a, err := netip.ParseAddr(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
