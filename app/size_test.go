package app

import "testing"

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"20MiB": 20 << 20, "20 MB": 20 << 20, "512kb": 512 << 10, "1048576": 1 << 20, "1GiB": 1 << 30, "3m": 3 << 20, "100B": 100} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-5MiB", "20 TB", "1.5MiB", "MiB", "2000GiB"} {
		if got, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) = %d, want an error", in, got)
		}
	}
}
