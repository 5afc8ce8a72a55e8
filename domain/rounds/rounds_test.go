package rounds

import (
	"testing"
	"time"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t
}

func ptr(s string) *time.Time { t := at(s); return &t }

func TestOf(t *testing.T) {
	// 2024-03-31 23:59:59 in Shanghai is 15:59:59 UTC.
	deadline := at("2024-03-31T23:59:59+08:00")
	before, after := at("2024-03-20T10:00:00+08:00"), at("2024-04-02T09:00:00+08:00")
	cases := []struct {
		name  string
		items []Item
		now   time.Time
		want  Status
		at    *time.Time
	}{
		{"nothing at all, before", nil, before, NotSubmitted, nil},
		{"nothing at all, after", nil, after, Overdue, nil},
		{"no evaluation yet", []Item{{}}, before, NotSubmitted, nil},
		{"a draft, before", []Item{{State: "DRAFT"}}, before, NotSubmitted, nil},
		{"a draft, one nanosecond after the deadline", []Item{{State: "DRAFT"}}, deadline.Add(time.Nanosecond), Overdue, nil},
		{"a draft, at the deadline", []Item{{State: "DRAFT"}}, deadline, NotSubmitted, nil},
		{"submitted exactly at the deadline", []Item{{State: "SUBMITTED", FirstSubmitted: ptr("2024-03-31T15:59:59Z")}}, after, SubmittedOnTime, ptr("2024-03-31T15:59:59Z")},
		{"submitted one second late", []Item{{State: "SUBMITTED", FirstSubmitted: ptr("2024-03-31T16:00:00Z")}}, after, SubmittedLate, ptr("2024-03-31T16:00:00Z")},
		{"late in UTC's date, on time in Shanghai's", []Item{{State: "APPROVED", FirstSubmitted: ptr("2024-03-31T23:00:00+08:00")}}, after, SubmittedOnTime, ptr("2024-03-31T15:00:00Z")},
		{"the same instant in another zone", []Item{{State: "PUBLISHED", FirstSubmitted: ptr("2024-03-31T10:59:59-05:00")}}, after, SubmittedOnTime, ptr("2024-03-31T15:59:59Z")},
		{"submitted before records", []Item{{State: "PUBLISHED"}}, after, SubmittedOnTime, nil},
		{"returned", []Item{{State: "RETURNED", FirstSubmitted: ptr("2024-03-01T00:00:00Z")}}, before, Returned, ptr("2024-03-01T00:00:00Z")},
		{"returned past the deadline is still returned", []Item{{State: "RETURNED", FirstSubmitted: ptr("2024-03-01T00:00:00Z")}}, after, Returned, ptr("2024-03-01T00:00:00Z")},
		{"resubmitted after a return keeps its first submission", []Item{{State: "SUBMITTED", FirstSubmitted: ptr("2024-03-01T00:00:00Z")}}, after, SubmittedOnTime, ptr("2024-03-01T00:00:00Z")},
		{"overall on time, a project missing, before", []Item{{State: "SUBMITTED", FirstSubmitted: ptr("2024-03-01T00:00:00Z")}, {State: "DRAFT"}}, before, NotSubmitted, nil},
		{"overall on time, a project missing, after", []Item{{State: "SUBMITTED", FirstSubmitted: ptr("2024-03-01T00:00:00Z")}, {}}, after, Overdue, nil},
		{"overall on time, a project late: late, at the last", []Item{{State: "SUBMITTED", FirstSubmitted: ptr("2024-03-01T00:00:00Z")}, {State: "APPROVED", FirstSubmitted: ptr("2024-04-01T08:00:00+08:00")}}, after, SubmittedLate, ptr("2024-04-01T00:00:00Z")},
		{"a project returned, the overall submitted", []Item{{State: "SUBMITTED", FirstSubmitted: ptr("2024-03-01T00:00:00Z")}, {State: "RETURNED", FirstSubmitted: ptr("2024-03-02T00:00:00Z")}}, before, Returned, ptr("2024-03-02T00:00:00Z")},
		{"a draft with a history is not submitted", []Item{{State: "DRAFT", FirstSubmitted: ptr("2024-03-01T00:00:00Z")}}, after, Overdue, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Of(c.items, deadline, c.now)
			if got.Status != c.want {
				t.Errorf("status %s, want %s", got.Status, c.want)
			}
			switch {
			case (got.SubmittedAt == nil) != (c.at == nil):
				t.Errorf("submittedAt %v, want %v", got.SubmittedAt, c.at)
			case got.SubmittedAt != nil && !got.SubmittedAt.Equal(*c.at):
				t.Errorf("submittedAt %v, want %v", got.SubmittedAt, c.at)
			}
		})
	}
}

func TestDaysLeft(t *testing.T) {
	deadline := at("2024-03-31T23:59:59+08:00")
	cases := []struct {
		now  string
		want int
	}{
		{"2024-03-31T00:00:00+08:00", 0},
		{"2024-03-30T23:59:59+08:00", 1},
		// 16:30 UTC on the 30th is already the 31st in Shanghai.
		{"2024-03-30T16:30:00Z", 0},
		{"2024-03-30T15:59:59Z", 1},
		{"2024-04-01T00:00:00+08:00", -1},
		{"2024-02-29T12:00:00+08:00", 31},
		{"2023-12-31T20:00:00Z", 90}, // 2024-01-01 04:00 in Shanghai: 31 + 29 (a leap year) + 30
	}
	for _, c := range cases {
		if got := DaysLeft(at(c.now), deadline); got != c.want {
			t.Errorf("DaysLeft(%s) = %d, want %d", c.now, got, c.want)
		}
	}
}

