package demo

object StreamClose {
    const val DONE = 1000
    const val NO_STATUS = 1005
}
