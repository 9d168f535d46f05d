package relay

import "github.com/gorilla/websocket"

func upstreamDown(c *websocket.Conn) error {
	return c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(closeUpstreamDown, "upstream down"))
}

func dropped(c *websocket.Conn) error {
	return c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(closeAbnormal, "")) // expect: WSC001
}
