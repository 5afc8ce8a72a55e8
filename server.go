// Command jixiao serves the budget performance self-evaluation API and its web app.
//
//	jixiao [--addr :8080] [--db sqlite://jixiao.db] [--migrate] [--demo] [--cors-origins https://a.example]
//	jixiao migrate status|up [--db …]
//	jixiao user add --username NAME --role ADMIN|REVIEWER|EDITOR|ANALYST [--department CODE] [--db …]
//	jixiao recompute [--repair] [--db …]
//	jixiao backup --to FILE [--db sqlite://…]
//	jixiao restore --from FILE [--db sqlite://…] [--force]
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"jixiao/app"
	"jixiao/platform/gctune"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	gctune.Apply(gctune.For(os.Getenv))
	if err := app.Run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "jixiao:", err)
		os.Exit(1)
	}
}
