"""The wscodes Slack bot (slack-bolt adapter over core.search)."""
