"""A team's own codes: read from wscodes.toml or [tool.wscodes], merged into every lookup."""

from __future__ import annotations

from pathlib import Path

import pytest

from wscodes.core.errors import ConfigError
from wscodes.core.registry import Sender, Status
from wscodes.core.search import search
from wscodes.core.teamcodes import (
    ProjectConfig,
    ProjectRegistry,
    Projects,
    ProjectSettings,
    discover,
    find_config,
    load_config,
    merge_settings,
    settings_for,
)

GOOD = """
[codes.4001]
name = "Session expired"
meaning = "The user's session token expired."
sender = "server"
retry = "after-fix"
action = "Refresh the token, then reconnect."

[codes.4002]
name = "Kicked by moderator"

[rules]
WSC005 = "off"
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_wscodes_toml(tmp_path: Path) -> None:
    cfg = load_config(str(write(tmp_path, "wscodes.toml", GOOD)))
    assert sorted(cfg.codes) == [4001, 4002]
    c = cfg.codes[4001]
    assert (c.name, c.sender, c.status, c.team) == ("Session expired", Sender.SERVER, Status.TEAM, True)
    assert c.action == "Refresh the token, then reconnect."
    assert c.reference.url.startswith("file://")
    assert cfg.codes[4002].meaning.startswith("Your team's code 4002")
    assert cfg.settings == {"rules": {"WSC005": "off"}}


def test_pyproject_section(tmp_path: Path) -> None:
    text = '[project]\nname = "x"\n\n[tool.wscodes.codes.4100]\nname = "Room full"\n'
    cfg = load_config(str(write(tmp_path, "pyproject.toml", text)))
    assert cfg.codes[4100].name == "Room full"


def test_discovery_walks_up_and_prefers_wscodes_toml(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.wscodes.codes.4100]\nname = "Room full"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) == str(tmp_path / "pyproject.toml")
    write(tmp_path / "a", "wscodes.toml", GOOD)
    assert find_config(deep) == str(tmp_path / "a" / "wscodes.toml")


def test_pyproject_without_section_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    sub = tmp_path / "sub"
    sub.mkdir()
    assert find_config(sub) != str(tmp_path / "pyproject.toml")


def test_explicit_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "team.toml", GOOD)
    assert 4001 in discover(path).codes
    monkeypatch.setenv("WSCODES_CONFIG", str(path))
    assert 4001 in discover(start=Path("/")).codes
    monkeypatch.setenv("WSCODES_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(ConfigError, match="no such file"):
        discover()


def test_lookups_and_searches_include_team_codes(tmp_path: Path) -> None:
    reg = ProjectRegistry(load_config(str(write(tmp_path, "wscodes.toml", GOOD))))
    assert reg.classify(4001).team and reg.lookup(4001) is not None
    assert not reg.classify(4003).team
    assert [c.code for c in reg.known()][-2:] == [4001, 4002]
    assert search("session expired", reg).hits[0].code.code == 4001
    assert search("4xxx", reg).hits[0].code.code == 4001
    assert search("4001", reg).hits[0].code.team
    assert not search("session expired").hits or search("session expired").hits[0].code.code != 4001


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("[codes.4001\nname = 1", None, "invalid TOML"),
        ('[codes.5001]\nname = "x"\n', "codes.5001", "outside the private range"),
        ('[codes.1000]\nname = "x"\n', "codes.1000", "already registered"),
        ('[codes.3003]\nname = "x"\n', "codes.3003", "already registered"),
        ('[codes.abc]\nname = "x"\n', "codes.abc", "not a close code number"),
        ("[codes.4001]\nmeaning = 'no name'\n", "codes.4001.name", "missing name"),
        ('[codes.4001]\nname = "x"\nsender = "bot"\n', "codes.4001.sender", "not one of"),
        ('[codes.4001]\nname = "x"\nretry = "maybe"\n', "codes.4001.retry", "not one of"),
        ('[codes.4001]\nname = "x"\nmeanning = "typo"\n', "codes.4001.meanning", "unknown key"),
        ("codes = 3\n", "codes", "must be a table"),
        ('[codes]\n4001 = "Session expired"\n', "codes.4001", "must be a table"),
    ],
)
def test_bad_files_get_one_clear_error(tmp_path: Path, text: str, key: str | None, words: str) -> None:
    path = write(tmp_path, "wscodes.toml", text)
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    err = info.value
    assert err.path == str(path)
    assert err.key == key
    assert words in str(err)
    assert err.fix and str(path) in str(err)


def test_unregistered_3xxx_is_allowed_for_a_library_of_yours(tmp_path: Path) -> None:
    cfg = load_config(str(write(tmp_path, "wscodes.toml", '[codes.3500]\nname = "Library reset"\n')))
    assert cfg.codes[3500].team


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "wscodes.toml"
    path.write_bytes(b"\xff\xfe[codes]")
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(str(path))


def test_projects_finds_the_nearest_file_for_each_source_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("WSCODES_CONFIG", raising=False)
    root = write(tmp_path, "wscodes.toml", '[codes.4001]\nname = "Root code"\n')
    (tmp_path / "packages" / "b" / "src").mkdir(parents=True)
    (tmp_path / "packages" / "c").mkdir()
    b = write(tmp_path / "packages" / "b", "pyproject.toml", '[tool.wscodes.codes.4002]\nname = "B code"\n')
    write(tmp_path / "packages" / "c", "pyproject.toml", "[project]\nname = 'c'\n")  # no section: skipped
    projects = Projects()
    assert projects.for_file(str(tmp_path / "a.py")).path == str(root)
    assert projects.for_file(str(tmp_path / "packages" / "b" / "src" / "x.py")).path == str(b)
    assert projects.for_file(str(tmp_path / "packages" / "c" / "y.py")).path == str(root)
    assert projects.for_folder(str(tmp_path / "packages")).path == str(root)
    # each file is read once, each folder looked up once
    assert projects.for_file(str(tmp_path / "packages" / "b" / "z.py")) is projects.for_file(str(b))
    # an explicit file (or $WSCODES_CONFIG) applies everywhere
    fixed = Projects(str(b))
    assert fixed.for_file(str(tmp_path / "a.py")).path == str(b)
    monkeypatch.setenv("WSCODES_CONFIG", str(root))
    assert Projects().for_file(str(tmp_path / "packages" / "b" / "x.py")).path == str(root)
    # a bad file is reported when a file under it is first asked for
    monkeypatch.delenv("WSCODES_CONFIG")
    write(tmp_path / "packages" / "c", "wscodes.toml", "codes = [\n")
    with pytest.raises(ConfigError):
        Projects().for_file(str(tmp_path / "packages" / "c" / "y.py"))


def test_config_errors_survive_pickling() -> None:
    """`wscode check` workers are processes: a bad project file found there reaches the main one."""
    import pickle

    error = ConfigError("p/wscodes.toml", "codes.1006", "is registered", "use 4000–4999")
    again = pickle.loads(pickle.dumps(error))
    assert (again.path, again.key, again.problem, again.fix, str(again)) == (
        error.path, error.key, error.problem, error.fix, str(error),
    )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# The one settings resolver that `wscode check` and the language server both call


def test_merge_settings_combines_rule_tables_and_extends_ignore() -> None:
    merged = merge_settings(
        {"rules": {"WSC001": "warning", "WSC005": "off"}, "runtime": "node", "codes": {}},
        {"rules": {"WSC005": "error"}, "ignore": ["WSC002"]},
        {"extend-ignore": ["WSC003"]},
    )
    assert merged == {
        "rules": {"WSC001": "warning", "WSC005": "error"},
        "runtime": "node",
        "ignore": ["WSC002", "WSC003"],
    }
    assert merge_settings({"ignore": "WSC001,WSC002"}, {"extend-ignore": ["WSC004"]})["ignore"] == [
        "WSC001",
        "WSC002",
        "WSC004",
    ]


def test_settings_for_layers_overrides_on_the_project_file(tmp_path: Path) -> None:
    team = tmp_path / "wscodes.toml"
    team.write_text(
        'ignore = ["WSC002"]\nruntime = "node"\nrules = {WSC005 = "off"}\n'
        '[codes.4001]\nname = "Session expired"\nmeaning = "The token expired."\n'
    )
    project = load_config(str(team))
    registry, config = settings_for(project, {"select": ["WSC001", "WSC005"], "runtime": "browser"})
    assert registry.lookup(4001) is not None and registry.lookup(4001).name == "Session expired"
    assert config.runtime == "browser" and config.select == frozenset({"WSC001", "WSC005"})
    assert config.ignore == frozenset({"WSC002"}) and config.severity_of("WSC005") is None
    with pytest.raises(ConfigError, match="WSC999"):
        settings_for(project, {"rules": {"WSC999": "off"}}, source="editor settings")
    registry, config = settings_for(ProjectConfig())
    assert registry.team == {} and config.runtime == "auto"


def test_project_settings_builds_once_per_project_file(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "wscodes.toml").write_text(GOOD)
    settings = ProjectSettings(Projects(), {"extend-ignore": ["WSC010"]})
    first = settings.for_file(str(tmp_path / "a" / "x.py"))
    assert settings.for_folder(str(tmp_path / "a")) is first
    assert first[1].ignore == frozenset({"WSC010"}) and 4001 in first[0].team
