class Session
  include Closer

  def on_error
    begin_close("lost", 1006) # expect: WSC001
  end

  def on_done
    begin_close("bye", 1000)
  end
end
