package webhooks_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"jixiao/ent/webhookdelivery"
	"jixiao/platform/events"
	"jixiao/platform/webhooks"
)

func TestGuardAddresses(t *testing.T) {
	cases := []struct {
		allow, host, addr string
		want              string // the reason refused, "" allowed
	}{
		{"", "127.0.0.1", "127.0.0.1", webhooks.Loopback},
		{"", "localhost", "127.8.9.10", webhooks.Loopback},
		{"", "::1", "::1", webhooks.Loopback},
		{"", "::ffff:127.0.0.1", "::ffff:127.0.0.1", webhooks.Loopback},
		{"", "169.254.169.254", "169.254.169.254", webhooks.LinkLocal},
		{"", "metadata.google.internal", "169.254.169.254", webhooks.LinkLocal},
		{"", "fe80::1", "fe80::1", webhooks.LinkLocal},
		{"", "0.0.0.0", "0.0.0.0", webhooks.Unspecified},
		{"", "::", "::", webhooks.Unspecified},
		{"", "224.0.0.1", "224.0.0.1", webhooks.Multicast},
		{"", "ff02::1", "ff02::1", webhooks.Multicast},
		// Private ranges: a government intranet's receivers.
		{"", "oa.gov.local", "10.1.2.3", ""},
		{"", "192.168.1.20", "192.168.1.20", ""},
		{"", "172.16.0.5", "172.16.0.5", ""},
		{"", "fd00::5", "fd00::5", ""},
		{"", "hooks.example.com", "93.184.216.34", ""},
		// The allow list: by CIDR, by address, by name, by a domain and its names.
		{"127.0.0.0/8", "127.0.0.1", "127.0.0.1", ""},
		{"127.0.0.0/8", "::1", "::1", webhooks.Loopback},
		{"::1, 127.0.0.1", "::1", "::1", ""},
		{"127.0.0.1", "127.0.0.2", "127.0.0.2", webhooks.Loopback},
		{"sidecar.local", "sidecar.local", "127.0.0.1", ""},
		{"sidecar.local", "SIDECAR.local.", "127.0.0.1", ""},
		{"sidecar.local", "other.local", "127.0.0.1", webhooks.Loopback},
		{".svc.local", "hooks.svc.local", "127.0.0.1", ""},
		{".svc.local", "svc.local", "127.0.0.1", ""},
		{".svc.local", "evilsvc.local", "127.0.0.1", webhooks.Loopback},
	}
	for _, c := range cases {
		g, err := webhooks.ParseGuard(c.allow)
		if err != nil {
			t.Fatalf("%q: %v", c.allow, err)
		}
		err = g.CheckAddress(c.host, netip.MustParseAddr(c.addr))
		var r *webhooks.RefusedError
		switch {
		case c.want == "" && err != nil:
			t.Errorf("allow %q: %s at %s refused: %v", c.allow, c.host, c.addr, err)
		case c.want != "" && (!errors.As(err, &r) || r.Reason != c.want || r.Host != c.host):
			t.Errorf("allow %q: %s at %s: %v, want refused as %s", c.allow, c.host, c.addr, err, c.want)
		}
	}
}

func TestParseGuard(t *testing.T) {
	for _, bad := range []string{"10.0.0.0/33", "http://x", "a@b", "."} {
		if _, err := webhooks.ParseGuard(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := webhooks.ParseGuard(" 10.0.0.0/8,\t::1 hooks.local , .svc "); err != nil {
		t.Errorf("a list with spaces: %v", err)
	}
}

func TestGuardURL(t *testing.T) {
	g, _ := webhooks.ParseGuard("")
	ctx := context.Background()
	cases := []struct {
		url    string
		refuse bool
	}{
		{"http://127.0.0.1:8080/hook", true},
		{"http://[::1]/hook", true},
		{"http://169.254.169.254/latest/meta-data/", true},
		{"http://localhost:9000/", true}, // resolves to loopback
		{"https://10.20.30.40/hook", false},
		{"https://192.168.0.10:8443/hook", false},
		{"http://name-that-does-not-resolve.invalid/", false}, // decided at the connection
		{"not a url", false},
	}
	for _, c := range cases {
		err := g.CheckURL(ctx, c.url)
		if c.refuse != webhooks.IsRefused(err) || (!c.refuse && err != nil) {
			t.Errorf("%s: %v, want refused %v", c.url, err, c.refuse)
		}
	}
}

// TestGuardDial: the check is made on the address a delivery's connection
// dials, so a URL that passed when the webhook was saved (or whose name now
// resolves elsewhere) still cannot reach a refused address; allowed, it can.
func TestGuardDial(t *testing.T) {
	c, ctx := open(t)
	secret := "whsec_guard-dial-secret"
	rcv, url := newReceiver(t, secret, func(string, int) int { return http.StatusOK })
	// Saved directly, as if it had passed the mutation's check (a rebinding name).
	w := c.Webhook.Create().SetURL(strings.Replace(url, "127.0.0.1", "localhost", 1)).SetSecret(secret).SaveX(ctx)
	del := c.WebhookDelivery.Create().SetWebhookID(w.ID).SetEventID("e").SetEntityType("Indicator").SetEntityID(1).
		SetAction("UPDATE").SetPayload(`{}`).SetNextAttemptAt(time.Now()).SaveX(ctx)
	guarded := webhooks.NewDispatcher(c, events.NewBus(), slog.New(slog.DiscardHandler), webhooks.Options{Backoff: time.Hour})
	stop, done := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { guarded.Run(stop); close(stopped) }()
	waitFor(t, "the attempt recorded", func() bool {
		d := c.WebhookDelivery.GetX(ctx, del.ID)
		return d.Attempts == 1 && d.Status == webhookdelivery.StatusPENDING
	})
	done()
	<-stopped
	d := c.WebhookDelivery.GetX(ctx, del.ID)
	if d.Status != webhookdelivery.StatusPENDING || !strings.Contains(d.Error, "loopback address") || d.ResponseCode != nil {
		t.Errorf("a delivery to loopback: %s, %q, code %v", d.Status, d.Error, d.ResponseCode)
	}
	rcv.mu.Lock()
	if len(rcv.requests) != 0 {
		t.Errorf("the receiver on loopback got %v", rcv.requests)
	}
	rcv.mu.Unlock()

	// Allowed by name, the same delivery goes through.
	g, _ := webhooks.ParseGuard("localhost")
	c.WebhookDelivery.UpdateOneID(del.ID).SetNextAttemptAt(time.Now()).ExecX(ctx)
	run(t, webhooks.NewDispatcher(c, events.NewBus(), slog.New(slog.DiscardHandler), webhooks.Options{Backoff: time.Hour, Guard: g}))
	select {
	case <-rcv.got:
	case <-time.After(30 * time.Second):
		t.Fatal("the allowed delivery was not sent")
	}
}
