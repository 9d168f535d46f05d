package frames;

/** Validators of received close codes, written for the wscodes tests. */
final class CloseCodes {
    private CloseCodes() {}

    static boolean isValid(int code) {
        if (code >= 0 && code <= 999 || code >= 1004 && code <= 1006
                || code >= 1012 && code <= 2999) { // expect: WSC012
            return false;
        }
        return true;
    }

    static boolean isAllowedStatusCode(int status) {
        return status >= 1000 && status <= 4999 && status != 1004 && status != 1005 && status != 1006 && status != 1015; // expect: WSC013
    }

    static boolean isValidCloseStatus(int status) { // validator: correct
        return (status >= 1000 && status <= 1014 && status != 1004 && status != 1005 && status != 1006)
                || (status >= 3000 && status <= 4999);
    }
}
