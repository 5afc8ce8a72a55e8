package loader

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

// A request's loaders are made once, when first asked for, and shared by every
// resolver of the request; a request that asks for none makes none.
func TestLoadersMadeOnFirstUse(t *testing.T) {
	for _, tc := range []struct {
		name  string
		asks  int
		makes int
	}{
		{"no resolver asks", 0, 0},
		{"one asks", 1, 1},
		{"many ask at once", 50, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			made := 0
			mw := with(func() *Loaders {
				mu.Lock()
				defer mu.Unlock()
				made++
				return &Loaders{}
			})
			seen := make(chan *Loaders, tc.asks)
			h := mw(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var wg sync.WaitGroup
				for range tc.asks {
					wg.Go(func() { seen <- For(r.Context()) })
				}
				wg.Wait()
			}))
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/query", nil))
			close(seen)
			var first *Loaders
			for l := range seen {
				if first == nil {
					first = l
				}
				if l != first {
					t.Error("two resolvers of one request got different loaders")
				}
			}
			if made != tc.makes {
				t.Errorf("made loaders %d times, want %d", made, tc.makes)
			}
		})
	}
}

func TestForWithoutLoadersPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("For on a context without loaders did not panic")
		}
	}()
	For(t.Context())
}
