package store

import (
	"database/sql"
	"runtime"
	"sync"
	"weak"

	"jixiao/ent"
)

// dbs maps each client Open returned to its connection pool: ent.Client does not
// give its driver back. The key is weak and a cleanup drops the entry, so a
// client that is gone leaves nothing behind.
var dbs sync.Map // weak.Pointer[ent.Client] → *sql.DB

func remember(c *ent.Client, db *sql.DB) {
	key := weak.Make(c)
	dbs.Store(key, db)
	runtime.AddCleanup(c, func(k weak.Pointer[ent.Client]) { dbs.Delete(k) }, key)
}

// DB is the connection pool under a client Open returned, for its statistics
// (the operators' metrics); nil for any other client.
func DB(c *ent.Client) *sql.DB {
	if db, ok := dbs.Load(weak.Make(c)); ok {
		return db.(*sql.DB)
	}
	return nil
}
