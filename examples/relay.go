// A gorilla/websocket relay. `wscode check examples/` finds the close-code mistakes in it.
package main

import (
	"errors"
	"log"
	"net/http"
	"time"

	"github.com/gorilla/websocket"
)

var upgrader = websocket.Upgrader{}

func relay(w http.ResponseWriter, r *http.Request, upstream *websocket.Conn) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		log.Print(err)
		return
	}
	defer conn.Close()
	for {
		kind, data, err := upstream.ReadMessage()
		var closeErr *websocket.CloseError
		if errors.As(err, &closeErr) {
			// Mistake: the upstream's code may be 1005 or 1006, which must never be sent.
			msg := websocket.FormatCloseMessage(closeErr.Code, closeErr.Text)
			conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
			return
		}
		if err != nil {
			// Mistake: 1005 means "no status received" and is never sent.
			msg := websocket.FormatCloseMessage(websocket.CloseNoStatusReceived, "")
			conn.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
			return
		}
		if err := conn.WriteMessage(kind, data); err != nil {
			return
		}
	}
}

func main() {
	http.ListenAndServe(":8080", nil)
}
