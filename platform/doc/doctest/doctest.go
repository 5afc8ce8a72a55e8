// Package doctest holds the documents the renderers' tests and benchmarks
// render: the seed's self-evaluation report as a doc.Document.
package doctest

import (
	_ "embed"
	"strings"

	"jixiao/platform/doc"
)

// sample.txt is the seed report's text (../../../../shared/domain), one block
// a line: "#\t一、\t部门基本情况" is a heading (one # a level), "**…**" a bold
// run, "[table]" the indicator table, anything else a paragraph.
//
//go:embed sample.txt
var sample string

// Report is the seed report, 2023年度中国共产党广州市南沙区委员会办公室部门整体支出绩效自评报告:
// 3,500 Chinese characters and more over four levels of headings, with its
// indicator table (18 indicators, merged level cells, a total row). Rendered,
// it fills several A4 pages and the table runs over a page break.
func Report() doc.Document {
	d := doc.Document{
		Title:     "2023年度中国共产党广州市南沙区委员会\n办公室部门整体支出绩效自评报告",
		Signature: []string{"中国共产党广州市南沙区委员会办公室"},
	}
	for _, line := range strings.Split(strings.TrimSpace(sample), "\n") {
		d.Blocks = append(d.Blocks, block(line))
	}
	return d
}

func block(line string) doc.Block {
	if line == "[table]" {
		return IndicatorTable()
	}
	if level := len(line) - len(strings.TrimLeft(line, "#")); level > 0 {
		parts := strings.SplitN(line, "\t", 3)
		return doc.Heading{Level: level, Number: parts[1], Text: parts[2]}
	}
	var p doc.Paragraph
	for i, s := range strings.Split(line, "**") {
		if s != "" {
			p.Runs = append(p.Runs, doc.Run{Text: s, Bold: i%2 == 1})
		}
	}
	return p
}
