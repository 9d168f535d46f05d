package frames

import "errors"

var errInvalidCloseCode = errors.New("invalid close code")

// isValidCloseCode rejects 1012–1014, which IANA assigned after the first test suites.
func isValidCloseCode(code int) bool {
	if code >= 3000 && code <= 4999 {
		return true
	}
	return code >= 1000 && code <= 1011 && code != 1004 && code != 1005 && code != 1006 // expect: WSC012
}

func readClose(code int) error {
	if code < 1000 || code == 1004 || code == 1005 || code == 1006 || (code > 1014 && code < 3000) { // validator: correct
		return errInvalidCloseCode
	}
	return nil
}

func retryAfter(code int) int {
	if code == 1012 || code == 1013 || code == 4000 {
		return 5
	}
	return 0
}

// validStatus forgets 1012–1014 and lets 1015 through
func validStatus(code int) bool {
	switch code { // expect: WSC012
	case 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011:
		return true
	case 1015: // expect: WSC013
		return true
	case 1004, 1005, 1006:
		return false
	}
	return code >= 3000 && code <= 4999
}

func isValidCloseStatus(code int) bool { // validator: correct
	switch code {
	case 1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014:
		return true
	default:
		return code >= 3000 && code <= 4999
	}
}
