local CloseCode = require "close"
local Frame = require "frame"

local function reject(sock, why)
  sock:send(Frame.close(CloseCode.protocol(), why):encode()) -- hover 1002
end

local function bye(sock)
  sock:send(Frame.close(CloseCode.normal()):encode()) -- hover 1000
  print(CloseCode.describe(), Frame.text())
end

return { reject = reject, bye = bye }
