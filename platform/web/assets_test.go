package web

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"testing/fstest"
)

// testApp is a build of the app: a page, a hashed script with its gzip and
// brotli copies (their bytes stand for the compressed ones), a stylesheet with
// gzip only, the explorer's page.
func testApp() fstest.MapFS {
	return fstest.MapFS{
		"index.html":               {Data: []byte("<!doctype html><title>app</title>")},
		"index.html.gz":            {Data: []byte("GZ-index")},
		"graphiql.html":            {Data: []byte("<!doctype html><title>graphiql</title>")},
		"favicon.svg":              {Data: []byte("<svg/>")},
		"assets/index-Ab12.js":     {Data: []byte("console.log('identity')")},
		"assets/index-Ab12.js.br":  {Data: []byte("BR")},
		"assets/index-Ab12.js.gz":  {Data: []byte("GZIP")},
		"assets/style-Cd34.css":    {Data: []byte("body{margin:0}")},
		"assets/style-Cd34.css.gz": {Data: []byte("GZ-css")},
		"assets/orphan.js.br":      {Data: []byte("a variant without its file")},
	}
}

func TestAssets(t *testing.T) {
	h := newAssets(testApp())
	graphiql := h.Page("graphiql.html")
	tests := []struct {
		name, method, path, acceptEncoding string
		explorer                           bool // ask the /graphiql handler
		status                             int
		body, contentType, encoding, cache string
		vary                               bool
	}{
		{name: "hashed script, brotli preferred", path: "/assets/index-Ab12.js", acceptEncoding: "gzip, deflate, br",
			status: 200, body: "BR", contentType: "text/javascript; charset=utf-8", encoding: "br", cache: cacheImmutable, vary: true},
		{name: "gzip when brotli is not accepted", path: "/assets/index-Ab12.js", acceptEncoding: "gzip, deflate",
			status: 200, body: "GZIP", contentType: "text/javascript; charset=utf-8", encoding: "gzip", cache: cacheImmutable, vary: true},
		{name: "brotli refused by q=0", path: "/assets/index-Ab12.js", acceptEncoding: "br;q=0, gzip;q=0.5",
			status: 200, body: "GZIP", contentType: "text/javascript; charset=utf-8", encoding: "gzip", cache: cacheImmutable, vary: true},
		{name: "a star accepts brotli", path: "/assets/index-Ab12.js", acceptEncoding: "*",
			status: 200, body: "BR", contentType: "text/javascript; charset=utf-8", encoding: "br", cache: cacheImmutable, vary: true},
		{name: "a star with gzip refused", path: "/assets/index-Ab12.js", acceptEncoding: "BR;q=0, *;q=1, gzip;q=0",
			status: 200, body: "console.log('identity')", contentType: "text/javascript; charset=utf-8", cache: cacheImmutable, vary: true},
		{name: "identity without Accept-Encoding", path: "/assets/index-Ab12.js",
			status: 200, body: "console.log('identity')", contentType: "text/javascript; charset=utf-8", cache: cacheImmutable, vary: true},
		{name: "only gzip stored", path: "/assets/style-Cd34.css", acceptEncoding: "br, gzip",
			status: 200, body: "GZ-css", contentType: "text/css; charset=utf-8", encoding: "gzip", cache: cacheImmutable, vary: true},
		{name: "HEAD has no body", method: "HEAD", path: "/assets/index-Ab12.js", acceptEncoding: "br",
			status: 200, body: "", contentType: "text/javascript; charset=utf-8", encoding: "br", cache: cacheImmutable, vary: true},
		{name: "the app at /", path: "/", acceptEncoding: "gzip",
			status: 200, body: "GZ-index", contentType: "text/html; charset=utf-8", encoding: "gzip", cache: cacheRevalidate, vary: true},
		{name: "a client-side route gets index.html", path: "/evaluations/12/report",
			status: 200, body: "<!doctype html><title>app</title>", contentType: "text/html; charset=utf-8", cache: cacheRevalidate, vary: true},
		{name: "index.html by name", path: "/index.html",
			status: 200, body: "<!doctype html><title>app</title>", contentType: "text/html; charset=utf-8", cache: cacheRevalidate, vary: true},
		{name: "a file outside assets/ is revalidated", path: "/favicon.svg",
			status: 200, body: "<svg/>", contentType: "image/svg+xml", cache: cacheRevalidate},
		{name: "the explorer", path: "/graphiql", explorer: true,
			status: 200, body: "<!doctype html><title>graphiql</title>", contentType: "text/html; charset=utf-8", cache: cacheRevalidate},
		{name: "a missing hashed script is 404, not the app", path: "/assets/EvaluationPage-old.js",
			status: 404, body: "not found: /assets/EvaluationPage-old.js is not a file of this build of the app (reload the page if the app was upgraded)\n"},
		{name: "a missing file anywhere is 404", path: "/robots.txt", status: 404,
			body: "not found: /robots.txt is not a file of this build of the app (reload the page if the app was upgraded)\n"},
		{name: "the assets folder itself is 404", path: "/assets/", status: 404,
			body: "not found: /assets is not a file of this build of the app (reload the page if the app was upgraded)\n"},
		{name: "a variant is not a file of its own", path: "/assets/index-Ab12.js.br", status: 404,
			body: "not found: /assets/index-Ab12.js.br is not a file of this build of the app (reload the page if the app was upgraded)\n"},
		{name: "a variant without its file is served as what it is", path: "/assets/orphan.js.br",
			status: 200, body: "a variant without its file", contentType: "application/octet-stream", cache: cacheImmutable},
		{name: "dot segments stay inside", path: "/assets/../index.html", status: 200,
			body: "<!doctype html><title>app</title>", contentType: "text/html; charset=utf-8", cache: cacheRevalidate, vary: true},
		{name: "no writes", method: "POST", path: "/assets/index-Ab12.js", status: 405, body: "method not allowed\n"},
		{name: "no writes to a route", method: "PUT", path: "/departments", status: 405, body: "method not allowed\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = http.MethodGet
			}
			r := httptest.NewRequest(method, tt.path, nil)
			if tt.acceptEncoding != "" {
				r.Header.Set("Accept-Encoding", tt.acceptEncoding)
			}
			w := httptest.NewRecorder()
			if tt.explorer {
				graphiql.ServeHTTP(w, r)
			} else {
				h.ServeHTTP(w, r)
			}
			resp := w.Result()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || string(body) != tt.body {
				t.Fatalf("%s %s = %d %q; want %d %q", method, tt.path, resp.StatusCode, body, tt.status, tt.body)
			}
			if tt.status != 200 {
				if got := resp.Header.Get("Cache-Control"); got != "" {
					t.Errorf("an error is cached: Cache-Control %q", got)
				}
				return
			}
			for header, want := range map[string]string{
				"Content-Type":     tt.contentType,
				"Content-Encoding": tt.encoding,
				"Cache-Control":    tt.cache,
			} {
				if got := resp.Header.Get(header); got != want {
					t.Errorf("%s %q, want %q", header, got, want)
				}
			}
			if got := resp.Header.Get("Vary") == "Accept-Encoding"; got != tt.vary {
				t.Errorf("Vary %q, want Accept-Encoding: %v", resp.Header.Get("Vary"), tt.vary)
			}
			length := len(tt.body)
			if method == http.MethodHead {
				length = len("BR")
			}
			if got := resp.Header.Get("Content-Length"); got != strconv.Itoa(length) {
				t.Errorf("Content-Length %q, want %d", got, length)
			}
			if resp.Header.Get("ETag") == "" {
				t.Error("no ETag")
			}
		})
	}
}

