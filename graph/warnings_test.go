package graph

import (
	"slices"
	"testing"

	"jixiao/domain/warnings"
	"jixiao/graph/model"
)

// TestWarningCodes: the schema's enum and the package's codes are the same list.
func TestWarningCodes(t *testing.T) {
	var ours, schema []string
	for _, c := range warnings.Codes {
		ours = append(ours, string(c))
		if !model.WarningCode(c).IsValid() {
			t.Errorf("%s is not a WarningCode of the schema", c)
		}
	}
	for _, c := range model.AllWarningCode {
		schema = append(schema, string(c))
	}
	slices.Sort(ours)
	slices.Sort(schema)
	if !slices.Equal(ours, schema) {
		t.Errorf("domain/warnings has %v, the schema %v", ours, schema)
	}
}
