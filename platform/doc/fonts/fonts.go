// Package fonts holds the typefaces the PDF renderer embeds, inside the
// binary, so that a report renders the same on a machine with no Chinese fonts
// and no internet (see README.md here for the fonts, their licences and their
// sizes).
package fonts

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sync"
)

// The files are gzip-compressed, which halves what they add to the binary;
// each is inflated once, on first use.
var (
	//go:embed gbsn00lp.ttf.gz
	songGzip []byte
	//go:embed heigb.ttf.gz
	heiGzip []byte

	song = sync.OnceValues(func() ([]byte, error) { return gunzip(songGzip) })
	hei  = sync.OnceValues(func() ([]byte, error) { return gunzip(heiGzip) })
)

// Song is AR PL SungtiL GB (文鼎PL简报宋), a Song (宋体) face covering GB 2312,
// for body text: Debian's file, unmodified. The slice is shared: callers must
// not modify it.
func Song() ([]byte, error) { return song() }

// Hei is Droid Sans Fallback cut down to GB 2312 and ASCII (subset-hei.py), a
// sans (黑体-like) face for titles and headings. The slice is shared: callers
// must not modify it.
func Hei() ([]byte, error) { return hei() }

func gunzip(data []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
