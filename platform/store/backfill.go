package store

import (
	"context"
	"database/sql"
	"fmt"

	"jixiao/domain/kept"
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

// keptVersion numbers the definition of the kept values (package kept): a
// database marked with an older one, or none, was written before the columns
// existed or under other rules, and its values are recomputed once at start.
const keptVersion = 1

// backfillKept recomputes every kept value of a database whose kept_marks table
// (created by a migration)
// says it was not computed by this version, then marks it. Two servers starting
// at once both recompute; the repair writes the same values twice.
func backfillKept(ctx context.Context, db *sql.DB, c *ent.Client) error {
	var marked sql.NullInt64
	if err := db.QueryRowContext(ctx, `SELECT MAX(version) FROM kept_marks`).Scan(&marked); err != nil {
		return err
	}
	if marked.Valid && marked.Int64 >= keptVersion {
		return nil
	}
	if _, err := kept.Check(access.System(ctx, "migrate"), c, true, nil); err != nil {
		return fmt.Errorf("recomputing kept values: %w", err)
	}
	_, err := db.ExecContext(ctx, `INSERT INTO kept_marks (version) VALUES (`+fmt.Sprint(keptVersion)+`)`)
	return err
}
