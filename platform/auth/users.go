package auth

import (
	"context"

	"jixiao/ent"
	"jixiao/ent/user"
)

// NewUser is what creating a user takes.
type NewUser struct {
	Username, DisplayName string
	Role                  user.Role
	DepartmentID          *int // required for editors
	Password              string
}

// CreateUser creates a user through client, storing only the password's hash. The
// access rules of ctx apply: through the API only administrators may.
func CreateUser(ctx context.Context, client *ent.Client, u NewUser) (*ent.User, error) {
	hash, err := HashPassword(ctx, u.Password)
	if err != nil {
		return nil, err
	}
	return client.User.Create().SetUsername(u.Username).SetDisplayName(u.DisplayName).SetRole(u.Role).
		SetNillableDepartmentID(u.DepartmentID).SetPasswordHash(hash).Save(ctx)
}

// CreateAPIToken creates a read-only token for an integration, optionally limited
// to a department subtree, and returns the token itself: only its digest is kept,
// so this is the one time it can be shown.
func CreateAPIToken(ctx context.Context, client *ent.Client, name string, departmentID *int, createdBy int) (string, *ent.APIToken, error) {
	secret := "jx_" + NewSecret(24)
	t, err := client.APIToken.Create().SetName(name).SetPrefix(secret[:9]).SetTokenHash(Digest(secret)).
		SetNillableDepartmentID(departmentID).SetCreatedByID(createdBy).Save(ctx)
	return secret, t, err
}
