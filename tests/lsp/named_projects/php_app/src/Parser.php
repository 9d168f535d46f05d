<?php declare(strict_types=1);

namespace Demo;

use Demo\CloseCode;

final class Parser
{
    public const LIMIT = 65536;

    public function check(int $opcode, int $size): void
    {
        if ($opcode > 10) {
            throw new ParserException(CloseCode::PROTOCOL_ERROR, 'reserved opcode'); // hover 1002
        }
        if ($size > self::LIMIT) {
            throw new ParserException(CloseCode::TOO_BIG, 'frame too big'); // hover 1009
        }
        $mine = self::TOO_BIG;
        // CloseCode::NORMAL in a comment stays quiet
        $label = 'CloseCode::NORMAL';
        $other = Limits::PROTOCOL_ERROR;
    }
}
