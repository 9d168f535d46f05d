package relay

import (
	"time"

	"github.com/gorilla/websocket"
)

type Conn struct{ ws *websocket.Conn }

func (c *Conn) fail(code int, text string) {
	msg := websocket.FormatCloseMessage(code, text)
	_ = c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
}
