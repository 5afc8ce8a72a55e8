package gctune

import "testing"

func TestFor(t *testing.T) {
	for _, tc := range []struct {
		name string
		env  map[string]string
		want Settings
	}{
		{"defaults", nil, Settings{Percent, MemoryLimit}},
		{"operator's GOGC", map[string]string{"GOGC": "100"}, Settings{MemoryLimit: MemoryLimit}},
		{"GOGC=off is the operator's too", map[string]string{"GOGC": "off"}, Settings{MemoryLimit: MemoryLimit}},
		{"operator's GOMEMLIMIT", map[string]string{"GOMEMLIMIT": "1GiB"}, Settings{Percent: Percent}},
		{"both", map[string]string{"GOGC": "200", "GOMEMLIMIT": "1GiB"}, Settings{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := For(func(k string) string { return tc.env[k] }); got != tc.want {
				t.Errorf("For(%v) = %+v, want %+v", tc.env, got, tc.want)
			}
		})
	}
}
