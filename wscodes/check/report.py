"""``wscode check``'s output formats: they only translate the core's findings (``Row``s).

concise (default)  ``path:line:col: WSC001 short message`` (``[*]``: ``--fix`` can fix it)
full               ``path:line:col: WSC001 the whole message``, then the fix and the rule's page
json               a list of objects (documented in docs/ci.md)
sarif              SARIF 2.1.0 for code scanning (each rule and result links to its page)
github             GitHub Actions workflow commands (annotations on the pull request)
gitlab             a GitLab Code Quality report
junit              JUnit XML (one test suite per file, one failing test case per finding)
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import NamedTuple
from urllib.parse import quote

from wscodes.core.rules import rule_for

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["FORMATS", "Row", "render", "statistics", "summary"]

INFO_URI = "https://www.rfc-editor.org/rfc/rfc6455#section-7.4"

# (title, line, column, end_line, end_column, replacement), 1-based code-point columns
FixRow = tuple[str, int, int, int, int, str]


class Row(NamedTuple):
    """One reported finding, flat (worker processes send these back cheaply)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: str
    message: str
    code: int | None
    fixes: tuple[FixRow, ...]
    short: str

    @property
    def fixable(self) -> str:
        """ "safe", "unsafe" or "" : what kind of automatic fix the finding has."""
        if not self.fixes:
            return ""
        rule = rule_for(self.rule)
        return rule.fix_safety if rule is not None and rule.fix_safety != "none" else ""


def display(path: str) -> str:
    return path[2:] if path.startswith("./") else path


def _concise(rows: Sequence[Row]) -> str:
    out = []
    for r in rows:
        mark = " [*]" if r.fixable == "safe" else ""
        out.append(f"{display(r.path)}:{r.line}:{r.column}: {r.rule}{mark} {r.short}\n")
    return "".join(out)


def _full(rows: Sequence[Row]) -> str:
    out = []
    for r in rows:
        out.append(f"{display(r.path)}:{r.line}:{r.column}: {r.rule} {r.message}\n")
        if r.fixes:
            kind = {"safe": "fix", "unsafe": "unsafe fix (--unsafe-fixes)"}.get(r.fixable, "suggestion")
            out.append(f"  {kind}: {r.fixes[0][0]}\n")
        rule = rule_for(r.rule)
        if rule is not None and rule.url:
            out.append(f"  see {rule.url}\n")
    return "".join(out)


def _measured(code: int | None) -> dict[str, list[str]] | None:
    """What the measured implementations do with ``code`` (core/data/interop.json): which fail the
    connection when they receive it, which close() APIs don't send it as given; None when the
    interop harness does not try that code."""
    from wscodes.core.registry import measured_for

    found = measured_for(code) if code is not None else ()
    if not found:
        return None
    return {
        "rejected_on_receipt_by": [
            m.label for m in found if m.scenario == "receive" and m.outcome == "fails"
        ],
        "not_sent_as_given_by": [m.label for m in found if m.scenario == "send" and m.outcome != "sent"],
    }


def _json(rows: Sequence[Row]) -> str:
    out = []
    for r in rows:
        rule = rule_for(r.rule)
        evidence = rule.evidence if rule is not None else None
        out.append(
            {
                "path": display(r.path),
                "line": r.line,
                "column": r.column,
                "end_line": r.end_line,
                "end_column": r.end_column,
                "rule": r.rule,
                "name": rule.name if rule else r.rule,
                "severity": r.severity,
                "message": r.message,
                "short": r.short,
                "code": r.code,
                "url": rule.url if rule else "",
                "evidence": {"title": evidence.title, "url": evidence.url} if evidence else None,
                "fix_safety": r.fixable or None,
                "measured": _measured(r.code),
                "fixes": [
                    {"title": t, "line": a, "column": b, "end_line": c, "end_column": d, "replacement": rep}
                    for t, a, b, c, d, rep in r.fixes
                ],
            }
        )
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note", "hint": "note"}


