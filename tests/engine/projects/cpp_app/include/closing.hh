#pragma once

namespace chat {

// Close codes, numbered on from the first (C++ [dcl.enum]: each member without a value is one more)
enum Closing {
    kClosingNormal = 1000,
    kClosingAway,
    kClosingProtocol,
    kClosingNoStatus = 1005,
    kClosingLost,
    kClosingBadData,
};

}  // namespace chat
