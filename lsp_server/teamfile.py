"""The team's codes file (``wscodes.toml`` or ``[tool.wscodes]`` in ``pyproject.toml``) in the editor.

The buffer's text is validated by the same loader the command line uses
(``core.teamcodes.load_config``), so a bad entry gets the CLI's ConfigError message; this module
only finds where in the text each entry and key is, and builds hovers, completions, code lenses
and the edit that documents a new code.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lsprotocol import types

from wscodes.core.errors import ConfigError
from wscodes.core.registry import Retry, Sender
from wscodes.core.teamcodes import ProjectConfig, load_config

if TYPE_CHECKING:
    from collections.abc import Mapping

TEAM_FILE_NAMES = ("wscodes.toml", "pyproject.toml")
SOURCE = "wscodes"

# What each key of a code's table means (the format is core.teamcodes' docstring).
CODE_KEYS: Mapping[str, str] = {
    "name": "A few words naming the code, e.g. `Session expired` (required).",
    "meaning": "What the code means, in a sentence: shown in hovers and completions.",
    "sender": "Who sends it: `client`, `server` or `either` (default `either`).",
    "retry": "What the receiver should do about reconnecting: "
    + ", ".join(f"`{r.value}`" for r in Retry)
    + " (default `unknown`).",
    "action": "What to do when it arrives, e.g. `Refresh the token, then reconnect.`",
}
KEY_VALUES: Mapping[str, tuple[str, ...]] = {
    "sender": tuple(s.value for s in Sender if s is not Sender.NONE),
    "retry": tuple(r.value for r in Retry),
}
SETTING_KEYS: Mapping[str, str] = {
    "rules": 'Per-rule severity, e.g. `rules = { WSC005 = "off" }`.',
    "runtime": "Which WebSocket API JavaScript/TypeScript targets: `auto`, `browser` or `node`.",
    "select": 'Only these rules, e.g. `select = ["WSC001"]`.',
    "ignore": 'Every rule but these, e.g. `ignore = ["WSC005"]`.',
}

_HEADER = re.compile(r"^[ \t]*\[(?!\[)[ \t]*(?P<name>[^\]#]*?)[ \t]*\][ \t]*(?:#.*)?$")
_KEY = re.compile(r'^[ \t]*"?(?P<key>[\w-]+)"?[ \t]*=')
_LINE_COL = re.compile(r"at line (?P<line>\d+), column (?P<col>\d+)")
_DOTS = re.compile(r"[ \t]*\.[ \t]*")


def is_team_file(uri_or_path: str) -> bool:
    return os.path.basename(uri_or_path.rstrip("/")) in TEAM_FILE_NAMES


@dataclass
class Entry:
    """Where one code's entry is: its header (or inline key) line, and its keys' lines."""

    code: int
    line: int
    start: int  # characters: the number's span on that line
    end: int
    keys: dict[str, int] = field(default_factory=dict)  # key -> line (tables only)
    last_line: int = 0


@dataclass
class TeamFile:
    """A parsed team file: the config (None when invalid), the error, and where entries are."""

    path: str
    prefix: str  # "" or "tool.wscodes."
    config: ProjectConfig | None
    error: ConfigError | None
    entries: dict[int, Entry]
    lines: list[str]
    table_of_line: list[str]  # the table each line belongs to ("" before any header)

    def entry_at(self, line: int) -> Entry | None:
        for entry in self.entries.values():
            if entry.line <= line <= entry.last_line:
                return entry
        return None


def _split_lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def locate(text: str, file_name: str) -> tuple[str, dict[int, Entry], list[str]]:
    """(prefix, entries by code, the table name of every line) — from the text alone."""
    prefix = "tool.wscodes." if file_name == "pyproject.toml" else ""
    codes_table = f"{prefix}codes"
    entries: dict[int, Entry] = {}
    tables: list[str] = []
    table = ""
    current: Entry | None = None
    lines = _split_lines(text)
    for number, line in enumerate(lines):
        header = _HEADER.match(line)
        if header:
            table = _DOTS.sub(".", header.group("name")).replace('"', "")
            current = None
            if table.startswith(codes_table + ".") and table[len(codes_table) + 1 :].isdigit():
                code = int(table[len(codes_table) + 1 :])
                digits = re.search(rf"\b{code}\b", line)
                start, end = (digits.start(), digits.end()) if digits else (0, len(line))
                current = entries.setdefault(code, Entry(code, number, start, end, last_line=number))
        else:
            key = _KEY.match(line)
            if key and table == codes_table and key.group("key").isdigit():
                code = int(key.group("key"))
                entries.setdefault(
                    code, Entry(code, number, key.start("key"), key.end("key"), last_line=number)
                )
            elif key and current is not None:
                current.keys[key.group("key")] = number
            if current is not None and line.strip():
                current.last_line = number
        tables.append(table)
    return prefix, entries, tables


def parse(text: str, path: str, *, validate: bool = True) -> TeamFile:
    """Locate the entries; with ``validate``, also check the text with core's loader (through a
    private copy on disk, so the messages are the command line's)."""
    name = os.path.basename(path)
    prefix, entries, tables = locate(text, name)
    config: ProjectConfig | None = None
    error: ConfigError | None = None
    if not validate:
        return TeamFile(path, prefix, config, error, entries, _split_lines(text), tables)
    with tempfile.TemporaryDirectory(prefix="wscodes-lsp-") as folder:
        copy = os.path.join(folder, name)
        with open(copy, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        try:
            config = load_config(copy)
        except ConfigError as exc:
            error = ConfigError(path, exc.key, exc.problem, exc.fix)
    if config is not None:
        config = ProjectConfig(path=path, codes=config.codes, settings=config.settings)
    return TeamFile(path, prefix, config, error, entries, _split_lines(text), tables)


def _line_range(team: TeamFile, line: int, start: int = 0, end: int | None = None) -> types.Range:
    line = min(max(line, 0), max(len(team.lines) - 1, 0))
    text = team.lines[line] if team.lines else ""
    stop = len(text.encode("utf-16-le")) // 2 if end is None else end
    return types.Range(
        start=types.Position(line=line, character=start), end=types.Position(line=line, character=stop)
    )


def entry_range(team: TeamFile, entry: Entry) -> types.Range:
    return _line_range(team, entry.line, entry.start, entry.end)


def error_range(team: TeamFile, error: ConfigError) -> types.Range:
    """Where the error is: the key's line inside its entry, TOML's own line/column, else line 0."""
    found = _LINE_COL.search(error.problem)
    if error.key is None and found:
        return _line_range(team, int(found.group("line")) - 1)
    if error.key:
        parts = error.key[len(team.prefix) :].split(".") if error.key.startswith(team.prefix) else []
        if len(parts) >= 2 and parts[0] == "codes" and parts[1].isdigit():
            entry = team.entries.get(int(parts[1]))
            if entry is not None:
                if len(parts) >= 3 and parts[2] in entry.keys:
                    return _line_range(team, entry.keys[parts[2]])
                return entry_range(team, entry)
        key = error.key.rsplit(".", 1)[-1]
        for number, line in enumerate(team.lines):
            match = _KEY.match(line) or _HEADER.match(line)
            if match and key in line:
                return _line_range(team, number)
    return _line_range(team, 0)


def diagnostics(team: TeamFile, used: set[int] | None) -> list[types.Diagnostic]:
    """The loader's error, and a warning for each documented code no file of the workspace uses
    (``used``: the codes the workspace index has; None while it is still being built)."""
    found: list[types.Diagnostic] = []
    if team.error is not None:
        error = team.error
        key = f"{error.key}: " if error.key else ""
        found.append(
            types.Diagnostic(
                range=error_range(team, error),
                message=f"{key}{error.problem} — {error.fix}",
                severity=types.DiagnosticSeverity.Error,
                source=SOURCE,
            )
        )
    if used is not None and team.config is not None:
        for code in team.config.codes:
            entry = team.entries.get(code)
            if code in used or entry is None:
                continue
            found.append(
                types.Diagnostic(
                    range=entry_range(team, entry),
                    message=f"{code} is documented here, but no file in the workspace sends or handles it",
                    severity=types.DiagnosticSeverity.Warning,
                    source=SOURCE,
                    tags=[types.DiagnosticTag.Unnecessary],
                )
            )
    return found


def key_at(team: TeamFile, line: int) -> str | None:
    if not 0 <= line < len(team.lines):
        return None
    match = _KEY.match(team.lines[line])
    return match.group("key") if match else None


def _table(team: TeamFile, line: int) -> str | None:
    return team.table_of_line[line] if 0 <= line < len(team.table_of_line) else None


def in_code_table(team: TeamFile, line: int) -> bool:
    if not 0 <= line < len(team.table_of_line):
        return False
    table = team.table_of_line[line]
    codes = f"{team.prefix}codes."
    return table.startswith(codes) and table[len(codes) :].isdigit()


def completion(team: TeamFile, position: types.Position) -> list[types.CompletionItem]:
    """Keys of a code's table (those not there yet), and the values of sender / retry / runtime."""
    line = team.lines[position.line] if position.line < len(team.lines) else ""
    before = line[: position.character]
    value = re.match(r'^[ \t]*"?([\w-]+)"?[ \t]*=[ \t]*"?([\w-]*)$', before)
    if value:
        key = value.group(1)
        choices = KEY_VALUES.get(key) or (("auto", "browser", "node") if key == "runtime" else ())
        quoted = before.rstrip().endswith('"') or '"' in before.split("=", 1)[1]
        return [
            types.CompletionItem(
                label=choice,
                kind=types.CompletionItemKind.EnumMember,
                insert_text=choice if quoted else f'"{choice}"',
                filter_text=choice,
            )
            for choice in choices
        ]
    if not re.match(r"^[ \t]*[\w-]*$", before):
        return []
    if in_code_table(team, position.line):
        table = team.table_of_line[position.line]
        entry = team.entries.get(int(table.rsplit(".", 1)[-1]))
        present = set(entry.keys) if entry else set()
        keys = {k: v for k, v in CODE_KEYS.items() if k not in present}
    elif _table(team, position.line) == team.prefix.rstrip("."):
        keys = dict(SETTING_KEYS)
    else:
        return []
    return [
        types.CompletionItem(
            label=key,
            kind=types.CompletionItemKind.Property,
            documentation=types.MarkupContent(kind=types.MarkupKind.Markdown, value=doc),
            insert_text=f"{key} = ",
        )
        for key, doc in keys.items()
    ]


def key_hover(team: TeamFile, line: int) -> str | None:
    key = key_at(team, line)
    if key is None:
        return None
    if in_code_table(team, line) and key in CODE_KEYS:
        return f"`{key}`: {CODE_KEYS[key]}"
    if _table(team, line) == team.prefix.rstrip(".") and key in SETTING_KEYS:
        return f"`{key}`: {SETTING_KEYS[key]}"
    return None


def entry_text(code: int, file_name: str) -> str:
    """The table that documents ``code``, for the team file ``file_name``."""
    prefix = "tool.wscodes." if file_name == "pyproject.toml" else ""
    return (
        f"[{prefix}codes.{code}]\n"
        f'name = "TODO: a few words"\n'
        f'meaning = "TODO: what {code} means and what the other end should do."\n'
        f'sender = "either"\n'
    )


def append_edit(text: str, code: int, file_name: str) -> types.TextEdit:
    """The edit that appends the entry for ``code`` at the end of ``text`` (a blank line before)."""
    lines = _split_lines(text)
    last = len(lines) - 1
    end = types.Position(line=last, character=len(lines[last].encode("utf-16-le")) // 2)
    if text.strip() == "":
        lead = ""
    elif text.endswith(("\n", "\r")):
        lead = "\n"
    else:
        lead = "\n\n"
    return types.TextEdit(range=types.Range(start=end, end=end), new_text=lead + entry_text(code, file_name))
