package docx

import (
	"bytes"
	"testing"

	"jixiao/platform/doc/doctest"
)

// BenchmarkWrite writes the seed report (3,500+ characters and its table);
// "bytes" is the file's size.
func BenchmarkWrite(b *testing.B) {
	d := doctest.Report()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}
