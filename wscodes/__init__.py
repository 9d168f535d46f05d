"""wscodes: WebSocket close codes in the terminal, the editor, CI and Slack."""
