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
