package workflow

import (
	"testing"

	"jixiao/ent/evaluation"
	"jixiao/platform/viewer"
)

func TestAllowed(t *testing.T) {
	const (
		draft     = evaluation.StatusDRAFT
		submitted = evaluation.StatusSUBMITTED
		returned  = evaluation.StatusRETURNED
		approved  = evaluation.StatusAPPROVED
		published = evaluation.StatusPUBLISHED
	)
	tests := []struct {
		role     viewer.Role
		from, to evaluation.Status
		want     bool
	}{
		{viewer.Editor, draft, submitted, true},
		{viewer.Editor, returned, submitted, true},
		{viewer.Editor, submitted, approved, false},
		{viewer.Editor, approved, published, false},
		{viewer.Reviewer, submitted, approved, true},
		{viewer.Reviewer, submitted, returned, true},
		{viewer.Reviewer, draft, submitted, false},
		{viewer.Reviewer, approved, published, false}, // publishing is the administrators' alone
		{viewer.Analyst, submitted, approved, false},
	}
	for _, tt := range tests {
		if got := Allowed(tt.role, tt.from, tt.to); got != tt.want {
			t.Errorf("Allowed(%s, %s → %s) = %v, want %v", tt.role, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestNext(t *testing.T) {
	if to, err := Next(Publish, evaluation.StatusAPPROVED); err != nil || to != evaluation.StatusPUBLISHED {
		t.Errorf("Next(PUBLISH, APPROVED) = %s, %v", to, err)
	}
	if _, err := Next(Publish, evaluation.StatusDRAFT); err == nil {
		t.Error("a draft was published")
	}
	for status, locked := range map[evaluation.Status]bool{"DRAFT": false, "RETURNED": false, "SUBMITTED": true, "APPROVED": true, "PUBLISHED": true} {
		if Locked(status) != locked {
			t.Errorf("Locked(%s) = %v", status, !locked)
		}
	}
}
