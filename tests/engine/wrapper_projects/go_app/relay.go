package relay

import "github.com/gorilla/websocket"

func (c *Conn) onLost() {
	c.fail(1006, "peer went away") // expect: WSC001
}

func (c *Conn) onBye() {
	// gorilla sends an empty Close frame for 1005: legal
	c.fail(websocket.CloseNoStatusReceived, "")
	c.fail(websocket.CloseNormalClosure, "bye")
}
