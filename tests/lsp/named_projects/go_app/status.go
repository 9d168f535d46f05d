package ws

// StatusCode is a WebSocket close code (RFC 6455 section 7.4).
type StatusCode int

const (
	StatusNormalClosure StatusCode = 1000
	StatusGoingAway     StatusCode = 1001
	statusReserved      StatusCode = 1004
)
