package report

import (
	"slices"
	"strconv"
	"strings"
)

// The sections whose text the department writes, per kind of report, and where
// each is kept. Everything else the generator writes alone. Keys are stable:
// a section the data may leave out (满意度 indicators) never takes another's key.
var writable = map[Kind]map[string]Store{
	Department: {
		"1.1": StoreReportText, "1.2": StoreReportText, "1.4": StoreReportText,
		"1.5": StoreReportText, "1.5.1": StoreReportText, "1.5.2": StoreReportText,
		"1.5.3": StoreReportText, "1.5.4": StoreReportText, "1.5.5": StoreReportText,
		"2.1": StoreConclusion, "2.2": StoreReportText,
		"2.3.1": StoreReportText, "2.3.2.2": StoreReportText, "2.3.3": StoreReportText,
		"2.3.4": StoreReportText, "2.3.5": StoreReportText, "2.3.6": StoreReportText,
		"2.3.7": StoreReportText,
		"3":     StoreProblems, "4": StoreImprovements,
	},
	Project: {
		"1.1": StoreReportText, "2.2": StoreReportText,
		"3.1": StoreConclusion, "4": StoreProblems, "5": StoreImprovements,
	},
}

// Writable reports where the department's text of section key is kept in a
// report of kind; ok is false when the generator writes that section alone.
func Writable(kind Kind, key string) (store Store, ok bool) {
	store, ok = writable[kind][key]
	return store, ok
}

// WritableKeys lists the sections of kind that take the department's text, in key order.
func WritableKeys(kind Kind) []string {
	var keys []string
	for k := range writable[kind] {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, compareKeys)
	return keys
}

// compareKeys orders "2.3.10" after "2.3.9".
func compareKeys(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, _ := strconv.Atoi(as[i])
		y, _ := strconv.Atoi(bs[i])
		if x != y {
			return x - y
		}
	}
	return len(as) - len(bs)
}

// section starts a section; its number and level are set by numberSections once the
// document is complete.
func section(key, title string, children ...*Section) *Section {
	return &Section{Key: key, Title: title, Sections: children}
}

// add appends sub-sections, leaving out nil ones (sections the data leaves out).
func (s *Section) add(children ...*Section) *Section {
	for _, c := range children {
		if c != nil {
			s.Sections = append(s.Sections, c)
		}
	}
	return s
}

// generated appends paragraphs the generator wrote from the data.
func (s *Section) generated(texts ...string) *Section {
	for _, t := range texts {
		if t != "" {
			s.Paragraphs = append(s.Paragraphs, Paragraph{Text: t, Generated: true})
		}
	}
	return s
}

// stored appends a text people stored elsewhere (a goal, a key task's outcome),
// one paragraph per line, behind an optional lead ("主要实施内容：").
func (s *Section) stored(lead, text string) *Section {
	for i, p := range paragraphs(text) {
		if i == 0 {
			p = lead + p
		}
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: p})
	}
	return s
}

// slot appends the department's text of the section as the texts hold it, or,
// while it has written none, the draft. A draft is generated unless it is a text
// people stored elsewhere (the department's functions) offered as a start.
func (s *Section) slot(kind Kind, texts Texts, draft string, draftGenerated bool) *Section {
	store, ok := Writable(kind, s.Key)
	if !ok {
		panic("report: section " + s.Key + " takes no department text") // a mistake in this package
	}
	written := ""
	switch store {
	case StoreReportText:
		written = texts.Sections[s.Key]
	case StoreConclusion:
		written = texts.Conclusion
	case StoreProblems:
		written = texts.Problems
	case StoreImprovements:
		written = texts.Improvements
	}
	written = strings.TrimSpace(written)
	s.Text = &Slot{Store: store, Written: written, Draft: strings.TrimSpace(draft)}
	if written != "" {
		for _, p := range paragraphs(written) {
			s.Paragraphs = append(s.Paragraphs, Paragraph{Text: p})
		}
		return s
	}
	for _, p := range paragraphs(draft) {
		s.Paragraphs = append(s.Paragraphs, Paragraph{Text: p, Generated: draftGenerated, Draft: true})
	}
	return s
}

// numberSections gives every section its level and printed number by its place: 一、
// （一） 1. （1）, as the seed report numbers them.
func numberSections(sections []*Section) {
	var walk func([]*Section, int)
	walk = func(ss []*Section, level int) {
		for i, s := range ss {
			s.Level = level
			switch n := i + 1; level {
			case 1:
				s.Number = chineseNumeral(n) + "、"
			case 2:
				s.Number = "（" + chineseNumeral(n) + "）"
			case 3:
				s.Number = strconv.Itoa(n) + "."
			default:
				s.Number = "（" + strconv.Itoa(n) + "）"
			}
			walk(s.Sections, level+1)
		}
	}
	walk(sections, 1)
}
