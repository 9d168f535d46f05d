"""Library close-API semantics are data (core/data/close_apis.json), each entry with its source;
an occurrence passed through such an API carries the library's effect, and no rule fires on it."""

from __future__ import annotations

import json

from wscodes.core.rules import RuleConfig, analyse
from wscodes.core.scan import LANGUAGES, scan_strict
from wscodes.core.scan.library import CLOSE_APIS_FILE
from wscodes.core.teamcodes import builtin_registry


def test_every_entry_names_its_source_and_a_known_language() -> None:
    with open(CLOSE_APIS_FILE, encoding="utf-8") as f:
        entries = json.load(f)["lenient"]
    assert entries
    for entry in entries:
        assert entry["language"] in LANGUAGES
        assert entry["calls"] and entry["codes"] and entry["marker"] and entry["effect"]
        assert "commit" in entry["source"], entry  # a library's file at a version
        # (0: a library's "no code" sentinel that it sends as an empty Close frame, Boost.Beast's none)
        assert all(c in (0, 1004, 1005, 1006, 1015) for c in entry["codes"])


def test_every_code_argument_entry_names_its_source() -> None:
    with open(CLOSE_APIS_FILE, encoding="utf-8") as f:
        entries = json.load(f)["arguments"]
    assert entries
    for entry in entries:
        assert entry["language"] in LANGUAGES
        assert entry["calls"] and entry["marker"] and entry["arity"]
        assert all(0 <= entry["index"] < n for n in entry["arity"]), entry
        assert "commit" in entry["source"], entry


GORILLA = """\
package main

import "github.com/gorilla/websocket"

func f(c *websocket.Conn) {
	c.WriteMessage(websocket.CloseMessage, websocket.FormatCloseMessage(websocket.CloseNoStatusReceived, ""))
}
"""


def test_the_occurrence_says_what_the_library_does() -> None:
    (occurrence,) = scan_strict(GORILLA, "go").occurrences
    assert occurrence.role == "send" and occurrence.code == 1005
    assert occurrence.library_note is not None and "empty payload" in occurrence.library_note
    assert analyse(GORILLA, "go", builtin_registry(), RuleConfig()).findings == ()


def test_without_the_library_the_same_call_is_a_finding() -> None:
    other = GORILLA.replace('"github.com/gorilla/websocket"', '"example.com/mysocket"')
    (occurrence,) = scan_strict(other, "go").occurrences
    assert occurrence.library_note is None
    assert [f.rule for f in analyse(other, "go", builtin_registry(), RuleConfig()).findings] == ["WSC001"]


UWS = """\
#include "App.h"
void f(uWS::WebSocket<false, true, int>* ws) { ws->end(1015, "tls"); }
"""


def test_a_call_named_only_in_a_library_s_files_needs_the_library() -> None:
    """uWebSockets' ws->end(code, message) closes; without uWS, end(…) is any other function."""
    (occurrence,) = scan_strict(UWS, "cpp").occurrences
    assert occurrence.role == "send" and occurrence.code == 1015 and occurrence.api == "ws.end"
    other = scan_strict(UWS.replace('"App.h"', '"range.h"').replace("uWS::", "std::"), "cpp").occurrences
    # no send: only a hover mention (a code and a reason given to end() on a WebSocket; see mentions.py)
    assert [(o.role, o.code) for o in other] == [("mention", 1015)]


KJ = """\
#include <kj/compat/http.h>
kj::Promise<void> f(kj::WebSocket& ws) { return ws.close(1005, REASON); }
"""


def test_a_mapping_that_needs_an_empty_reason_holds_only_without_one() -> None:
    """kj sends 1005 as an empty Close frame, but throws when a reason comes with it."""
    assert analyse(KJ.replace("REASON", "nullptr"), "cpp", builtin_registry(), RuleConfig()).findings == ()
    with_reason = analyse(KJ.replace("REASON", '"bye"'), "cpp", builtin_registry(), RuleConfig()).findings
    assert [f.rule for f in with_reason] == ["WSC001"]


def test_every_rejecting_entry_names_its_source_and_only_legal_codes() -> None:
    """A "rejects" entry is about codes the protocol allows (the other rules cover the rest), and
    the finding cites the entry's own registry source."""
    from wscodes.core.registry import data

    with open(CLOSE_APIS_FILE, encoding="utf-8") as f:
        entries = json.load(f)["rejects"]
    assert entries
    for entry in entries:
        assert entry["language"] in LANGUAGES and entry["calls"] and entry["marker"]
        assert "commit" in entry["source"] and entry["evidence"] in data().sources
        assert "{code}" in entry["effect"]
        assert all(
            c == 1000 or 1007 <= c <= 1014 or 1001 <= c <= 1003 or 3000 <= c <= 4999 for c in entry["codes"]
        )


def test_a_library_that_rejects_a_legal_code_is_named_with_its_source() -> None:
    text = "import 'dart:io';\n\nFuture<void> restart(WebSocket ws) => ws.close(1013, 'busy');\n"
    analysis = analyse(text, "dart", builtin_registry(), RuleConfig())
    (finding,) = analysis.findings
    assert finding.rule == "WSC011" and finding.code == 1013
    assert "WebSocketException: Reserved status code 1013" in finding.message
    assert finding.evidence.url.startswith("https://github.com/dart-lang/sdk/blob/")
    (occ,) = analysis.scan.occurrences
    assert occ.rejected_by == "dart:io"
    # without dart:io (another library's close) the same call is fine
    assert (
        analyse(
            text.replace("dart:io", "package:other/io.dart"), "dart", builtin_registry(), RuleConfig()
        ).findings
        == ()
    )
