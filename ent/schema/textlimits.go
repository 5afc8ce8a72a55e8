package schema

import (
	"fmt"
	"unicode/utf8"

	"entgo.io/ent/dialect/entsql"

	"jixiao/platform/inputerr"
)

// Longest texts users may type, in characters (Unicode code points: a Chinese
// character counts one). They bound what one row costs to store and to send: with
// page sizes of up to 1000 rows, an unbounded text made one small query return
// 166 MB. README.md lists them.
const (
	maxSection     = 20000 // a report section: the self-assessment conclusion (the sample report is about 4000 in all)
	maxParagraphs  = 10000 // problems found, improvements, an explanation of low execution
	maxDescription = 5000  // a goal, a department's functions, a key task's content or outcome, a review comment
	maxReason      = 2000  // one indicator's deviation reason or scoring criteria
)

// maxChars refuses a text longer than n characters, saying by how much.
func maxChars(n int) func(string) error {
	return func(s string) error {
		if c := utf8.RuneCountInString(s); c > n {
			return inputerr.Refused(inputerr.TooLong, []string{"max", fmt.Sprint(n), "got", fmt.Sprint(c)},
				"must be at most %d characters, got %d", n, c)
		}
		return nil
	}
}

// columnSize keeps a short text's column size (VARCHAR(n)) where maxChars replaces
// ent's MaxLen, which counts bytes: 300 bytes hold only 100 Chinese characters.
func columnSize(n int) entsql.Annotation { return entsql.Annotation{Size: int64(n)} }
