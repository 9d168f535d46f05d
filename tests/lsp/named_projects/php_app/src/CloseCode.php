<?php declare(strict_types=1);

namespace Demo;

/** The close codes this server sends. */
final class CloseCode
{
    public const NORMAL = 1000;
    public const PROTOCOL_ERROR = 1002;
    public const TOO_BIG = 1009;
}
