// Package clientip tells who is at the other end of a request that may have come
// through reverse proxies: the client's address (for the sign-in throttle and the
// access log) and whether the browser used HTTPS (for the Secure cookie).
//
// X-Forwarded-For and X-Forwarded-Proto are believed only when the direct peer is
// one of the operator's trusted proxies (--trusted-proxies): anyone else can write
// them, and believing a client's own X-Forwarded-For would let it pick a fresh
// sign-in bucket for every guess.
package clientip

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the trusted proxies' addresses; the zero value trusts none.
type Proxies struct{ prefixes []netip.Prefix }

// Parse reads a comma-separated list of IP addresses and CIDR ranges
// ("127.0.0.1/32,10.0.0.0/8,::1"); an empty list trusts no proxy. The error
// names the value it could not read.
func Parse(list string) (Proxies, error) {
	var p Proxies
	for item := range strings.SplitSeq(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		prefix, err := parseOne(item)
		if err != nil {
			return Proxies{}, err
		}
		p.prefixes = append(p.prefixes, prefix)
	}
	return p, nil
}

func parseOne(item string) (netip.Prefix, error) {
	if !strings.Contains(item, "/") {
		a, err := netip.ParseAddr(item)
		if err != nil || a.Zone() != "" {
			return netip.Prefix{}, fmt.Errorf("%q is not an IP address or a CIDR range (e.g. 10.0.0.1 or 10.0.0.0/8)", item)
		}
		a = a.Unmap()
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	p, err := netip.ParsePrefix(item)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not an IP address or a CIDR range (e.g. 10.0.0.1 or 10.0.0.0/8)", item)
	}
	// 10.0.0.1/8 is most likely a typo for 10.0.0.1/32 or 10.0.0.0/8: ask which.
	if p.Masked() != p {
		return netip.Prefix{}, fmt.Errorf("%q has address bits beyond its /%d: write %s, or the single address %s", item, p.Bits(), p.Masked(), p.Addr())
	}
	return p, nil
}

// Trusts reports whether addr is one of the trusted proxies.
func (p Proxies) Trusts(addr netip.Addr) bool {
	addr = addr.Unmap().WithZone("")
	for _, prefix := range p.prefixes {
		if prefix.Contains(addr) {
			return true
		}
	}
	return false
}

// Empty reports whether no proxy is trusted.
func (p Proxies) Empty() bool { return len(p.prefixes) == 0 }

// Client is what a request says about its client, once proxies are accounted for.
type Client struct {
	Addr  string // the client's IP address; RemoteAddr as it is when it holds none
	HTTPS bool   // the browser reached the first trusted hop (or us) over HTTPS
}

// Resolve decides who the client of r is. Without a trusted direct peer it is
// the peer itself, and only r.TLS tells HTTPS. From a trusted peer it is the
// right-most address of X-Forwarded-For that is not itself a trusted proxy (each
// proxy appends its own peer, so everything left of that address was written by
// the client and proves nothing), and X-Forwarded-Proto's right-most value, the
// one the peer set, tells HTTPS.
func (p Proxies) Resolve(r *http.Request) Client {
	c := Client{Addr: r.RemoteAddr, HTTPS: r.TLS != nil}
	peer, ok := parseAddr(r.RemoteAddr)
	if !ok {
		return c // not TCP (a test's httptest.NewRequest gives an address; a unix socket does not)
	}
	c.Addr = peer.String()
	if !p.Trusts(peer) {
		return c
	}
	if proto, ok := last(r.Header.Values("X-Forwarded-Proto")); ok {
		c.HTTPS = c.HTTPS || strings.EqualFold(proto, "https")
	}
	hops := split(r.Header.Values("X-Forwarded-For"))
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseAddr(hops[i])
		if !ok {
			break // a trusted hop passed on garbage: keep the nearest address we can vouch for
		}
		c.Addr = a.String()
		if !p.Trusts(a) {
			break
		}
	}
	return c
}

// parseAddr reads an IP address, with or without a port ("[::1]:80", "1.2.3.4:5"),
// IPv4-mapped IPv6 addresses as IPv4 and without an IPv6 zone.
func parseAddr(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if host, _, err := net.SplitHostPort(s); err == nil {
		s = host
	}
	a, err := netip.ParseAddr(strings.Trim(s, "[]"))
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

// split is the comma-separated items of every header line, in order.
func split(lines []string) []string {
	var out []string
	for _, l := range lines {
		for item := range strings.SplitSeq(l, ",") {
			if item = strings.TrimSpace(item); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

func last(lines []string) (string, bool) {
	items := split(lines)
	if len(items) == 0 {
		return "", false
	}
	return items[len(items)-1], true
}

type ctxKey struct{}

// Middleware resolves each request's client once and keeps it in the request's
// context for Of, Address and HTTPS.
func Middleware(p Proxies, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c := p.Resolve(r)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), ctxKey{}, c)))
	})
}

// Of is the client Middleware resolved for r; outside it, r's direct peer, with
// no proxy trusted.
func Of(r *http.Request) Client {
	if c, ok := r.Context().Value(ctxKey{}).(Client); ok {
		return c
	}
	return Proxies{}.Resolve(r)
}

// Address is the client's IP address (see Of).
func Address(r *http.Request) string { return Of(r).Addr }

// HTTPS reports whether the client reached us over HTTPS, directly or through a
// trusted proxy that says so (see Of).
func HTTPS(r *http.Request) bool { return Of(r).HTTPS }
