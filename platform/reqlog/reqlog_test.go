package reqlog

import (
	"context"
	"strings"
	"testing"

	"jixiao/platform/viewer"
)

func TestOperation(t *testing.T) {
	type op struct{ name, code string }
	tests := []struct {
		name string
		ops  []op
		want Fields
	}{
		{"none", nil, Fields{}},
		{"one", []op{{"Departments", OK}}, Fields{GraphQL: true, Operation: "Departments", Code: OK}},
		{"anonymous", []op{{"", "BAD_REQUEST"}}, Fields{GraphQL: true, Code: "BAD_REQUEST"}},
		{"an export's pages: the first error stays", []op{{"Rows", OK}, {"Rows", "TIMEOUT"}, {"Rows", "INTERNAL"}},
			Fields{GraphQL: true, Operation: "Rows", Code: "TIMEOUT"}},
		{"a long name is cut", []op{{strings.Repeat("n", 300), OK}}, Fields{GraphQL: true, Operation: strings.Repeat("n", maxName), Code: OK}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, e := NewContext(context.Background())
			for _, o := range tt.ops {
				e.Operation(o.name, o.code)
			}
			if got := e.Fields(); got != tt.want {
				t.Errorf("%+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestViewer(t *testing.T) {
	tests := []struct {
		v    viewer.Viewer
		want string
	}{
		{viewer.Viewer{}, "anonymous"},
		{viewer.Viewer{Kind: viewer.User, ID: 7, Name: "editor", Role: viewer.Editor}, "user:7:editor"},
		{viewer.Viewer{Kind: viewer.Token, ID: 3, Name: "token ci"}, "token:3"},
		{viewer.NewSystem("demo"), "system:demo"},
	}
	for _, tt := range tests {
		ctx, _ := NewContext(context.Background())
		e := FromContext(ctx)
		e.Viewer(tt.v)
		if got := e.Fields().Viewer; got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.v, got, tt.want)
		}
	}
}

// Outside a request there is no entry, and noting does nothing.
func TestNoEntry(t *testing.T) {
	e := FromContext(context.Background())
	e.Operation("X", OK)
	e.Viewer(viewer.Viewer{})
	if e != nil || e.Fields() != (Fields{}) {
		t.Errorf("an entry outside a request: %+v", e.Fields())
	}
}
