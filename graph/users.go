package graph

import (
	"errors"
	"fmt"

	"github.com/vektah/gqlparser/v2/gqlerror"

	"jixiao/ent"
	"jixiao/platform/store"
)

// usernameTaken names the username a new user cannot have: the unique index is on
// its case-folded key (username_key), which is no field a client knows.
func usernameTaken(err error, username string) error {
	var conflict *ent.ConstraintError
	if !errors.As(err, &conflict) {
		return err
	}
	if col := store.UniqueColumn(conflict); col != "username" && col != "username_key" {
		return err
	}
	return &gqlerror.Error{
		Message:    fmt.Sprintf("username: %q is taken: another user has it, or the same name in other letter case", username),
		Extensions: map[string]any{"code": CodeConflict, "field": "username"},
	}
}
