"""A workspace's own close codes (4000–4999), defined from Slack and kept in the database.

The codes are stored as the text of a ``wscodes.toml`` and validated by the core's own parser
(``core.teamcodes.parse_config``), so ``/wscode define`` says exactly what ``wscode check`` says about
the same mistake in a file. Commands (after ``/wscode``)::

    define 4001 "Session expired" retry=after-fix sender=server "Refresh the token, then reconnect."
    define 4002 Throttled meaning="Too many requests" retry=backoff
    undefine 4001
    export                      # prints the workspace's wscodes.toml
    import <a pasted wscodes.toml>

``define``: the number, the name, then ``key=value`` for name, meaning, sender, retry, action; one more
quoted text without a key is the action.
"""

from __future__ import annotations

import json
import shlex
from collections import OrderedDict
from dataclasses import dataclass

from wscodes.core.errors import ConfigError
from wscodes.core.teamcodes import ProjectConfig, ProjectRegistry, parse_config

__all__ = [
    "EDIT_WORDS",
    "WORKSPACE_FILE",
    "EditError",
    "Edited",
    "apply_edit",
    "is_edit",
    "registry_for",
    "to_toml",
]

WORKSPACE_FILE = "this workspace's wscodes.toml"  # how ConfigError messages and answers name it
EDIT_WORDS = frozenset({"define", "undefine", "import"})
_KEYS = ("name", "meaning", "sender", "retry", "action")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'"})  # Slack's smart quotes


class EditError(Exception):
    """The edit can't be made: one line for the person who asked."""


@dataclass(frozen=True)
class Edited:
    toml: str
    message: str


def is_edit(text: str) -> bool:
    words = text.split(None, 1)
    return bool(words) and words[0].lower() in EDIT_WORDS


def _toml_string(value: str) -> str:
    # A JSON string is a TOML basic string, except that TOML also forbids a raw DEL.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def to_toml(codes: dict[int, dict[str, str]]) -> str:
    """The workspace's codes as a ``wscodes.toml`` (keys in the core's documented order)."""
    out = ["# Close codes of this Slack workspace (exported by /wscode export).\n"]
    for n in sorted(codes):
        out.append(f"\n[codes.{n}]\n")
        out += [f"{k} = {_toml_string(codes[n][k])}\n" for k in _KEYS if codes[n].get(k)]
    return "".join(out)


def _validate(toml: str) -> ProjectConfig:
    try:
        config = parse_config(toml, WORKSPACE_FILE)
    except ConfigError as exc:
        raise EditError(str(exc)) from None
    for n in config.codes:
        if not 4000 <= n <= 4999:
            raise EditError(
                f"{WORKSPACE_FILE}: codes.{n}: {n} is outside the private range 4000–4999 — "
                "a workspace's codes must be in 4000–4999; pick a free number there"
            )
    return config


def _raw_codes(toml: str) -> dict[int, dict[str, str]]:
    import tomllib

    doc = tomllib.loads(toml) if toml.strip() else {}
    return {int(k): {kk: str(vv) for kk, vv in v.items()} for k, v in doc.get("codes", {}).items()}


def _define(args: list[str], codes: dict[int, dict[str, str]]) -> tuple[int, dict[str, str]]:
    usage = 'usage: /wscode define 4001 "Session expired" retry=after-fix sender=server "What to do."'
    if len(args) < 2:
        raise EditError(usage)
    number, *rest = args
    if not number.isdigit():
        raise EditError(f"{number!r} is not a close code number — {usage}")
    entry: dict[str, str] = {}
    loose: list[str] = []
    for arg in rest:
        key, eq, value = arg.partition("=")
        if eq and key in _KEYS:
            entry[key] = value
        elif eq and key.isidentifier():
            raise EditError(
                f"{WORKSPACE_FILE}: codes.{number}.{key}: unknown key {key!r} — the keys are "
                f"{', '.join(sorted(_KEYS))}"
            )
        else:
            loose.append(arg)
    if loose and "name" not in entry:
        entry["name"] = loose.pop(0)
    if loose and "action" not in entry:
        entry["action"] = loose.pop(0)
    if loose:
        raise EditError(f'too many texts without a key ({loose[0]!r}): write meaning="…" — {usage}')
    return int(number), entry


def apply_edit(text: str, current: str) -> Edited:
    """The workspace's new ``wscodes.toml`` after the edit ``text`` (define/undefine/import)."""
    word, _, rest = text.strip().partition(" ")
    word = word.lower()
    if word == "import":
        body = rest.strip().strip("`").strip()
        if body.startswith("toml\n"):
            body = body[5:]
        if not body:
            raise EditError("paste the wscodes.toml after /wscode import")
        config = _validate(body)
        return Edited(
            to_toml(_raw_codes(body)),
            f"Imported {len(config.codes)} code(s): {', '.join(map(str, config.codes)) or 'none'}.",
        )
    try:
        args = shlex.split(rest.translate(_QUOTES))
    except ValueError as exc:
        raise EditError(f"cannot read that: {exc} (close every quote)") from None
    codes = _raw_codes(current)
    if word == "undefine":
        if len(args) != 1 or not args[0].isdigit():
            raise EditError("usage: /wscode undefine 4001")
        n = int(args[0])
        if n not in codes:
            raise EditError(f"{n} is not one of this workspace's codes")
        del codes[n]
        return Edited(to_toml(codes), f"Removed {n} from this workspace's codes.")
    n, entry = _define(args, codes)
    codes[n] = entry
    toml = to_toml(codes)
    config = _validate(toml)
    return Edited(toml, f"Defined {n} {config.codes[n].name} for this workspace.")


_REGISTRIES: OrderedDict[tuple[str, str], ProjectRegistry] = OrderedDict()
_MAX_REGISTRIES = 256


def registry_for(base: ProjectRegistry, team_id: str, toml: str) -> ProjectRegistry:
    """The server's registry plus the workspace's codes (built once per stored text)."""
    key = (team_id, toml)
    found = _REGISTRIES.get(key)
    if found is not None:
        _REGISTRIES.move_to_end(key)
        return found
    try:
        config = parse_config(toml, WORKSPACE_FILE)
    except ConfigError:
        config = ProjectConfig()  # stored text was validated when saved; never fail an answer
    merged = ProjectConfig(
        path=base.config.path, codes={**base.team, **config.codes}, settings=base.config.settings
    )
    registry = _REGISTRIES[key] = ProjectRegistry(merged)
    while len(_REGISTRIES) > _MAX_REGISTRIES:
        _REGISTRIES.popitem(last=False)
    return registry
