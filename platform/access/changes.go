package access

import (
	"jixiao/platform/events"
	"jixiao/platform/viewer"
)

// MayHear reports whether v may be told of the committed change e (a
// subscription's notification, a webhook's delivery). It is the read rule of
// e's entity for signed-in callers, decided on the change's place alone, so
// that it costs no query per event and holds for a deleted row as for a live
// one: signed-in callers read by department (everything, or a subtree), so a
// change is theirs to hear when its department is. Users, API tokens and
// webhooks are administrators' alone; the scoring rules and the common
// library, which every signed-in caller reads, are heard by all of them.
// Nobody signed out hears anything: what the public reads depends on an
// evaluation's status, which only a read of the row itself can tell.
func MayHear(v viewer.Viewer, e events.Event) bool {
	switch v.Kind {
	case viewer.System:
		return true
	case viewer.Anonymous:
		return false
	}
	switch e.EntityType {
	case "User", "APIToken", "Webhook", "WebhookDelivery":
		return v.Kind == viewer.User && v.Role == viewer.Admin
	case "AuditRecord":
		return v.Kind == viewer.User && (v.Role == viewer.Admin || v.Role == viewer.Reviewer)
	case "Session", "SignInThrottle":
		return false
	case "RuleSet":
		return true
	case "LibraryIndicator", "LibraryTransition":
		if e.DepartmentID == 0 {
			return true // the common library
		}
	}
	if v.SeesEverything() {
		return true
	}
	return v.Scope != nil && e.Within(v.Scope.Root, v.Scope.Prefix)
}
