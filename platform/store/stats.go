package store

import (
	"database/sql"
	"runtime"
	"sync"
	"weak"

	entsql "entgo.io/ent/dialect/sql"

	"jixiao/ent"
)

// dbs maps each client Open returned to its driver: ent.Client does not give it
// back, and the pool's statistics and the readiness check need it. The key is weak and a cleanup drops the entry, so a
// client that is gone leaves nothing behind.
var dbs sync.Map // weak.Pointer[ent.Client] → *entsql.Driver

func remember(c *ent.Client, drv *entsql.Driver) {
	key := weak.Make(c)
	dbs.Store(key, drv)
	runtime.AddCleanup(c, func(k weak.Pointer[ent.Client]) { dbs.Delete(k) }, key)
}

// DB is the connection pool under a client Open returned, for its statistics
// (the operators' metrics); nil for any other client.
func DB(c *ent.Client) *sql.DB {
	if drv := driverOf(c); drv != nil {
		return drv.DB()
	}
	return nil
}

func driverOf(c *ent.Client) *entsql.Driver {
	if drv, ok := dbs.Load(weak.Make(c)); ok {
		return drv.(*entsql.Driver)
	}
	return nil
}
