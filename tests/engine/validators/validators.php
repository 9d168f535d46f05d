<?php
// Validators of received close codes, written for the wscodes tests.

final class CloseReader
{
    public function readClose(string $data): int
    {
        $code = \unpack('n', $data)[1];
        if ($code < 1000 || ($code >= 1004 && $code <= 1006) || ($code >= 1014 && $code <= 2999) || $code >= 5000) { // expect: WSC012
            throw new \UnexpectedValueException('Invalid close code');
        }
        return $code;
    }

    private static function isValidCode(int $code): bool // validator: correct
    {
        return \in_array($code, [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014], true)
            || ($code >= 3000 && $code <= 4999);
    }
}
