"""The rules' documentation, from the one place it is written (``core.rules``): ``wscode rule
WSC001`` in the terminal, and docs/rules.md (``python -m wscodes.rules_doc > docs/rules.md``; a
test checks the file is current)."""

from __future__ import annotations

import sys

from wscodes.core.rules import RULES, UNUSED_SUPPRESSION, Rule, rule_for

__all__ = ["document", "main", "rule_text"]

_SAFETY = {
    "safe": "yes: `wscode check --fix` applies it",
    "unsafe": "unsafe: only with `wscode check --fix --unsafe-fixes` (see why above)",
    "none": "no automatic fix",
}


def _every() -> list[Rule]:
    return [*RULES.values(), UNUSED_SUPPRESSION]


def rule_text(rule: Rule) -> str:
    """What ``wscode rule ID`` prints: plain text, one section per heading."""

    def indent(text: str) -> str:
        return "".join(f"    {line}\n" for line in text.splitlines())

    parts = [
        f"{rule.id} {rule.name} ({rule.severity.value})\n\n{rule.summary}\n",
        f"\nWhat it finds\n  {rule.what}\n",
        f"\nWhy\n  {rule.why}\n",
        f"\nExample\n{indent(rule.example)}",
    ]
    if rule.fixed:
        parts.append(f"\nInstead\n{indent(rule.fixed)}")
    parts.append(f"\nFix\n  {rule.fix}\n  Automatic fix: {_SAFETY[rule.fix_safety]}.\n")
    if rule.evidence.url:
        parts.append(f"\nSource\n  {rule.evidence.title}: {rule.evidence.url}\n")
    if rule.url:
        parts.append(f"\nDocumentation\n  {rule.url}\n")
    parts.append(f"\nSuppress it on one line with a comment: wscode: ignore[{rule.id}]\n")
    return "".join(parts)


def document() -> str:
    """docs/rules.md: the table of every rule, then one section per rule."""
    lines = [
        "# wscodes rules",
        "",
        "<!-- Generated from core/rules.py by `python -m wscodes.rules_doc > docs/rules.md`; "
        "tests/check/test_rules_doc.py checks it is current. -->",
        "",
        "`wscode check`, the language server and the tests run the same rules. Each has a stable id; "
        'its severity can be changed in `wscodes.toml` (`rules = {WSC005 = "off"}`), and one '
        "finding can be silenced with `# wscode: ignore[WSC005]` (or `// …`) on its line or alone "
        "on the line before. `wscode rule WSC001` prints a rule's page in the terminal.",
        "",
        "| Rule | Name | Severity | Fix | What it finds |",
        "| --- | --- | --- | --- | --- |",
    ]
    fix_mark = {"safe": "safe", "unsafe": "unsafe", "none": ""}
    for rule in _every():
        lines.append(
            f"| [{rule.id}](#{rule.id.lower()}) | `{rule.name}` | {rule.severity.value} | "
            f"{fix_mark[rule.fix_safety]} | {rule.summary} |"
        )
    for rule in _every():
        lines += [
            "",
            f"## {rule.id}",
            "",
            f"**`{rule.name}`** · {rule.severity.value} · automatic fix: {_SAFETY[rule.fix_safety]}",
            "",
            f"**What it finds.** {rule.what}",
            "",
            f"**Why it is wrong.** {rule.why}",
            "",
            "**Example.**",
            "",
            f"```{rule.example_language}",
            rule.example,
            "```",
            "",
        ]
        if rule.fixed:
            lines += ["**Instead.**", "", f"```{rule.example_language}", rule.fixed, "```", ""]
        lines.append(f"**Fix.** {rule.fix}")
        if rule.evidence.url:
            lines += ["", f"**Source.** [{rule.evidence.title}]({rule.evidence.url})"]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    """``wscode rule [ID]``: one rule's page, or the list of rules."""
    if not argv or argv[0] in ("-h", "--help"):
        sys.stdout.write("usage: wscode rule ID   (e.g. wscode rule WSC001)\n\n")
        for rule in _every():
            sys.stdout.write(f"{rule.id}  {rule.name:<32} {rule.severity.value}\n")
        return 0
    if len(argv) > 1:
        sys.stderr.write("wscode: error: give one rule id, e.g. `wscode rule WSC001`\n")
        return 2
    found = rule_for(argv[0])
    if found is None:
        import difflib

        ids = [r.id for r in _every()]
        near = difflib.get_close_matches(argv[0].upper(), ids, n=1, cutoff=0.6)
        hint = f"did you mean `{near[0]}`?" if near else f"rule ids are {ids[0]}–{ids[-2]} and {ids[-1]}"
        sys.stderr.write(f"wscode: error: no rule {argv[0]!r} — {hint}\n")
        return 2
    sys.stdout.write(rule_text(found))
    return 0


if __name__ == "__main__":
    sys.stdout.write(document())
