package pdf

import (
	"bytes"
	"testing"

	"jixiao/platform/doc/doctest"
)

// BenchmarkWrite renders the seed report (3,500+ characters, a table over
// two pages), the fonts already parsed, as a server does after its first
// report; "bytes" is the file's size.
func BenchmarkWrite(b *testing.B) {
	d := doctest.Report()
	if _, err := faces(); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if _, err := Write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}
