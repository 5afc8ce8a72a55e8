// Package workflow is the review workflow of an evaluation: draft → submitted →
// approved or returned → published, and which role below an administrator may
// take each step. Administrators take any step: access.writeRule allows them
// every change before it asks this package.
package workflow

import (
	"fmt"
	"slices"

	"jixiao/ent/evaluation"
	"jixiao/platform/viewer"
)

// Action is one step a user takes.
type Action string

const (
	Submit  Action = "SUBMIT"
	Approve Action = "APPROVE"
	Return  Action = "RETURN"
	Publish Action = "PUBLISH"
)

type step struct {
	from []evaluation.Status
	to   evaluation.Status
	by   []viewer.Role // besides administrators
}

var steps = map[Action]step{
	Submit:  {[]evaluation.Status{evaluation.StatusDRAFT, evaluation.StatusRETURNED}, evaluation.StatusSUBMITTED, []viewer.Role{viewer.Editor}},
	Approve: {[]evaluation.Status{evaluation.StatusSUBMITTED}, evaluation.StatusAPPROVED, []viewer.Role{viewer.Reviewer}},
	Return:  {[]evaluation.Status{evaluation.StatusSUBMITTED}, evaluation.StatusRETURNED, []viewer.Role{viewer.Reviewer}},
	Publish: {[]evaluation.Status{evaluation.StatusAPPROVED}, evaluation.StatusPUBLISHED, nil}, // administrators only
}

// Next returns the status action leads to from status, or an error that says
// from which statuses it can be taken.
func Next(action Action, from evaluation.Status) (evaluation.Status, error) {
	s, ok := steps[action]
	if !ok {
		return "", fmt.Errorf("unknown action %s", action)
	}
	if !slices.Contains(s.from, from) {
		return "", fmt.Errorf("the evaluation is %s; %s is possible only from %v", from, action, s.from)
	}
	return s.to, nil
}

// Allowed reports whether role (an editor or a reviewer; administrators are
// decided before) may move an evaluation from one status to another.
func Allowed(role viewer.Role, from, to evaluation.Status) bool {
	for _, s := range steps {
		if s.to == to && slices.Contains(s.from, from) && slices.Contains(s.by, role) {
			return true
		}
	}
	return false
}

// Locked reports whether an evaluation in status, with its indicators and figures,
// is read-only to editors: from submission until a reviewer returns it.
func Locked(status evaluation.Status) bool {
	return status == evaluation.StatusSUBMITTED || status == evaluation.StatusAPPROVED || status == evaluation.StatusPUBLISHED
}

// Of returns the statuses action can be taken from and the status it leads to.
func Of(action Action) (from []evaluation.Status, to evaluation.Status) {
	s := steps[action]
	return s.from, s.to
}
