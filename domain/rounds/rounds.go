// Package rounds is where a department stands in a round of work the finance
// bureau gives it with a deadline (工作布置: the year's self-evaluation, the
// mid-year monitoring): submitted on time, late, not yet, overdue, or returned. It
// is pure: the caller reads the evaluations and their recorded transitions, this
// package decides. Times are instants; calendar days are counted in Asia/Shanghai,
// where the deadlines are set and read.
package rounds

import (
	"time"
)

// Kind is what a round asks for.
type Kind string

const (
	// SelfEvaluation is the year's self-evaluation (自评): the department's overall
	// evaluation of the year and, when asked, its projects'.
	SelfEvaluation Kind = "SELF_EVALUATION"
	// Monitoring is the mid-year monitoring (绩效运行监控).
	Monitoring Kind = "MONITORING"
)

// RoundStatus is whether a round still takes submissions.
type RoundStatus string

const (
	Open   RoundStatus = "OPEN"
	Closed RoundStatus = "CLOSED"
)

// Status is where a participant stands.
type Status string

const (
	// SubmittedOnTime: everything asked for was first submitted at or before the deadline.
	SubmittedOnTime Status = "SUBMITTED_ON_TIME"
	// SubmittedLate: everything was submitted, the last of it first after the deadline.
	SubmittedLate Status = "SUBMITTED_LATE"
	// NotSubmitted: something is still to be submitted, and the deadline has not passed.
	NotSubmitted Status = "NOT_SUBMITTED"
	// Overdue: something is still to be submitted, and the deadline has passed.
	Overdue Status = "OVERDUE"
	// Returned: a reviewer returned something and it has not been submitted again.
	Returned Status = "RETURNED"
)

// Statuses lists every status in the order a summary shows them.
var Statuses = []Status{SubmittedOnTime, SubmittedLate, Returned, NotSubmitted, Overdue}

// Shanghai is China Standard Time. China has kept UTC+8 without daylight saving
// since 1991, so a fixed zone is exact for every budget year and needs no tzdata.
var Shanghai = time.FixedZone("Asia/Shanghai", 8*60*60)

// Item is one thing a participant must submit (an evaluation) as it stands.
type Item struct {
	// State is the evaluation's status (DRAFT, SUBMITTED, RETURNED, APPROVED,
	// PUBLISHED); empty when it does not exist yet.
	State string
	// FirstSubmitted is when it was first submitted (its first recorded transition
	// to SUBMITTED); nil when never, or when it was submitted before transitions
	// were recorded (then it counts as submitted on time).
	FirstSubmitted *time.Time
}

// submitted reports whether the item has been submitted and is not back with the department.
func (it Item) submitted() bool {
	switch it.State {
	case "SUBMITTED", "APPROVED", "PUBLISHED":
		return true
	}
	return false
}

// Result is where a participant stands.
type Result struct {
	Status Status
	// SubmittedAt is when everything asked for had been submitted (the latest of the
	// items' first submissions); nil while something was never submitted, or when
	// no submission time is recorded.
	SubmittedAt *time.Time
}

// Of is where a participant whose items are items stands at now, given the
// round's deadline. No item at all (the department has not even a year) is
// nothing submitted.
func Of(items []Item, deadline, now time.Time) Result {
	var last *time.Time
	all, returned := len(items) > 0, false
	for _, it := range items {
		if it.State == "RETURNED" {
			returned = true
		}
		if it.FirstSubmitted == nil {
			if !it.submitted() {
				all = false
			}
			continue
		}
		if last == nil || it.FirstSubmitted.After(*last) {
			t := *it.FirstSubmitted
			last = &t
		}
	}
	if !all {
		last = nil
	}
	switch {
	case returned:
		return Result{Status: Returned, SubmittedAt: last}
	case all && pending(items):
		// Submitted once but a returned item was never resubmitted: cannot happen in
		// the workflow (RETURNED is caught above); kept for a DRAFT with a history.
		return Result{Status: late(now, deadline)}
	case all && (last == nil || !last.After(deadline)):
		return Result{Status: SubmittedOnTime, SubmittedAt: last}
	case all:
		return Result{Status: SubmittedLate, SubmittedAt: last}
	}
	return Result{Status: late(now, deadline)}
}

