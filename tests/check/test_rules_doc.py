"""One rule, one place: docs/rules.md and `wscode rule` come from core/rules.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from wscodes.core.rules import RULES, UNUSED_SUPPRESSION, project_urls
from wscodes.rules_doc import document

REPO = Path(__file__).resolve().parents[2]


def test_docs_rules_md_is_current() -> None:
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == document(), "regenerate it: python -m wscodes.rules_doc > docs/rules.md"


def test_every_rule_is_documented_and_links_to_its_section() -> None:
    text = document()
    for rule in [*RULES.values(), UNUSED_SUPPRESSION]:
        assert rule.what and rule.why and rule.example and rule.fix, rule.id
        assert rule.fix_safety in ("safe", "unsafe", "none")
        assert f"\n## {rule.id}\n" in text
        assert rule.url == f"{project_urls()['rules']}#{rule.id.lower()}"


def test_wscode_rule_prints_one_rule() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "wscodes", "rule", *args], capture_output=True, text=True, timeout=60,
            check=False,
        )  # fmt: skip

    result = run("wsc001")
    assert result.returncode == 0
    for heading in ("What it finds", "Why", "Example", "Fix", "Source", "RFC 6455 §7.4.1", "#wsc001"):
        assert heading in result.stdout
    unknown = run("WSC01")
    assert unknown.returncode == 2 and re.search(r"did you mean `WSC01[0-3]`\?", unknown.stderr)
    assert "Traceback" not in unknown.stderr
    listing = run()
    assert listing.returncode == 0 and "WSC010" in listing.stdout and "WSC100" in listing.stdout
