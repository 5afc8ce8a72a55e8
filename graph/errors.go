package graph

// Error codes in extensions.code: clients branch on these, never on message text.
const (
	CodeBadRequest   = "BAD_REQUEST"
	CodeBadUserInput = "BAD_USER_INPUT"
	CodeNotFound     = "NOT_FOUND"
	CodeConflict     = "CONFLICT"
	CodeSubmitCheck  = "SUBMIT_CHECK"
	CodeInternal     = "INTERNAL"
)
