package webhooks

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// Guard keeps webhooks from being used to reach the server itself or its
// cloud's metadata service (server-side request forgery): it refuses the
// addresses no receiver of a government intranet has, loopback (127.0.0.0/8,
// ::1), link-local (169.254.0.0/16, which holds the cloud metadata service
// 169.254.169.254, and fe80::/10), unspecified (0.0.0.0/8, ::) and multicast
// (224.0.0.0/4, ff00::/8), unless an allow list names them. Private ranges
// (10/8, 172.16/12, 192.168/16, fc00::/7) are allowed: the receivers of a
// government intranet live there.
//
// The check is made when the webhook is created or changed (its host resolved
// then) and again at every delivery's connection (the dialer's Control, on the
// address actually dialled), so a name that resolves elsewhere later (DNS
// rebinding) gains nothing.
type Guard struct {
	nets  []netip.Prefix
	hosts []string // lower case; ".example.gov" also names its subdomains
}

// ParseGuard reads an allow list: CIDRs ("127.0.0.0/8"), addresses ("::1") and
// host names ("hooks.local", or ".svc.local" for every name under svc.local),
// separated by commas or spaces. An empty list allows none of the refused ranges.
func ParseGuard(list string) (*Guard, error) {
	g := &Guard{}
	for _, item := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' }) {
		switch {
		case strings.Contains(item, "/"):
			p, err := netip.ParsePrefix(item)
			if err != nil {
				return nil, fmt.Errorf("webhook allow list: %q is not a CIDR such as 127.0.0.0/8", item)
			}
			g.nets = append(g.nets, p.Masked())
		default:
			if a, err := netip.ParseAddr(strings.Trim(item, "[]")); err == nil {
				g.nets = append(g.nets, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
				continue
			}
			name := strings.ToLower(strings.TrimSuffix(item, "."))
			if strings.ContainsAny(name, ":/@?#") || strings.Trim(name, ".") == "" {
				return nil, fmt.Errorf("webhook allow list: %q is neither a CIDR, an address nor a host name", item)
			}
			g.hosts = append(g.hosts, name)
		}
	}
	return g, nil
}

// refusedRanges are the ranges no webhook is sent to unless allowed, with why.
var refusedRanges = []struct {
	prefix netip.Prefix
	reason string
}{
	{netip.MustParsePrefix("127.0.0.0/8"), Loopback},
	{netip.MustParsePrefix("::1/128"), Loopback},
	{netip.MustParsePrefix("169.254.0.0/16"), LinkLocal},
	{netip.MustParsePrefix("fe80::/10"), LinkLocal},
	{netip.MustParsePrefix("0.0.0.0/8"), Unspecified},
	{netip.MustParsePrefix("::/128"), Unspecified},
	{netip.MustParsePrefix("224.0.0.0/4"), Multicast},
	{netip.MustParsePrefix("ff00::/8"), Multicast},
	{netip.MustParsePrefix("255.255.255.255/32"), Multicast}, // the broadcast address: no receiver either
}

// Why an address is refused.
const (
	Loopback    = "LOOPBACK"
	LinkLocal   = "LINK_LOCAL"
	Unspecified = "UNSPECIFIED"
	Multicast   = "MULTICAST"
)

// RefusedError is a webhook address the guard refuses.
type RefusedError struct {
	Host    string // as the URL names it
	Address string // the address it is, or resolves to
	Reason  string // LOOPBACK, LINK_LOCAL, UNSPECIFIED or MULTICAST
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("webhook host %s is %s, a %s address: webhooks are not sent there unless the server's webhook allow list (--webhook-allow-hosts) names it",
		e.Host, e.Address, strings.ToLower(strings.ReplaceAll(e.Reason, "_", "-")))
}

// reason is why a is refused, "" when it is not.
func (g *Guard) reason(a netip.Addr) string {
	a = a.Unmap()
	for _, p := range g.nets {
		if p.Contains(a) {
			return ""
		}
	}
	for _, r := range refusedRanges {
		if r.prefix.Contains(a) {
			return r.reason
		}
	}
	return ""
}

// hostAllowed reports whether the allow list names host.
func (g *Guard) hostAllowed(host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, h := range g.hosts {
		if host == h || (strings.HasPrefix(h, ".") && (strings.HasSuffix(host, h) || host == h[1:])) {
			return true
		}
	}
	return false
}

// CheckAddress refuses address a of host.
func (g *Guard) CheckAddress(host string, a netip.Addr) error {
	if why := g.reason(a); why != "" && !g.hostAllowed(host) {
		return &RefusedError{Host: host, Address: a.Unmap().String(), Reason: why}
	}
	return nil
}

// CheckURL refuses a webhook URL whose host is, or resolves to, a refused
// address. A name that does not resolve now is accepted: the check at each
// delivery's connection decides then.
func (g *Guard) CheckURL(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return nil // the webhook's own validation says what is wrong with it
	}
	host := u.Hostname()
	if g.hostAllowed(host) {
		return nil
	}
	if a, err := netip.ParseAddr(host); err == nil {
		return g.CheckAddress(host, a)
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil
	}
	for _, a := range addrs {
		if err := g.CheckAddress(host, a); err != nil {
			return err
		}
	}
	return nil
}

// Client is an HTTP client that follows no redirect, uses no proxy, and dials
// only the addresses the guard lets through, checked on the address each
// connection actually dials.
func (g *Guard) Client() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil // a proxy would dial the receiver on the guard's behalf, unchecked
	t.DialContext = g.DialContext
	return &http.Client{Transport: t, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// DialContext dials addr ("host:port") as net.Dialer does, refusing the
// connection to a refused address (unless the allow list names the host).
func (g *Guard) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	if !g.hostAllowed(host) {
		d.Control = func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("webhook connection to %s: %w", address, err)
			}
			return g.CheckAddress(host, ap.Addr())
		}
	}
	return d.DialContext(ctx, network, addr)
}

// IsRefused reports whether err is (or wraps) a refusal of the guard.
func IsRefused(err error) bool {
	var r *RefusedError
	return errors.As(err, &r)
}
