module Closer
  def begin_close(reason, code)
    @driver.close(reason, code)
  end
end
