package relay

// The relay's own close codes, declared once for the whole package.
const (
	closeUpstreamDown = 1014
	closeAbnormal     = 1006
)
