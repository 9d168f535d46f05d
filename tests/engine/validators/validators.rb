# Validators of received close codes, written for the wscodes tests.
module Frames
  def valid_close_code?(code)
    [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011].include?(code) || (3000..4999).cover?(code) # expect: WSC012
  end

  def acceptable_close_status?(status) # validator: correct
    return false if status < 1000 || status >= 5000
    return false if [1004, 1005, 1006, 1015].include?(status)
    return false if status > 1014 && status < 3000

    true
  end

  def retry?(code)
    [1012, 1013, 1014].include?(code)
  end
end
