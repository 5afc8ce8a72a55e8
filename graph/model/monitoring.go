package model

import (
	"jixiao/domain/fixed"
	"jixiao/ent"
	"jixiao/ent/monitoringentry"
)

// MonitoringEntry is one indicator of a monitoring report with its forecast
// (graph/monitoring.graphql), made by graph/monitoring.go from cycle.EntryView.
type MonitoringEntry struct {
	ID                  *int // the stored entry's; nil until something is said of the indicator
	Indicator           *ent.Indicator
	ValueToDate         *fixed.Decimal
	ComputedExpected    *fixed.Decimal
	Expected            *fixed.Decimal
	ExpectedSteps       []*ComputationStep
	ComputedLikelihood  *monitoringentry.LikelihoodOverride
	ComputedLight       *MonitoringLight
	Likelihood          *monitoringentry.LikelihoodOverride
	Light               *MonitoringLight
	Overridden          bool
	ExpectedOverride    *fixed.Decimal
	LikelihoodOverride  *monitoringentry.LikelihoodOverride
	OverrideReason      string
	CauseCategory       *monitoringentry.CauseCategory
	Cause               string
	Measure             string
	Note                string
	ExplanationRequired bool
	FromLastYear        bool
}
