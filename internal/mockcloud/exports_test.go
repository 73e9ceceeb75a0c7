package mockcloud

// NewSM3 exposes the SM3 hash to the external tests (its standard vectors).
var NewSM3 = newSM3