def _artifact(path: str) -> dict[str, str]:
    """A SARIF artifactLocation: relative to %SRCROOT% (the working directory) when inside it."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    if relative == ".." or relative.startswith(".." + os.sep):
        from pathlib import Path

        return {"uri": Path(absolute).as_uri()}
    return {"uri": quote(relative.replace(os.sep, "/")), "uriBaseId": "%SRCROOT%"}


def _sarif(rows: Sequence[Row]) -> str:
    from importlib import metadata
    from pathlib import Path

    from wscodes.core.rules import RULES, UNUSED_SUPPRESSION

    try:
        version = metadata.version("wscodes")
    except metadata.PackageNotFoundError:
        version = "0"
    every = list(RULES.values())
    if any(r.rule == UNUSED_SUPPRESSION.id for r in rows):
        every.append(UNUSED_SUPPRESSION)
    rule_ids = [rule.id for rule in every]
    rules = []
    for rule in every:
        evidence = f"{rule.evidence.title}: {rule.evidence.url}" if rule.evidence.url else ""
        rules.append(
            {
                "id": rule.id,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": f"{rule.what} {rule.why}".strip()},
                "helpUri": rule.url or rule.evidence.url or INFO_URI,
                "help": {
                    "text": f"{rule.summary}\n{rule.fix}\n{evidence}".strip(),
                    "markdown": f"{rule.summary}\n\n{rule.fix}\n\n"
                    + (f"[{rule.evidence.title}]({rule.evidence.url})" if rule.evidence.url else ""),
                },
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity.value]},
                "properties": {"tags": ["websocket", "close-code"]},
            }
        )
    results = []
    for r in rows:
        location = {"artifactLocation": _artifact(r.path)}
        region = {
            "startLine": r.line,
            "startColumn": r.column,
            "endLine": r.end_line,
            "endColumn": r.end_column,
        }
        result: dict[str, object] = {
            "ruleId": r.rule,
            "ruleIndex": rule_ids.index(r.rule),
            "level": _SARIF_LEVEL[r.severity],
            "message": {"text": r.message},
            "locations": [{"physicalLocation": {**location, "region": region}}],
        }
        if r.fixes:
            result["fixes"] = [
                {
                    "description": {"text": title},
                    "artifactChanges": [
                        {
                            **location,
                            "replacements": [
                                {
                                    "deletedRegion": {
                                        "startLine": a, "startColumn": b, "endLine": c, "endColumn": d,
                                    },
                                    "insertedContent": {"text": replacement},
                                }
                            ],
                        }
                    ],
                }
                for title, a, b, c, d, replacement in r.fixes
            ]  # fmt: skip
        results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "wscode",
                        "informationUri": _repository() or INFO_URI,
                        "version": version,
                        "semanticVersion": version,
                        "rules": rules,
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def _repository() -> str:
    from wscodes.core.rules import project_urls

    return project_urls().get("repository", "")


def _github(rows: Sequence[Row]) -> str:
    """Workflow commands (docs.github.com, "Workflow commands for GitHub Actions": error, warning
    and notice with file, line, col, endLine, endColumn, title; data escapes %, CR, LF and
    properties also ':' and ',')."""

    def data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(text: str) -> str:
        return data(text).replace(":", "%3A").replace(",", "%2C")

    level = {"error": "error", "warning": "warning", "info": "notice", "hint": "notice"}
    out = []
    for r in rows:
        rule = rule_for(r.rule)
        title = f"{r.rule} {rule.name}" if rule else r.rule
        where = f"file={prop(display(r.path))},line={r.line},col={r.column}"
        if r.end_line == r.line:
            where += f",endColumn={r.end_column}"
        else:
            where += f",endLine={r.end_line}"
        out.append(f"::{level[r.severity]} {where},title={prop(title)}::{data(r.message)}\n")
    return "".join(out)


def _gitlab(rows: Sequence[Row]) -> str:
    """A GitLab Code Quality report (docs.gitlab.com, "Code Quality report format": description,
    check_name, fingerprint, severity, location.path, location.lines.begin)."""
    severity = {"error": "major", "warning": "minor", "info": "info", "hint": "info"}
    seen: dict[tuple[str, str, str], int] = {}
    out = []
    for r in rows:
        path = display(r.path)
        key = (path, r.rule, r.message)
        seen[key] = seen.get(key, 0) + 1  # the same finding twice in a file: still two fingerprints
        # (no line number in it: moving code around keeps an issue the same issue)
        fingerprint = hashlib.sha256("\0".join((*key, str(seen[key]))).encode()).hexdigest()
        out.append(
            {
                "description": f"{r.rule}: {r.message}",
                "check_name": r.rule,
                "fingerprint": fingerprint,
                "severity": severity[r.severity],
                "location": {"path": path, "lines": {"begin": r.line, "end": r.end_line}},
            }
        )
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"


def _junit(rows: Sequence[Row]) -> str:
    """JUnit XML: a test suite per file with findings, a failing test case per finding (a clean run
    is one passing case)."""
    from xml.etree import ElementTree as ET

    suites = ET.Element(
        "testsuites", name="wscode check", tests=str(max(len(rows), 1)), failures=str(len(rows))
    )
    by_path: dict[str, list[Row]] = {}
    for r in rows:
        by_path.setdefault(display(r.path), []).append(r)
    if not by_path:
        suite = ET.SubElement(suites, "testsuite", name="wscode check", tests="1", failures="0")
        ET.SubElement(suite, "testcase", name="no findings", classname="wscode")
    for path, found in by_path.items():
        suite = ET.SubElement(suites, "testsuite", name=path, tests=str(len(found)), failures=str(len(found)))
        for r in found:
            case = ET.SubElement(
                suite, "testcase", name=f"wscode.{r.rule}", classname=path, file=path, line=str(r.line)
            )
            failure = ET.SubElement(case, "failure", message=r.short, type=r.rule)
            failure.text = f"{path}:{r.line}:{r.column}: {r.message}"
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


FORMATS: dict[str, Callable[[Sequence[Row]], str]] = {
    "concise": _concise,
    "full": _full,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "gitlab": _gitlab,
    "junit": _junit,
}


def render(rows: Sequence[Row], output_format: str) -> str:
    return FORMATS[output_format](rows)


def statistics(rows: Sequence[Row], as_json: bool) -> str:
    """Findings per rule, most first (ruff's --statistics): count, rule, [*] when fixable, name."""
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.rule] = counts.get(r.rule, 0) + 1
    fixable = {r.rule for r in rows if r.fixable == "safe"}
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        items = []
        for rule_id, n in ordered:
            rule = rule_for(rule_id)
            items.append(
                {
                    "code": rule_id,
                    "name": rule.name if rule else rule_id,
                    "count": n,
                    "fixable": rule_id in fixable,
                }
            )
        return json.dumps(items, indent=2) + "\n"
    lines = []
    for rule_id, n in ordered:
        rule = rule_for(rule_id)
        mark = "[*]" if rule_id in fixable else "[ ]"
        lines.append(f"{n:>5}\t{rule_id}\t{mark} {rule.name if rule else ''}\n")
    return "".join(lines)


def _plural(n: int, word: str) -> str:
    if n == 1 or word == "info":
        return f"{n} {word}"
    return f"{n} {word}s"


def summary(checked: int, rows: Sequence[Row], suppressed: int, fixed: int = 0) -> str:
    """``3 files checked: 1 error, 2 warnings (1 suppressed)``."""
    order = ("error", "warning", "info", "hint")
    counts = {s: sum(1 for r in rows if r.severity == s) for s in order}
    found = ", ".join(_plural(n, s) for s, n in counts.items() if n) or "no findings"
    extra = []
    if fixed:
        extra.append(f"{_plural(fixed, 'fix')} applied".replace("fixs", "fixes"))
    if suppressed:
        extra.append(f"{suppressed} suppressed")
    fixable = sum(1 for r in rows if r.fixable == "safe")
    if fixable:
        extra.append(f"{fixable} fixable with --fix")
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"{_plural(checked, 'file')} checked: {found}{tail}"
