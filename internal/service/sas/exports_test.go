package sas

// Exported for the external test package.
type (
	ListProcessDetailResponse = listProcessDetailResponse
)
