"""The App Home tab: a cheat sheet of the close codes people meet most, and the workspace's own codes.

The "met most" list is the codes the bot's README and help lead with — what a closed connection
usually reports (normal close, going away, abnormal closure, policy, too big, server error…) — not a
measurement of what people ask.
"""

from __future__ import annotations

from typing import Any

from wscodes.core.teamcodes import ProjectRegistry
from wscodes.slack import limits
from wscodes.slack.blocks import HELP, code_line
from wscodes.slack.workspace import WORKSPACE_FILE

__all__ = ["COMMON", "view"]

COMMON = (1000, 1001, 1006, 1008, 1009, 1011, 1012, 1013)


def view(registry: ProjectRegistry) -> dict[str, Any]:
    """The Home tab view (views.publish) for a workspace whose answers use ``registry``."""
    common = [c for c in (registry.lookup(n) for n in COMMON) if c is not None]
    own = [c for c in registry.team.values() if c.team_file == WORKSPACE_FILE]
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "WebSocket close codes"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(code_line(c) for c in common)}},
        {"type": "divider"},
        {
            "type": "section",
            "text": {
                "type": "mrkdwn",
                "text": "*This workspace's codes*\n"
                + ("\n".join(code_line(c) for c in own) if own else "_None yet: `/wscode define 4001 …`_"),
            },
        },
        {"type": "divider"},
        {"type": "section", "text": {"type": "mrkdwn", "text": HELP}},
    ]
    fitted, _ = limits.fit(blocks, "wscodes")
    return {"type": "home", "blocks": fitted}
