// The nhooyr.io/websocket client under test (interop/measure.py builds and runs it).
//
//	nhooyr BASE_URL PATH...
//
// For each PATH it dials BASE_URL+PATH and plays the scenario the path names against the raw
// peer; it prints {"results": {PATH: {"app_code": ..., "error": ...}}} as JSON.
// send/N: Conn.Close(StatusCode(N), ""), the library's close API (it runs the whole close
// handshake); any other scenario: Conn.Read until it returns an error, and report
// CloseStatus(err) (app_code; null when it is -1, not a close) and the error text.
package main

import (
	"context"
	"encoding/json"
	"io"
	"log"
	"os"
	"strconv"
	"strings"
	"time"

	"nhooyr.io/websocket"
)

func run(url, path string) map[string]any {
	out := map[string]any{}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	c, _, err := websocket.Dial(ctx, url+path, nil)
	if err != nil {
		out["error"] = err.Error()
		return out
	}
	defer c.Close(websocket.StatusInternalError, "")
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if parts[0] == "send" {
		code, _ := strconv.Atoi(parts[1])
		if err := c.Close(websocket.StatusCode(code), ""); err != nil {
			out["error"] = err.Error()
		}
		out["no_fallback"] = true // nothing else is sent after an error
		return out
	}
	for {
		if _, _, err = c.Read(ctx); err != nil {
			break
		}
	}
	if status := websocket.CloseStatus(err); status != -1 {
		out["app_code"] = int(status)
	} else {
		out["app_code"] = nil
	}
	out["error"] = err.Error()
	return out
}

func main() {
	log.SetOutput(io.Discard) // the library logs what Close returns as an error too
	results := map[string]any{}
	for _, path := range os.Args[2:] {
		results[path] = run(os.Args[1], path)
	}
	json.NewEncoder(os.Stdout).Encode(map[string]any{"results": results})
}
