package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
)

// PostgreSQL's codes for a transaction it gave up on so that another could go on:
// trying the same request again may well succeed.
var retryable = map[string]bool{
	"40001": true, // serialization_failure
	"40P01": true, // deadlock_detected
	"55P03": true, // lock_not_available
}

// Retryable reports whether err is PostgreSQL aborting the transaction for a
// conflict with a concurrent one (a deadlock, a serialization failure), which
// says nothing about the request itself.
func Retryable(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && retryable[pg.Code]
}
