package web

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// Which requests go round the request gate: those that would hold a slot for as
// long as their client takes.
func TestLongLived(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header map[string]string
		want   bool
	}{
		{"a query", map[string]string{"Content-Type": "application/json"}, false},
		{"a query with a charset", map[string]string{"Content-Type": "application/json; charset=utf-8"}, false},
		{"a websocket", map[string]string{"Upgrade": "websocket", "Connection": "Upgrade"}, true},
		{"an upload", map[string]string{"Content-Type": "multipart/form-data; boundary=x"}, true},
		{"no content type", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/query", nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			if got := longLived(r); got != tc.want {
				t.Errorf("longLived = %v, want %v", got, tc.want)
			}
		})
	}
}
