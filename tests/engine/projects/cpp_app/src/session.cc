#include "closing.hh"

namespace chat {

void Session::onFailure(const char *why) {
    socket_->close(kClosingLost, why);  // expect: WSC001
}

void Session::onLeave() {
    socket_->close(kClosingAway, "bye");
}

}  // namespace chat
