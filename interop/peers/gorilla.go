// The gorilla/websocket client under test (interop/measure.py builds and runs it).
//
//	gorilla BASE_URL PATH...
//
// For each PATH it dials BASE_URL+PATH and plays the scenario the path names against the raw
// peer; it prints {"results": {PATH: {"app_code": ..., "error": ...}}} as JSON.
// send/N: the documented way to close with a code, WriteControl(CloseMessage,
// FormatCloseMessage(N, "")); any other scenario: ReadMessage until it returns an error, and
// report the *CloseError's code (app_code) and the error text.
package main

import (
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

func run(url, path string) map[string]any {
	out := map[string]any{}
	dialer := websocket.Dialer{HandshakeTimeout: 3 * time.Second}
	c, _, err := dialer.Dial(url+path, nil)
	if err != nil {
		out["error"] = err.Error()
		return out
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(3 * time.Second))
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if parts[0] == "send" {
		code, _ := strconv.Atoi(parts[1])
		msg := websocket.FormatCloseMessage(code, "")
		if err := c.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second)); err != nil {
			out["error"] = err.Error()
			return out
		}
	}
	for {
		if _, _, err = c.ReadMessage(); err != nil {
			break
		}
	}
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		out["app_code"] = ce.Code
	} else {
		out["app_code"] = nil
	}
	if parts[0] != "send" { // after a send, the read only ends the close handshake
		out["error"] = err.Error()
	}
	return out
}

func main() {
	results := map[string]any{}
	for _, path := range os.Args[2:] {
		results[path] = run(os.Args[1], path)
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{"results": results})
}
