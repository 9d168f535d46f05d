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
