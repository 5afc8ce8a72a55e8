package demo

import (
	"context"

	"jixiao/ent"
	"jixiao/ent/department"
	"jixiao/ent/user"
	"jixiao/platform/access"
	"jixiao/platform/auth"
)

// Account is a demo sign-in, to print once: only its hash is stored.
type Account struct {
	Role     user.Role
	Username string
	Password string
}

// accounts are the demo's users: one per role; the editor edits the office.
var accounts = []struct {
	role     user.Role
	username string
	name     string
	office   bool
}{
	{user.RoleADMIN, "admin", "财政局管理员", false},
	{user.RoleREVIEWER, "reviewer", "财政局审核员", false},
	{user.RoleEDITOR, "editor", "区委办填报员", true},
	{user.RoleANALYST, "analyst", "绩效分析员", false},
}

// CreateAccounts creates one account per role with a fresh random password, in one
// transaction, and returns the credentials.
func CreateAccounts(ctx context.Context, client *ent.Client) ([]Account, error) {
	ctx = access.System(ctx, "demo")
	office, err := client.Department.Query().Where(department.Code(OfficeCode)).OnlyID(ctx)
	if err != nil {
		return nil, err
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	var out []Account
	for _, a := range accounts {
		nu := auth.NewUser{Username: a.username, DisplayName: a.name, Role: a.role, Password: auth.NewSecret(12)}
		if a.office {
			nu.DepartmentID = &office
		}
		if _, err := auth.CreateUser(ctx, tx.Client(), nu); err != nil {
			return nil, rollback(tx, err)
		}
		password := nu.Password
		out = append(out, Account{Role: a.role, Username: a.username, Password: password})
	}
	return out, tx.Commit()
}