// pending reports whether some item is not submitted now although it has a submission time.
func pending(items []Item) bool {
	for _, it := range items {
		if !it.submitted() {
			return true
		}
	}
	return false
}

// late is the status of a participant with something still to submit.
func late(now, deadline time.Time) Status {
	if now.After(deadline) {
		return Overdue
	}
	return NotSubmitted
}

// Summary counts the participants in each status.
type Summary struct {
	OnTime, Late, Returned, NotSubmitted, Overdue, Total int
}

// Summarize counts statuses.
func Summarize(statuses []Status) Summary {
	var s Summary
	for _, st := range statuses {
		s.Total++
		switch st {
		case SubmittedOnTime:
			s.OnTime++
		case SubmittedLate:
			s.Late++
		case Returned:
			s.Returned++
		case NotSubmitted:
			s.NotSubmitted++
		case Overdue:
			s.Overdue++
		}
	}
	return s
}

// DaysLeft is the number of calendar days in Asia/Shanghai from now to the
// deadline: 0 on the deadline's day, negative once that day has passed.
func DaysLeft(now, deadline time.Time) int {
	return dayNumber(deadline) - dayNumber(now)
}

// dayNumber is t's calendar date in Shanghai as a day count.
func dayNumber(t time.Time) int {
	y, m, d := t.In(Shanghai).Date()
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DaysWaited is how many whole days have passed since since (0 the first 24 hours).
func DaysWaited(since, now time.Time) int {
	if now.Before(since) {
		return 0
	}
	return int(now.Sub(since) / (24 * time.Hour))
}

// MonitoringPoint is the monitoring point (a day of the budget year, as
// "2024-06-30") a MONITORING round of year asks the departments to report at,
// read from its deadline: the latest quarter's end of the year (31 March, 30
// June, 30 September, 31 December) on or before the deadline's day in Shanghai.
// The monitoring points are 30 June and, often, 30 September (docs/MONITORING.md),
// and the bureau sets the deadline after the point: a deadline of 15 July asks
// for 30 June, one of 20 October for 30 September. A deadline before 31 March of
// the year asks for 30 June, the usual point; one after the year asks for 31
// December.
func MonitoringPoint(year int, deadline time.Time) string {
	day := deadline.In(Shanghai)
	dy, dm, dd := day.Date()
	onOrBefore := func(m time.Month, d int) bool {
		return dy > year || (dy == year && (dm > m || (dm == m && dd >= d)))
	}
	point := time.Date(year, time.June, 30, 0, 0, 0, 0, time.UTC)
	for _, q := range []struct {
		m time.Month
		d int
	}{{time.March, 31}, {time.June, 30}, {time.September, 30}, {time.December, 31}} {
		if onOrBefore(q.m, q.d) {
			point = time.Date(year, q.m, q.d, 0, 0, 0, 0, time.UTC)
		}
	}
	return point.Format(time.DateOnly)
}

// FirstSubmission is when a monitoring report was first submitted: the earliest
// of the times its status became SUBMITTED (from its audit trail), or, when none
// was recorded, latest (the report's last submission time, nil when never): a
// report resubmitted after a return keeps its first submission, as an
// evaluation does (Item.FirstSubmitted).
func FirstSubmission(submissions []time.Time, latest *time.Time) *time.Time {
	var first *time.Time
	for _, t := range submissions {
		if first == nil || t.Before(*first) {
			t := t
			first = &t
		}
	}
	if first == nil && latest != nil {
		t := *latest
		first = &t
	}
	return first
}
