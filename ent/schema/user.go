package schema

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"golang.org/x/text/secure/precis"

	gen "jixiao/ent"
	"jixiao/ent/hook"
	"jixiao/ent/privacy"
	"jixiao/ent/session"
	"jixiao/ent/user"
	"jixiao/platform/access"
	"jixiao/platform/inputerr"
)

// User is a person who signs in. Each has one role; an editor edits one department subtree.
type User struct{ ent.Schema }

func (User) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, AuditMixin{}} }

func (User) Fields() []ent.Field {
	noInput := entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)
	return []ent.Field{
		field.String("username").NotEmpty().Validate(maxChars(64)).Annotations(columnSize(64)).Unique().Validate(ValidUsername).
			Annotations(entgql.OrderField("USERNAME")),
		// Unique: usernames differ by more than case or width ("Editor" is "editor").
		// Optional only for rows written before it existed; the hook always sets it.
		field.String("username_key").Optional().Unique().Annotations(entgql.Skip(entgql.SkipAll)).
			Comment("the username case-folded (PRECIS UsernameCaseMapped): what sign-in looks up"),
		field.String("display_name").Default("").Validate(maxChars(100)).Annotations(columnSize(100)),
		field.Enum("role").Values("ADMIN", "REVIEWER", "EDITOR", "ANALYST").
			Annotations(entgql.Type("Role"), entgql.OrderField("ROLE")),
		field.Int("department_id").Optional().Nillable().
			Comment("an editor's department: the root of the subtree they edit"),
		// An argon2id hash; the password itself is never stored or logged.
		field.String("password_hash").Sensitive().Annotations(entgql.Skip(entgql.SkipAll)),
		field.Bool("disabled").Default(false),
		field.Time("last_login_at").Optional().Nillable().Annotations(noInput),
	}
}

func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("department", Department.Type).Field("department_id").Unique(),
	}
}

func (User) Policy() ent.Policy { return access.AdminOnly() }

func (User) Hooks() []ent.Hook {
	return []ent.Hook{userRules(), usernameKey(), keepAnAdministrator(), endSessions()}
}

func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.QueryField(), entgql.RelayConnection(), entgql.MultiOrder()}
}

// ValidUsername refuses what would make two names look alike or hide in a log:
// surrounding spaces, control and format characters, and anything PRECIS
// (RFC 8265) does not allow in a username, such as inner spaces.
func ValidUsername(name string) error {
	if !utf8.ValidString(name) {
		return fmt.Errorf("%q is not valid UTF-8", name)
	}
	if strings.TrimFunc(name, unicode.IsSpace) != name {
		return fmt.Errorf("%q has spaces around it; remove them", name)
	}
	for _, r := range name {
		if unicode.In(r, unicode.Cc, unicode.Cf) {
			return fmt.Errorf("%q contains the control character %U", name, r)
		}
	}
	if _, err := UsernameKey(name); err != nil {
		return fmt.Errorf("%q may hold letters, digits and symbols such as . _ - @, but no spaces", name)
	}
	return nil
}

// UsernameKey is what two usernames share when they name the same person: the
// PRECIS case-mapped form ("Editor" and "ｅｄｉｔｏｒ" are "editor").
func UsernameKey(name string) (string, error) {
	return precis.UsernameCaseMapped.String(name)
}

// usernameKey keeps username_key in step with username.
func usernameKey() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.UserFunc(func(ctx context.Context, m *gen.UserMutation) (ent.Value, error) {
			if name, ok := m.Username(); ok {
				if err := ValidUsername(name); err != nil {
					return nil, inputerr.New("username", "%v", err)
				}
				key, _ := UsernameKey(name)
				m.SetUsernameKey(key)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate|ent.OpUpdateOne)
}

// keepAnAdministrator refuses the change that would leave no active administrator:
// nobody could manage users any more.
func keepAnAdministrator() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.UserFunc(func(ctx context.Context, m *gen.UserMutation) (ent.Value, error) {
			role, demoted := m.Role()
			disabled, _ := m.Disabled()
			demoted = demoted && role != user.RoleADMIN
			if !demoted && !disabled {
				return next.Mutate(ctx, m)
			}
			id, _ := m.ID()
			sys := privacy.DecisionContext(ctx, privacy.Allow)
			// Lock the active administrators (PostgreSQL; SQLite's immediate transaction
			// already serializes writers) so that two of them cannot demote each other at once.
			admins, err := m.Client().User.Query().Where(user.RoleEQ(user.RoleADMIN), user.Disabled(false)).
				Modify(func(s *entsql.Selector) {
					if s.Dialect() != dialect.SQLite {
						s.ForUpdate()
					}
				}).Select(user.FieldID).Ints(sys)
			if err != nil {
				return nil, err
			}
			if len(admins) == 1 && admins[0] == id {
				field := "disabled"
				if demoted {
					field = "role"
				}
				return nil, inputerr.New(field, "user %d is the last active administrator; make another user an administrator first", id)
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpUpdateOne)
}

// endSessions signs a user out everywhere, in the same transaction, when their
// password or role changes or they are disabled: a session must not outlive the
// grounds it was granted on.
func endSessions() ent.Hook {
	return hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.UserFunc(func(ctx context.Context, m *gen.UserMutation) (ent.Value, error) {
			end, err := groundsChange(ctx, m)
			if err != nil {
				return nil, err
			}
			v, err := next.Mutate(ctx, m)
			if err != nil || !end {
				return v, err
			}
			id, _ := m.ID()
			_, err = m.Client().Session.Delete().Where(session.UserID(id)).Exec(privacy.DecisionContext(ctx, privacy.Allow))
			return v, err
		})
	}, ent.OpUpdateOne)
}

// groundsChange reports whether m changes the password or the role, or disables the user.
func groundsChange(ctx context.Context, m *gen.UserMutation) (bool, error) {
	if _, ok := m.PasswordHash(); ok {
		return true, nil
	}
	if d, ok := m.Disabled(); ok && d {
		return true, nil
	}
	role, ok := m.Role()
	if !ok {
		return false, nil
	}
	old, err := m.OldRole(ctx)
	if err != nil {
		return false, errors.Join(errors.New("reading the user's role"), err)
	}
	return old != role, nil
}
