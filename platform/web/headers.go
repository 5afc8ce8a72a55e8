package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"regexp"
	"strings"
)

// appCSP is the Content-Security-Policy of everything but GraphiQL: scripts,
// connections, fonts and frames from this origin only, no plugins, no framing.
// Styles may be inline because Ant Design writes its CSS into <style> elements
// at run time (CSS-in-JS); scripts may not.
const appCSP = "default-src 'self'; " +
	"script-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; " +
	"font-src 'self' data:; " +
	"connect-src 'self'; " +
	"object-src 'none'; " +
	"base-uri 'self'; " +
	"form-action 'self'; " +
	"frame-ancestors 'none'"

// permissionsPolicy turns off the powerful features the app does not use.
const permissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), " +
	"serial=(), bluetooth=(), hid=(), midi=(), display-capture=()"

// securityHeaders sets the security headers on every response; csp picks the
// Content-Security-Policy for a path.
func securityHeaders(csp func(path string) string, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Permissions-Policy", permissionsPolicy)
		h.Set("Content-Security-Policy", csp(r.URL.Path))
		next.ServeHTTP(w, r)
	})
}

var (
	externalScript = regexp.MustCompile(`<script\s[^>]*\bsrc="([^"]+)"`)
	externalStyle  = regexp.MustCompile(`<link\s[^>]*\bhref="([^"]+)"`)
	inlineScript   = regexp.MustCompile(`(?s)<script>(.*?)</script>`)
)

// pageCSP is the Content-Security-Policy of a page such as GraphiQL's, read off
// the page itself: its external scripts and stylesheets by their exact URLs (the
// page pins each with an integrity hash, which the browser checks), its inline
// scripts by their SHA-256. Inline styles are allowed: GraphiQL's dialogs insert
// <style> elements. Queries go to this origin only.
func pageCSP(page []byte) string {
	scripts := []string{}
	for _, m := range externalScript.FindAllSubmatch(page, -1) {
		scripts = append(scripts, string(m[1]))
	}
	for _, m := range inlineScript.FindAllSubmatch(page, -1) {
		sum := sha256.Sum256(m[1])
		scripts = append(scripts, "'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'")
	}
	styles := []string{"'self'", "'unsafe-inline'"}
	for _, m := range externalStyle.FindAllSubmatch(page, -1) {
		styles = append(styles, string(m[1]))
	}
	if len(scripts) == 0 {
		scripts = []string{"'none'"}
	}
	return "default-src 'self'; " +
		"script-src " + strings.Join(scripts, " ") + "; " +
		"style-src " + strings.Join(styles, " ") + "; " +
		"img-src 'self' data:; " +
		"font-src 'self' data:; " +
		"connect-src 'self'; " +
		"object-src 'none'; " +
		"base-uri 'self'; " +
		"form-action 'self'; " +
		"frame-ancestors 'none'"
}

// render returns the body h answers to GET path: a static page's HTML.
func render(h http.Handler, path string) []byte {
	r, err := http.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		panic(err)
	}
	var page bodyRecorder
	h.ServeHTTP(&page, r)
	return page.body.Bytes()
}

// bodyRecorder is a ResponseWriter that keeps the body.
type bodyRecorder struct {
	header http.Header
	body   bytes.Buffer
}

func (b *bodyRecorder) Header() http.Header {
	if b.header == nil {
		b.header = http.Header{}
	}
	return b.header
}
func (b *bodyRecorder) Write(p []byte) (int, error) { return b.body.Write(p) }
func (b *bodyRecorder) WriteHeader(int)             {}
