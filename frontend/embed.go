// Package frontend embeds the single-page app built into frontend/dist/app (make
// frontend, which the run and test commands call) so that the Go binary serves it.
package frontend

import (
	"embed"
	"io/fs"
)

// dist holds .gitkeep in a fresh checkout and the built app in dist/app after a build.
//
//go:embed all:dist
var dist embed.FS

// notBuilt is served when the binary was compiled before the app was built.
//
//go:embed notbuilt
var notBuilt embed.FS

// Dist returns the built app, index.html at the root, or a one-page notice when
// the binary was built without it.
func Dist() fs.FS {
	app, err := fs.Sub(dist, "dist/app")
	if err == nil {
		if _, err := fs.Stat(app, "index.html"); err == nil {
			return app
		}
	}
	page, _ := fs.Sub(notBuilt, "notbuilt")
	return page
}
