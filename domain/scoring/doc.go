// Package scoring computes indicator scores, rates, subtotals and grades of budget performance
// self-evaluations (SCORING.md) with exact decimal arithmetic, and lists what blocks a submission.
package scoring
