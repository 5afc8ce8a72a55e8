package app

import (
	"fmt"
	"strconv"
	"strings"
)

// parseSize reads a size in bytes: a whole number, or one with a unit (KiB, MiB,
// GiB; KB, MB and GB are read as the same binary units, as Windows and most
// users mean them), spaces allowed between.
func parseSize(s string) (int64, error) {
	text := strings.TrimSpace(s)
	units := []struct {
		suffix string
		shift  uint
	}{{"kib", 10}, {"mib", 20}, {"gib", 30}, {"kb", 10}, {"mb", 20}, {"gb", 30}, {"k", 10}, {"m", 20}, {"g", 30}, {"b", 0}}
	lower := strings.ToLower(text)
	var shift uint
	for _, u := range units {
		if strings.HasSuffix(lower, u.suffix) {
			lower, shift = strings.TrimSpace(strings.TrimSuffix(lower, u.suffix)), u.shift
			break
		}
	}
	n, err := strconv.ParseInt(lower, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)>>shift {
		return 0, fmt.Errorf("want a positive size such as 20MiB or 1048576, got %q", s)
	}
	return n << shift, nil
}
