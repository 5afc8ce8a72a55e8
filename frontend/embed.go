// Package frontend embeds the single-page app's built assets (frontend/dist) so
// that the Go binary serves them at /. Until the SPA is built, dist holds a page
// that points to GraphiQL.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built assets, index.html at the root.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embed pattern above guarantees the directory
	}
	return sub
}
