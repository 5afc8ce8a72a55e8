package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// Cache-Control of the app's files. Files under assets/ carry a hash of their
// content in their name (Vite), so a name never changes meaning: a browser keeps
// them a year without asking again. Pages (index.html, graphiql.html) name the
// current assets, so a browser revalidates them on every load (ETag: a 304 when
// nothing changed).
const (
	cacheImmutable  = "public, max-age=31536000, immutable"
	cacheRevalidate = "no-cache"
)

// hashedDir is the folder of the hashed, immutable files.
const hashedDir = "assets/"

// encodings are the precompressed variants the build writes next to a file
// (name.br, name.gz), in the order they are preferred.
var encodings = []struct{ name, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// variant is one stored representation of a file: identity or precompressed.
type variant struct {
	path     string // in the file system
	encoding string // "" for identity
	etag     string
	size     int64
}

// asset is a file the app serves and its representations, best first.
type asset struct {
	contentType string
	variants    []variant // identity last
}

// assets serves the built app out of a file system (the embedded frontend/dist/app):
// precompressed variants chosen by Accept-Encoding, a year's caching for hashed
// files, revalidation for pages, ETags and conditional requests, HEAD, 404 for a
// missing file and index.html for a client-side route.
type assets struct {
	files  fs.FS
	byName map[string]*asset
	err    error // reading the file system failed: every request says so
}

// newAssets reads the names, sizes and hashes of the files once: they are
// embedded and do not change while the server runs.
func newAssets(files fs.FS) *assets {
	a := &assets{files: files, byName: map[string]*asset{}}
	a.err = a.index()
	return a
}

func (a *assets) index() error {
	present := map[string]bool{}
	err := fs.WalkDir(a.files, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			present[name] = true
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("listing the app's files: %w", err)
	}
	for name := range present {
		if isVariant(name, present) {
			continue
		}
		f := &asset{contentType: contentType(name)}
		for _, e := range encodings {
			if present[name+e.suffix] {
				v, err := a.variant(name+e.suffix, e.name)
				if err != nil {
					return err
				}
				f.variants = append(f.variants, v)
			}
		}
		v, err := a.variant(name, "")
		if err != nil {
			return err
		}
		f.variants = append(f.variants, v)
		a.byName[name] = f
	}
	return nil
}

// isVariant tells a precompressed copy (x.js.br next to x.js) from a file.
func isVariant(name string, present map[string]bool) bool {
	for _, e := range encodings {
		if base, ok := strings.CutSuffix(name, e.suffix); ok && present[base] {
			return true
		}
	}
	return false
}

func (a *assets) variant(name, encoding string) (variant, error) {
	data, err := fs.ReadFile(a.files, name)
	if err != nil {
		return variant{}, fmt.Errorf("reading the app's file %s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	return variant{
		path:     name,
		encoding: encoding,
		etag:     `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`,
		size:     int64(len(data)),
	}, nil
}

// contentType is a file's media type by its extension; text types say UTF-8.
func contentType(name string) string {
	switch path.Ext(name) {
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// ServeHTTP answers the app's paths: a file by its name, a path that names a
// file which is not there with 404, and any other path (a client-side route)
// with index.html.
func (a *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	switch {
	case name == "":
		a.serve(w, r, "index.html")
	case a.byName[name] != nil || looksLikeFile(name):
		a.serve(w, r, name) // the file, or 404
	default:
		a.serve(w, r, "index.html")
	}
}

// looksLikeFile is a path that names a file rather than a client-side route:
// one under the hashed folder, or one with an extension. The app's routes
// (/departments, /evaluations/12) have neither.
func looksLikeFile(name string) bool {
	return name+"/" == hashedDir || strings.HasPrefix(name, hashedDir) || path.Ext(name) != ""
}

// Page serves one named file (graphiql.html at /graphiql) whatever the path;
// index.html when the build has no such page (the "not built" notice).
func (a *assets) Page(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a.byName[name] == nil && a.byName["index.html"] != nil {
			name = "index.html"
		}
		a.serve(w, r, name)
	})
}

func (a *assets) serve(w http.ResponseWriter, r *http.Request, name string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if a.err != nil {
		http.Error(w, "cannot serve the app: "+a.err.Error(), http.StatusInternalServerError)
		return
	}
	f := a.byName[name]
	if f == nil {
		http.Error(w, "not found: /"+name+" is not a file of this build of the app (reload the page if the app was upgraded)", http.StatusNotFound)
		return
	}
	v := f.variants[len(f.variants)-1]
	if len(f.variants) > 1 {
		accepted := acceptedEncodings(r.Header.Get("Accept-Encoding"))
		for _, c := range f.variants {
			if c.encoding != "" && accepted[c.encoding] {
				v = c
				break
			}
		}
	}
	data, err := fs.ReadFile(a.files, v.path)
	if err != nil {
		http.Error(w, "cannot read /"+v.path+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	if len(f.variants) > 1 {
		h.Set("Vary", "Accept-Encoding")
	}
	if v.encoding != "" {
		h.Set("Content-Encoding", v.encoding)
		// ServeContent leaves the length of an encoded body to the caller, and a
		// range of a compressed copy is of no use to a browser: the whole copy.
		h.Set("Content-Length", strconv.FormatInt(v.size, 10))
		r = r.Clone(r.Context())
		r.Header.Del("Range")
	}
	if strings.HasPrefix(name, hashedDir) {
		h.Set("Cache-Control", cacheImmutable)
	} else {
		h.Set("Cache-Control", cacheRevalidate)
	}
	h.Set("ETag", v.etag)
	// ServeContent answers conditional (If-None-Match: 304) and range requests,
	// HEAD, and sets Content-Length.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// acceptedEncodings are the content codings an Accept-Encoding header accepts
// (q > 0), lower case; "*" accepts every coding it does not name with q=0.
func acceptedEncodings(header string) map[string]bool {
	named := map[string]bool{}
	star := false
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		ok := true
		for _, p := range strings.Split(params, ";") {
			k, val, found := strings.Cut(strings.TrimSpace(p), "=")
			if found && strings.EqualFold(strings.TrimSpace(k), "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
				ok = err == nil && q > 0
			}
		}
		if coding == "*" {
			star = ok
			continue
		}
		named[coding] = ok
	}
	accepted := map[string]bool{}
	for _, e := range encodings {
		if ok, isNamed := named[e.name]; isNamed {
			accepted[e.name] = ok
		} else {
			accepted[e.name] = star
		}
	}
	return accepted
}
