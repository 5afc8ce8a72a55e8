package store

import (
	"context"
	"path/filepath"
	"testing"

	"jixiao/ent"
)

func TestDB(t *testing.T) {
	c, err := Open(context.Background(), "sqlite://"+filepath.Join(t.TempDir(), "j.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	db := DB(c)
	if db == nil {
		t.Fatal("no pool for a client Open made")
	}
	if got := db.Stats().MaxOpenConnections; got != sqliteConns {
		t.Errorf("the pool allows %d connections, want %d: not Open's", got, sqliteConns)
	}
	if DB(ent.NewClient()) != nil {
		t.Error("a pool for a client Open did not make")
	}
}
