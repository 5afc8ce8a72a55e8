package export

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameRunes bounds a file name, extension included.
const maxNameRunes = 120

// Filename is a download's name: the one asked for, or fallback, without path
// separators or control characters, at most 120 characters, ending in the
// format's extension (added unless it is there).
func Filename(asked, fallback, format string) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r == '/' || r == '\\' || r == ':' || r == '"' || r == '*' || r == '?' || r == '<' || r == '>' || r == '|':
			return '_'
		case unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, strings.TrimSpace(asked))
	name = strings.Trim(name, ". ")
	ext := "." + format
	name = strings.TrimSuffix(name, ext)
	if strings.HasSuffix(strings.ToLower(name), ext) {
		name = name[:len(name)-len(ext)]
	}
	if name == "" {
		name = fallback
	}
	if r := []rune(name); len(r) > maxNameRunes-len(ext) {
		name = string(r[:maxNameRunes-len(ext)])
	}
	return name + ext
}

// Disposition is the Content-Disposition of a download named name: an ASCII
// fallback (other characters become _) for old clients, and the name itself
// RFC 5987-encoded (filename*=UTF-8”…), which browsers prefer.
func Disposition(name string) string {
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' {
			return '_'
		}
		return r
	}, name)
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, rfc5987(name))
}

// rfc5987 percent-encodes every byte of s that is not an attr-char of RFC 5987.
func rfc5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