func TestDaysWaited(t *testing.T) {
	since := at("2024-03-01T10:00:00+08:00")
	for now, want := range map[string]int{
		"2024-03-01T09:00:00+08:00": 0, // a clock behind
		"2024-03-02T09:59:59+08:00": 0,
		"2024-03-02T10:00:00+08:00": 1,
		"2024-03-11T01:59:59Z":      9,
		"2024-03-11T02:00:00Z":      10,
	} {
		if got := DaysWaited(since, at(now)); got != want {
			t.Errorf("DaysWaited(%s) = %d, want %d", now, got, want)
		}
	}
}

func TestSummarize(t *testing.T) {
	got := Summarize([]Status{SubmittedOnTime, SubmittedOnTime, SubmittedLate, Returned, NotSubmitted, Overdue, Overdue})
	want := Summary{OnTime: 2, Late: 1, Returned: 1, NotSubmitted: 1, Overdue: 2, Total: 7}
	if got != want {
		t.Errorf("got %+v, want %+v", got, want)
	}
}

func TestMonitoringPoint(t *testing.T) {
	cases := []struct {
		name     string
		year     int
		deadline string
		want     string
	}{
		{"mid-July asks for 30 June", 2024, "2024-07-15T23:59:59+08:00", "2024-06-30"},
		{"end of July asks for 30 June", 2024, "2024-07-31T23:59:59+08:00", "2024-06-30"},
		{"August still asks for 30 June", 2024, "2024-08-10T18:00:00+08:00", "2024-06-30"},
		{"October asks for 30 September", 2024, "2024-10-20T23:59:59+08:00", "2024-09-30"},
		{"the point's own day", 2024, "2024-06-30T23:59:59+08:00", "2024-06-30"},
		{"the day before the point", 2024, "2024-06-29T23:59:59+08:00", "2024-03-31"},
		{"30 June in Shanghai, 29 June in UTC", 2024, "2024-06-29T16:30:00Z", "2024-06-30"},
		{"April asks for 31 March", 2024, "2024-04-15T12:00:00+08:00", "2024-03-31"},
		{"before any quarter's end: the usual 30 June", 2024, "2024-02-01T12:00:00+08:00", "2024-06-30"},
		{"a deadline in the next year: 31 December", 2024, "2025-01-20T12:00:00+08:00", "2024-12-31"},
		{"a deadline in an earlier year: the usual 30 June", 2024, "2023-12-20T12:00:00+08:00", "2024-06-30"},
	}
	for _, c := range cases {
		if got := MonitoringPoint(c.year, at(c.deadline)); got != c.want {
			t.Errorf("%s: MonitoringPoint(%d, %s) = %s, want %s", c.name, c.year, c.deadline, got, c.want)
		}
	}
}

func TestFirstSubmission(t *testing.T) {
	cases := []struct {
		name        string
		submissions []time.Time
		latest      *time.Time
		want        *time.Time
	}{
		{"never submitted", nil, nil, nil},
		{"no trail: the report's own time", nil, ptr("2024-07-10T00:00:00Z"), ptr("2024-07-10T00:00:00Z")},
		{"once", []time.Time{at("2024-07-10T00:00:00Z")}, ptr("2024-07-10T00:00:00Z"), ptr("2024-07-10T00:00:00Z")},
		{"returned and resubmitted late: the first counts", []time.Time{at("2024-08-02T00:00:00Z"), at("2024-07-10T00:00:00Z")}, ptr("2024-08-02T00:00:00Z"), ptr("2024-07-10T00:00:00Z")},
	}
	for _, c := range cases {
		got := FirstSubmission(c.submissions, c.latest)
		if (got == nil) != (c.want == nil) || (got != nil && !got.Equal(*c.want)) {
			t.Errorf("%s: FirstSubmission = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestOfMonitoring: a monitoring report's states are an evaluation's (DRAFT,
// SUBMITTED, RETURNED, APPROVED), so one rule decides both.
func TestOfMonitoring(t *testing.T) {
	deadline := at("2024-07-31T23:59:59+08:00")
	before, after := at("2024-07-20T10:00:00+08:00"), at("2024-08-02T09:00:00+08:00")
	first := ptr("2024-07-25T10:00:00+08:00")
	cases := []struct {
		name string
		item Item
		now  time.Time
		want Status
	}{
		{"no report yet, before", Item{}, before, NotSubmitted},
		{"no report yet, after", Item{}, after, Overdue},
		{"a draft after the deadline", Item{State: "DRAFT"}, after, Overdue},
		{"submitted on time", Item{State: "SUBMITTED", FirstSubmitted: first}, after, SubmittedOnTime},
		{"approved", Item{State: "APPROVED", FirstSubmitted: first}, after, SubmittedOnTime},
		{"submitted late", Item{State: "SUBMITTED", FirstSubmitted: ptr("2024-08-01T08:00:00+08:00")}, after, SubmittedLate},
		{"returned, not yet resubmitted", Item{State: "RETURNED", FirstSubmitted: first}, after, Returned},
		{"resubmitted after the deadline: its first submission was on time", Item{State: "SUBMITTED", FirstSubmitted: FirstSubmission([]time.Time{at("2024-08-01T08:00:00+08:00"), *first}, nil)}, after, SubmittedOnTime},
	}
	for _, c := range cases {
		if got := Of([]Item{c.item}, deadline, c.now).Status; got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
