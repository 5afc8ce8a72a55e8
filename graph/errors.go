package graph

// Error codes in extensions.code: clients branch on these, never on message text.
const (
	CodeBadRequest      = "BAD_REQUEST"
	CodeBadUserInput    = "BAD_USER_INPUT"
	CodeNotFound        = "NOT_FOUND"
	CodeConflict        = "CONFLICT"
	CodeCSRF            = "CSRF"
	CodeForbidden       = "FORBIDDEN"
	CodeLocked          = "LOCKED"
	CodeTooManyRequests = "TOO_MANY_REQUESTS"
	CodeUnauthenticated = "UNAUTHENTICATED"
	CodeSubmitCheck     = "SUBMIT_CHECK"
	CodeTimeout         = "TIMEOUT"
	CodeInternal        = "INTERNAL"
)

// ReasonSubmitRefused is the reason of the last SUBMIT_CHECK error of a refused
// submission, the one that names no field: its params say how many problems the
// errors before it report. The others carry scoring's reasons (scoring.Reason).
const ReasonSubmitRefused = "REFUSED"
