package ws

type closeError struct {
	code StatusCode
}

func clean(e closeError) bool {
	switch e.code {
	case StatusNormalClosure, StatusGoingAway: // hover 1000 1001
		return true
	}
	return false
}
