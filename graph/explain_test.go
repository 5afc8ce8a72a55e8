package graph

import (
	"slices"
	"testing"

	"jixiao/domain/scoring"
	"jixiao/graph/model"
)

// TestExplanationCodes: the schema's ExplanationCode is exactly the codes package scoring gives
// its steps, so that no step is ever written as an invalid enum value.
func TestExplanationCodes(t *testing.T) {
	for _, c := range scoring.StepCodes {
		if !model.ExplanationCode(c).IsValid() {
			t.Errorf("scoring's step code %s is not in the schema's ExplanationCode", c)
		}
	}
	for _, c := range model.AllExplanationCode {
		if !slices.Contains(scoring.StepCodes, scoring.StepCode(c)) {
			t.Errorf("the schema's ExplanationCode %s is no step code of scoring", c)
		}
	}
}
