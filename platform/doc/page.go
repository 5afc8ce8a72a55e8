package doc

// The layout both renderers follow, that of an official document (GB/T
// 9704-2012, 党政机关公文格式): A4, a text block of 156 × 225 mm, the body in
// 三号 (16 pt) on 22 lines a page, the title in 二号, page numbers in 四号
// under the text block as "— 1 —". Lengths are in millimetres, sizes and
// pitches in points.
const (
	PageWidth, PageHeight = 210.0, 297.0
	MarginTop             = 37.0
	MarginBottom          = 35.0
	MarginLeft            = 28.0
	MarginRight           = 26.0

	TitleSize   = 22.0 // 二号
	TitlePitch  = 36.0
	BodySize    = 16.0  // 三号
	BodyPitch   = 28.95 // 22 lines in the 225 mm text height (637.8 pt), as Word sets it: 579 twips
	CaptionSize = 14.0  // 四号: a table's title
	TableSize   = 10.5  // 五号: tables hold many columns
	TablePitch  = 15.0
	FooterSize  = 14.0 // 四号
	// FooterDrop is how far under the text block the page number's line sits
	// (GB/T 9704: 一字线上距版心下边缘 7 mm).
	FooterDrop = 7.0
)

// Points is a length in millimetres as points.
func Points(mm float64) float64 { return mm * 72 / 25.4 }

// Twips is a length in millimetres as twentieths of a point (Word's unit).
func Twips(mm float64) int { return int(mm*1440/25.4 + 0.5) }
