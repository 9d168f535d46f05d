-- Close codes built by name (RFC 6455 section 7.4.1)
local CloseCode = {}
CloseCode.__index = CloseCode

function CloseCode.from_int(value)
  return setmetatable({ value = value }, CloseCode)
end

function CloseCode.normal()
  return CloseCode.from_int(1000)
end

function CloseCode.protocol()
  return CloseCode.from_int(1002)
end

function CloseCode.describe()
  return "a close code"
end

return CloseCode
