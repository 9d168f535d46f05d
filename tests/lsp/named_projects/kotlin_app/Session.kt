package demo

import demo.SocketStatus.Companion.NORMAL_CLOSURE

fun describe(code: Int): String = when (code) {
    NORMAL_CLOSURE -> "normal" // hover 1000
    SocketStatus.POLICY_VIOLATION -> "policy" // hover 1008
    SocketStatus.GOING_AWAY.code -> "away" // hover 1001
    else -> "other: SocketStatus.NORMAL_CLOSURE"
}
