package evidence

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// zipped is a ZIP archive holding the named (empty) files.
func zipped(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte("<x/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestInspect(t *testing.T) {
	pdf := []byte("%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n")
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00")
	jpeg := []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01")
	gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	webp := []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00")
	docx := zipped(t, "[Content_Types].xml", "word/document.xml")
	xlsx := zipped(t, "[Content_Types].xml", "xl/workbook.xml")
	plainZip := zipped(t, "readme.txt")
	oleFile := append(append([]byte{}, oleMagic...), make([]byte, 504)...)
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xFF\xFF"), make([]byte, 64)...)
	html := []byte("<!DOCTYPE html><html><script>alert(1)</script></html>")
	utf8Text := []byte("指标,实际完成值\n业务岗位培训人数,90\n")
	gbkText := []byte{0xD6, 0xB8, 0xB1, 0xEA, ',', '9', '0', '\n'} // 指标,90 in GBK

	for _, tt := range []struct {
		name        string
		data        []byte
		wantName    string
		contentType string
		code        string
		detected    string
	}{
		{"自评报告.pdf", pdf, "自评报告.pdf", "application/pdf", "", ""},
		{"照片.PNG", png, "照片.PNG", "image/png", "", ""},
		{"现场.jpeg", jpeg, "现场.jpeg", "image/jpeg", "", ""},
		{"a.jpg", jpeg, "a.jpg", "image/jpeg", "", ""},
		{"a.gif", gif, "a.gif", "image/gif", "", ""},
		{"a.webp", webp, "a.webp", "image/webp", "", ""},
		{"培训签到表.docx", docx, "培训签到表.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "", ""},
		{"台账.xlsx", xlsx, "台账.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "", ""},
		{"演示.pptx", docx, "演示.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "", ""},
		{"旧表.xls", oleFile, "旧表.xls", "application/vnd.ms-excel", "", ""},
		{"旧文.doc", oleFile, "旧文.doc", "application/msword", "", ""},
		{"旧稿.ppt", oleFile, "旧稿.ppt", "application/vnd.ms-powerpoint", "", ""},
		{"说明.txt", utf8Text, "说明.txt", "text/plain; charset=utf-8", "", ""},
		{"数据.csv", utf8Text, "数据.csv", "text/csv; charset=utf-8", "", ""},
		{"数据.csv", gbkText, "数据.csv", "text/csv", "", ""}, // not UTF-8: no charset claimed
		// Refusals: disguised, unknown, empty.
		{"report.pdf", exe, "", "", CodeNotAllowed, "application/octet-stream"},
		{"report.pdf", html, "", "", CodeNotAllowed, "text/html"},
		{"notes.txt", html, "", "", CodeNotAllowed, "text/html"},
		{"report.pdf", png, "", "", CodeMismatch, "image/png"},
		{"report.docx", plainZip, "", "", CodeNotAllowed, "application/zip"},
		{"report.docx", pdf, "", "", CodeMismatch, "application/pdf"},
		{"report.xlsx", oleFile, "", "", CodeMismatch, "application/x-ole-storage"},
		{"report.doc", docx, "", "", CodeMismatch, "application/x-ooxml"},
		{"setup.exe", exe, "", "", CodeNotAllowed, "application/octet-stream"},
		{"scan", pdf, "", "", CodeNotAllowed, "application/pdf"},
		{"page.html", html, "", "", CodeNotAllowed, "text/html"},
		{"archive.zip", plainZip, "", "", CodeNotAllowed, "application/zip"},
		{"empty.pdf", nil, "", "", CodeEmpty, ""},
	} {
		f, r := Inspect(tt.name, tt.data)
		switch {
		case tt.code == "" && r != nil:
			t.Errorf("%s: refused: %s", tt.name, r.Text)
		case tt.code == "" && (f.Name != tt.wantName || f.ContentType != tt.contentType):
			t.Errorf("%s: %+v, want %s %s", tt.name, f, tt.wantName, tt.contentType)
		case tt.code != "" && r == nil:
			t.Errorf("%s: accepted as %+v, want %s", tt.name, f, tt.code)
		case tt.code != "" && (r.Code != tt.code || r.Params["detected"] != tt.detected || r.Params["name"] != tt.name):
			t.Errorf("%s: %s %v, want %s detected %q", tt.name, r.Code, r.Params, tt.code, tt.detected)
		case tt.code != "" && !strings.Contains(r.Text, tt.name):
			t.Errorf("%s: the message does not name the file: %s", tt.name, r.Text)
		}
	}
}

func TestTooLarge(t *testing.T) {
	r := TooLarge("现场照片.jpg", 26542080, 20<<20)
	want := "现场照片.jpg is 25.31 MiB (26542080 bytes); an attachment may be at most 20 MiB (20971520 bytes)"
	if r.Code != CodeTooLarge || r.Text != want || r.Params["size"] != "26542080" || r.Params["max"] != "20971520" || r.Params["name"] != "现场照片.jpg" {
		t.Errorf("%s %v %q", r.Code, r.Params, r.Text)
	}
}

func TestSanitizeName(t *testing.T) {
	long := strings.Repeat("长", 300)
	for _, tt := range []struct{ in, want string }{
		{"自评报告.pdf", "自评报告.pdf"},
		{`C:\Users\li\Desktop\签到表.xlsx`, "签到表.xlsx"},
		{"../../etc/passwd", "passwd"},
		{"evil\u202Efdp.exe", "evilfdp.exe"},
		{"a\x00b\r\n.txt", "ab.txt"},
		{`报告<终稿>:v2?.docx`, "报告_终稿__v2_.docx"},
		{"  会议纪要 .pdf . ", "会议纪要.pdf"},
		{".pdf", "附件.pdf"},
		{"", "附件"},
		{"...", "附件"},
		{"cafe\u0301.png", "café.png"}, // NFC
		{"tab\there.pdf", "tab here.pdf"},
		{long + ".pdf", strings.Repeat("长", 196) + ".pdf"},
	} {
		if got := SanitizeName(tt.in); got != tt.want {
			t.Errorf("SanitizeName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 1536: "1.5 KiB", 20 << 20: "20 MiB", 21000000: "20.03 MiB", 1 << 30: "1 GiB"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestExtensions(t *testing.T) {
	got := strings.Join(Extensions(), " ")
	if got != ".pdf .png .jpg .jpeg .gif .webp .docx .xlsx .pptx .doc .xls .ppt .txt .csv" {
		t.Error(got)
	}
}
