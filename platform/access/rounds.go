package access

import (
	"context"
	"strings"

	"entgo.io/ent"

	"jixiao/ent/privacy"
	"jixiao/ent/round"
	"jixiao/ent/roundparticipant"
	"jixiao/platform/viewer"
)

// Rounds (工作布置) are the finance bureau's: administrators and reviewers (both 财政局,
// as with the scoring rules and the library) open, change and close them. They are
// read like the data: an editor or a scoped token reads the rounds that include a
// department of its subtree, and of a round only those departments' parts;
// analysts, reviewers, administrators and unrestricted tokens read every round;
// nobody signed in reads none.

// Rounds is the policy of rounds and their participants.
func Rounds() ent.Policy {
	return privacy.Policy{
		Query: privacy.QueryPolicy{readFilter()},
		Mutation: privacy.MutationPolicy{privacy.MutationRuleFunc(func(ctx context.Context, _ ent.Mutation) error {
			v := viewer.FromContext(ctx)
			switch {
			case v.Kind == viewer.Anonymous:
				return ErrUnauthenticated
			case v.Kind == viewer.Token:
				return privacy.Denyf("API tokens are read-only")
			case v.Kind == viewer.System || Bureau(v):
				return privacy.Allow
			}
			return privacy.Denyf("only the finance bureau (administrators and reviewers) opens and changes rounds; %s users read them", strings.ToLower(string(v.Role)))
		})},
	}
}

// roundRows are the rounds a viewer confined to subtree s reads: those including a
// department of it.
func roundRows(s *viewer.Scope) Rows {
	return round.HasParticipantsWith(participantRows(s))
}

// participantRows are the parts of the departments of subtree s.
func participantRows(s *viewer.Scope) Rows {
	return roundparticipant.HasDepartmentWith(within(s))
}