// A browser that has a file asks again with its ETag and gets 304, per
// representation: the gzip copy's tag does not validate the brotli copy.
func TestAssetsConditional(t *testing.T) {
	h := newAssets(testApp())
	get := func(path, acceptEncoding, ifNoneMatch string) *http.Response {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.Header.Set("Accept-Encoding", acceptEncoding)
		if ifNoneMatch != "" {
			r.Header.Set("If-None-Match", ifNoneMatch)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Result()
	}
	br := get("/assets/index-Ab12.js", "br", "").Header.Get("ETag")
	gz := get("/assets/index-Ab12.js", "gzip", "").Header.Get("ETag")
	page := get("/", "", "").Header.Get("ETag")
	if br == "" || gz == "" || br == gz {
		t.Fatalf("ETags br %q gzip %q: want two different tags", br, gz)
	}
	tests := []struct {
		name, path, acceptEncoding, ifNoneMatch string
		status                                  int
	}{
		{"same representation", "/assets/index-Ab12.js", "br", br, http.StatusNotModified},
		{"one of a list", "/assets/index-Ab12.js", "gzip", `"x", ` + gz, http.StatusNotModified},
		{"another representation's tag", "/assets/index-Ab12.js", "br", gz, http.StatusOK},
		{"a stale tag", "/assets/index-Ab12.js", "br", `"stale"`, http.StatusOK},
		{"the page revalidated", "/", "", page, http.StatusNotModified},
		{"a route revalidates as the page", "/departments", "", page, http.StatusNotModified},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := get(tt.path, tt.acceptEncoding, tt.ifNoneMatch)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
			}
			if tt.status == http.StatusNotModified && len(body) != 0 {
				t.Errorf("a 304 with a body: %q", body)
			}
		})
	}
}

func TestAcceptedEncodings(t *testing.T) {
	tests := []struct {
		header   string
		br, gzip bool
	}{
		{"", false, false},
		{"gzip, deflate, br", true, true},
		{"gzip, deflate, br, zstd", true, true},
		{"identity", false, false},
		{"gzip;q=0", false, false},
		{"br;q=0.001", true, false},
		{"br ; q = 0.5 , gzip;q=1.0", true, true},
		{"br;q=nonsense", false, false},
		{"*;q=0", false, false},
		{"*, br;q=0", false, true},
		{"GZIP", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			got := acceptedEncodings(tt.header)
			if got["br"] != tt.br || got["gzip"] != tt.gzip {
				t.Errorf("br %v gzip %v, want %v %v", got["br"], got["gzip"], tt.br, tt.gzip)
			}
		})
	}
}

// A file system that cannot be read makes every request say so.
func TestAssetsUnreadable(t *testing.T) {
	h := newAssets(brokenFS{})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	want := "cannot serve the app: listing the app's files: open .: permission denied\n"
	if w.Code != http.StatusInternalServerError || w.Body.String() != want {
		t.Errorf("= %d %q, want 500 %q", w.Code, w.Body.String(), want)
	}
}

// brokenFS refuses every file.
type brokenFS struct{}

func (brokenFS) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
}
