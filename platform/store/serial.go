package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
)

// serialDriver hands out transactions that run one statement at a time. A GraphQL
// mutation runs in one transaction, and gqlgen resolves the fields of its result
// concurrently: PostgreSQL's connection (pgx) refuses a second statement while the
// rows of the first are still open ("conn busy").
//
// On SQLite it also queues write transactions in the server: SQLite admits one
// writer at a time, and a writer that finds the lock taken sleeps in its busy
// handler, in steps of up to 100 ms, whatever happens meanwhile — at 8 clients an
// update's p99 was 105 ms at 1.1 ms median. Waiting on writers (a one-slot gate)
// wakes the next one as soon as the last ends.
type serialDriver struct {
	*entsql.Driver
	writers chan struct{} // nil: no gate (PostgreSQL)
}

// writerWait bounds the wait for the gate as SQLite's busy timeout does.
const writerWait = 10 * time.Second

// errBusy refuses a transaction that waited writerWait for the one before it.
var errBusy = errors.New("database is busy: another change has held it for 10 s")

func newSerialDriver(drv *entsql.Driver) serialDriver {
	d := serialDriver{Driver: drv}
	if drv.Dialect() == dialect.SQLite {
		d.writers = make(chan struct{}, 1)
	}
	return d
}

func (d serialDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	release := func() {}
	if d.writers != nil {
		timer := time.NewTimer(writerWait)
		defer timer.Stop()
		select {
		case d.writers <- struct{}{}:
			release = func() { <-d.writers }
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-timer.C:
			return nil, errBusy
		}
	}
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		release()
		return nil, err
	}
	return &serialTx{Tx: tx, release: release}, nil
}

type serialTx struct {
	dialect.Tx
	mu      sync.Mutex
	release func()
	ended   sync.Once
}

func (t *serialTx) Commit() error {
	defer t.ended.Do(t.release)
	return t.Tx.Commit()
}

func (t *serialTx) Rollback() error {
	defer t.ended.Do(t.release)
	return t.Tx.Rollback()
}

func (t *serialTx) Exec(ctx context.Context, query string, args, v any) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.Tx.Exec(ctx, query, args, v)
}

// ExecContext runs a statement of the caller's own in the transaction (ent's
// ExecContext on a transactional client: the NOTIFY of package events), one at
// a time like Exec.
func (t *serialTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	var res sql.Result
	if err := t.Exec(ctx, query, args, &res); err != nil {
		return nil, err
	}
	return res, nil
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
