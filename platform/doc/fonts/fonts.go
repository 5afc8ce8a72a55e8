// Package fonts holds the typeface the PDF renderer embeds, inside the binary, so
// that a report renders the same on a machine with no Chinese fonts and no
// internet (see README.md here for the font, its licence and why one face).
package fonts

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sync"
)

// The file is the Debian package's TrueType file, unmodified, gzip-compressed
// to halve what it adds to the binary; it is inflated once, on first use.
//
//go:embed gbsn00lp.ttf.gz
var songGzip []byte

var song = sync.OnceValues(func() ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(songGzip))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
})

// Song is AR PL SungtiL GB (文鼎PL简报宋), a Song (宋体) face covering GB 2312,
// as a TrueType file. The slice is shared: callers must not modify it.
func Song() ([]byte, error) { return song() }
