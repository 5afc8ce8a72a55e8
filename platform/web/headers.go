package web

import "net/http"

// appCSP is the Content-Security-Policy of every response, the app's pages and
// the embedded GraphiQL explorer alike: scripts, connections, fonts and frames
// from this origin only, no plugins, no framing. Styles may be inline because Ant
// Design writes its CSS into <style> elements at run time (CSS-in-JS), and
// GraphiQL sets style attributes; scripts may not.
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
