package store

import (
	"context"
	"sync"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// serialDriver hands out transactions that run one statement at a time. A GraphQL
// mutation runs in one transaction, and gqlgen resolves the fields of its result
// concurrently: PostgreSQL's connection (pgx) refuses a second statement while the
// rows of the first are still open ("conn busy").
type serialDriver struct{ *entsql.Driver }

func (d serialDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &serialTx{Tx: tx}, nil
}

type serialTx struct {
	dialect.Tx
	mu sync.Mutex
}

func (t *serialTx) Exec(ctx context.Context, query string, args, v any) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.Tx.Exec(ctx, query, args, v)
}

// Query holds the lock until the caller closes the rows it read.
func (t *serialTx) Query(ctx context.Context, query string, args, v any) error {
	t.mu.Lock()
	if err := t.Tx.Query(ctx, query, args, v); err != nil {
		t.mu.Unlock()
		return err
	}
	rows, ok := v.(*entsql.Rows)
	if !ok {
		t.mu.Unlock()
		return nil
	}
	rows.ColumnScanner = &unlockOnClose{ColumnScanner: rows.ColumnScanner, unlock: t.mu.Unlock}
	return nil
}

type unlockOnClose struct {
	entsql.ColumnScanner
	unlock func()
	once   sync.Once
}

func (r *unlockOnClose) Close() error {
	err := r.ColumnScanner.Close()
	r.once.Do(r.unlock)
	return err
}
