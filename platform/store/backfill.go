package store

import (
	"context"
	"fmt"

	"jixiao/ent"
	"jixiao/ent/schema"
	"jixiao/ent/user"
	"jixiao/platform/access"
)

// backfill fills what a schema change added to rows written before it: the
// case-folded username_key that makes usernames unique regardless of case.
// It is idempotent, and a no-op once every row has its values.
func backfill(ctx context.Context, c *ent.Client) error {
	ctx = access.System(ctx, "migrate")
	users, err := c.User.Query().Where(user.UsernameKeyIsNil()).All(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		key, err := schema.UsernameKey(u.Username)
		if err != nil {
			continue // a name the new rules refuse keeps signing in by its exact spelling
		}
		taken, err := c.User.Query().Where(user.UsernameKey(key)).Exist(ctx)
		if err != nil {
			return err
		}
		if taken {
			continue // two old accounts whose names differ only in case: both keep theirs
		}
		if err := c.User.UpdateOne(u).SetUsernameKey(key).Exec(ctx); err != nil {
			return fmt.Errorf("username_key of user %d: %w", u.ID, err)
		}
	}
	return nil
}
