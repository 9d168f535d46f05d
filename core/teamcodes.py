"""A project's own close codes and settings, from ``wscodes.toml`` or ``[tool.wscodes]``.

Every front end reads the project file the same way: ``discover()`` finds it upward from the
working directory (or takes an explicit path, or ``$WSCODES_CONFIG``), ``load_config()`` parses
and validates it, and ``ProjectRegistry`` merges the team's codes into every lookup and search.

File format (``wscodes.toml``; in pyproject.toml the same keys live under ``[tool.wscodes]``)::

    [codes.4001]
    name = "Session expired"
    meaning = "The user's session token expired."
    sender = "server"          # client | server | either
    retry = "after-fix"        # no | yes | backoff | after-fix | unknown
    action = "Refresh the token, then reconnect."
"""

from __future__ import annotations

import os
from functools import cache
from types import MappingProxyType

from ._record import Record
from .errors import ConfigError
from .registry import CloseCode, Retry, Sender, Source, Status, classify, data, with_team

TYPE_CHECKING = False  # no `import typing` at run time: it costs ~3 ms of start-up
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from .rules import RuleConfig

__all__ = [
    "CONFIG_ENV",
    "CONFIG_KEYS",
    "CONFIG_NAMES",
    "RULE_KEYS",
    "ProjectConfig",
    "ProjectRegistry",
    "ProjectSettings",
    "Projects",
    "builtin_registry",
    "discover",
    "find_config",
    "ignores_for",
    "is_excluded",
    "load_config",
    "merge_settings",
    "parse_config",
    "settings_for",
]

CONFIG_ENV = "WSCODES_CONFIG"
CONFIG_NAMES = ("wscodes.toml", "pyproject.toml")
_CODE_KEYS = {"name", "meaning", "sender", "retry", "action"}
_TEAM_SENDERS = ("client", "server", "either")


_EMPTY: Mapping[Any, Any] = MappingProxyType({})


class ProjectConfig(Record):
    """What a project file says: its team codes and the settings front ends read."""

    path: str | None = None
    codes: Mapping[int, CloseCode] = _EMPTY
    settings: Mapping[str, Any] = _EMPTY  # every key but "codes"
    # gitignore-style patterns, relative to the project file's folder (exclude + extend-exclude)
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()  # (pattern, rule ids)


def _has_tool_section(pyproject: str) -> bool:
    # A cheap byte check first: most pyproject.toml files have no [tool.wscodes] at all.
    try:
        with open(pyproject, "rb") as f:
            return b"tool.wscodes" in f.read()
    except OSError:
        return False


def find_config(start: str | os.PathLike[str] | None = None) -> str | None:
    """The nearest wscodes.toml, or pyproject.toml with [tool.wscodes], from ``start`` upward.

    Plain ``os.path`` on purpose: ``pathlib`` would add ~3 ms to every ``wscode`` start.
    """
    here = os.path.abspath(start or os.getcwd())
    if os.path.isfile(here):
        here = os.path.dirname(here)
    while True:
        found = _config_in(here)
        if found is not None:
            return found
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _config_in(folder: str) -> str | None:
    """The project file in ``folder`` itself: wscodes.toml, else a pyproject.toml with [tool.wscodes]."""
    candidate = os.path.join(folder, "wscodes.toml")
    if os.path.isfile(candidate):
        return candidate
    candidate = os.path.join(folder, "pyproject.toml")
    if os.path.isfile(candidate) and _has_tool_section(candidate):
        return candidate
    return None


def _team_code(path: str, prefix: str, key: str, entry: object) -> CloseCode:
    where = f"{prefix}{key}"
    try:
        n = int(key)
    except ValueError:
        raise ConfigError(
            path,
            where,
            f"{key!r} is not a close code number",
            "use the number as the key, e.g. [codes.4001]",
        ) from None
    base = classify(n)
    if not (4000 <= n <= 4999 or (3000 <= n <= 3999 and base.status is Status.UNASSIGNED)):
        if base.registered:
            problem = f"{n} is already registered with IANA as {base.name!r}"
        else:
            problem = f"{n} is outside the private range 4000–4999"
        raise ConfigError(
            path,
            where,
            problem,
            "team codes must be in 4000–4999 (or an unregistered 3000–3999 code your library "
            "sends); pick a free number in 4000–4999",
        )
    if not isinstance(entry, dict):
        raise ConfigError(
            path,
            where,
            "must be a table",
            f'write it as [{prefix}{n}] with name = "..." under it',
        )
    unknown = sorted(set(entry) - _CODE_KEYS)
    if unknown:
        raise ConfigError(
            path,
            f"{where}.{unknown[0]}",
            f"unknown key {unknown[0]!r}",
            f"the keys are {', '.join(sorted(_CODE_KEYS))}",
        )
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(
            path,
            f"{where}.name",
            "missing name",
            f'add name = "..." (a few words, e.g. "Session expired") under [{prefix}{n}]',
        )
    for text_key in ("meaning", "action"):
        if text_key in entry and not isinstance(entry[text_key], str):
            raise ConfigError(
                path,
                f"{where}.{text_key}",
                f"{text_key} must be a string",
                f'write {text_key} = "..."',
            )
    sender = entry.get("sender", "either")
    if sender not in _TEAM_SENDERS:
        raise ConfigError(
            path,
            f"{where}.sender",
            f"sender {sender!r} is not one of {_TEAM_SENDERS}",
            'write sender = "client", "server" or "either"',
        )
    retry = entry.get("retry", "unknown")
    if retry not in {r.value for r in Retry}:
        raise ConfigError(
            path,
            f"{where}.retry",
            f"retry {retry!r} is not one of {[r.value for r in Retry]}",
            'write retry = "no", "yes", "backoff", "after-fix" or "unknown"',
        )
    from pathlib import Path  # only with a project file

    meaning = entry.get("meaning", "").strip() or f"Your team's code {n}: {name.strip()}."
    file_name = os.path.basename(path)
    source = Source(id="team", title=f"{file_name} ({prefix}{n})", url=Path(path).resolve().as_uri())
    return with_team(
        base,
        name=name.strip(),
        meaning=meaning,
        sender=Sender(sender),
        on_wire=True,
        retry=Retry(retry),
        action=entry.get("action", "").strip() or base.action,
        status=Status.TEAM,
        reference=source,
        sources=(source, *base.range.sources),
        team=True,
        team_file=path,
        keywords=tuple(name.lower().split()),
    )


def load_config(path: str) -> ProjectConfig:
    """Parse and validate one project file. Raises ConfigError (never a traceback)."""
    path = os.fspath(path)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as exc:
        raise ConfigError(
            path,
            None,
            f"cannot read it ({exc.strerror or exc})",
            "check the path and its permissions",
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ConfigError(path, None, "is not UTF-8 text", "save it as UTF-8") from None
    return parse_config(text, path)


def parse_config(text: str, path: str) -> ProjectConfig:
    """Validate a project file's text (``path`` names it in messages; a pyproject.toml by its
    name). Raises ConfigError, with the same messages as ``load_config``."""
    import tomllib  # only when a project file exists: keeps `wscode 1006` fast

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, None, f"invalid TOML: {exc}", "fix the syntax at that line") from None
    if os.path.basename(path) == "pyproject.toml":
        section = doc.get("tool", {}).get("wscodes")
        prefix = "tool.wscodes."
        if section is None:
            return ProjectConfig(path=path)
    else:
        section, prefix = doc, ""
    if not isinstance(section, dict):
        raise ConfigError(path, prefix.rstrip(".") or None, "must be a table", "see README")
    codes_raw = section.get("codes", {})
    if not isinstance(codes_raw, dict):
        raise ConfigError(
            path,
            f"{prefix}codes",
            "must be a table of codes",
            f"write each code as [{prefix}codes.4001]",
        )
    codes = {}
    for key, entry in codes_raw.items():
        code = _team_code(path, f"{prefix}codes.", str(key), entry)
        codes[code.code] = code
    _check_keys(path, prefix, section)
    settings = {k: v for k, v in section.items() if k != "codes"}
    exclude = (*_globs(path, prefix, "exclude", section), *_globs(path, prefix, "extend-exclude", section))
    return ProjectConfig(
        path=path,
        codes=dict(sorted(codes.items())),
        settings=settings,
        exclude=exclude,
        per_file_ignores=_per_file_ignores(path, prefix, section),
    )


def discover(
    explicit: str | os.PathLike[str] | None = None, start: str | os.PathLike[str] | None = None
) -> ProjectConfig:
    """The project config: an explicit path, else $WSCODES_CONFIG, else found upward; or empty."""
    chosen = explicit or os.environ.get(CONFIG_ENV) or None
    if chosen:
        path = os.fspath(chosen)
        if not os.path.isfile(path):
            raise ConfigError(
                path,
                None,
                "no such file",
                "give the path of a wscodes.toml or a pyproject.toml with [tool.wscodes]",
            )
        return load_config(path)
    found = find_config(start)
    return load_config(found) if found else ProjectConfig()


class Projects:
    """The project file of any source file: the nearest one from the file's folder upward (so
    each package of a monorepo can have its own), unless an explicit path or $WSCODES_CONFIG
    names one for all. Folders and files are looked up once: ask for thousands of files.
    Raises ConfigError for a bad file (an explicit one at once, others when first asked for)."""

    def __init__(self, explicit: str | os.PathLike[str] | None = None) -> None:
        chosen = explicit or os.environ.get(CONFIG_ENV) or None
        self.fixed: ProjectConfig | None = discover(explicit) if chosen else None
        self._found: dict[str, str | None] = {}  # folder -> the nearest file from it, or None
        self._loaded: dict[str, ProjectConfig] = {}

    def nearest(self, folder: str) -> str | None:
        """The path of the project file that applies in ``folder`` (absolute), or None."""
        visited: list[str] = []
        here = folder
        while here not in self._found:
            visited.append(here)
            found = _config_in(here)
            parent = os.path.dirname(here)
            if found is not None or parent == here:
                self._found[here] = found
                break
            here = parent
        answer = self._found[here]
        for seen in visited:
            self._found[seen] = answer
        return answer

    def for_file(self, path: str) -> ProjectConfig:
        """The project config that applies to the source file ``path``."""
        if self.fixed is not None:
            return self.fixed
        return self.for_folder(os.path.dirname(os.path.abspath(path)))

    def for_folder(self, folder: str) -> ProjectConfig:
        if self.fixed is not None:
            return self.fixed
        found = self.nearest(os.path.abspath(folder))
        if found is None:
            return _NO_PROJECT
        if found not in self._loaded:
            self._loaded[found] = load_config(found)
        return self._loaded[found]


_NO_PROJECT = ProjectConfig()


class ProjectRegistry:
    """The IANA registry plus a project's team codes: what every front end queries."""

    def __init__(self, config: ProjectConfig | None = None) -> None:
        self.config = config or ProjectConfig()
        self.team: Mapping[int, CloseCode] = self.config.codes
        self.cache: dict[str, object] = {}  # derived data (search index…), built on first use

    def classify(self, n: int) -> CloseCode:
        return self.team.get(n) or classify(n)

    def lookup(self, n: int) -> CloseCode | None:
        return self.team.get(n) or data().codes.get(n)

    def known(self) -> list[CloseCode]:
        """Every registered code and every team code, by number."""
        merged = {**data().codes, **self.team}
        return [merged[n] for n in sorted(merged)]


_BUILTIN: list[ProjectRegistry] = []


def builtin_registry() -> ProjectRegistry:
    """The registry without any project file (shared, so its search index is built once)."""
    if not _BUILTIN:
        _BUILTIN.append(ProjectRegistry())
    return _BUILTIN[0]


# ---------------------------------------------------------------------------------------------
# Project settings + a front end's overrides -> the registry and rule config the engine runs with

RULE_KEYS = ("rules", "runtime", "select", "ignore")
# Every key a project file may hold (a typo is an error, with the nearest key as the hint).
CONFIG_KEYS = (
    "codes", *RULE_KEYS, "extend-ignore", "exclude", "extend-exclude", "per-file-ignores",
)  # fmt: skip


def _check_keys(path: str, prefix: str, section: Mapping[str, Any]) -> None:
    import difflib

    for key in section:
        if key not in CONFIG_KEYS:
            near = difflib.get_close_matches(str(key), CONFIG_KEYS, n=1, cutoff=0.5)
            hint = f"did you mean `{near[0]}`?" if near else f"the keys are {', '.join(CONFIG_KEYS)}"
            raise ConfigError(path, f"{prefix}{key}", f"unknown key {key!r}", hint)
    from .rules import parse_rule_ids

    for key in ("select", "ignore", "extend-ignore"):
        value = section.get(key)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            parse_rule_ids(value, path, f"{prefix}{key}")  # an unknown rule id is an error at once


def _globs(path: str, prefix: str, key: str, section: Mapping[str, Any]) -> tuple[str, ...]:
    value = section.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(
            path, f"{prefix}{key}", "must be a list of glob patterns", f'write {key} = ["vendor/"]'
        )
    return tuple(value)


def _per_file_ignores(
    path: str, prefix: str, section: Mapping[str, Any]
) -> tuple[tuple[str, frozenset[str]], ...]:
    value = section.get("per-file-ignores", {})
    where = f"{prefix}per-file-ignores"
    if not isinstance(value, dict):
        raise ConfigError(path, where, "must be a table", f'write [{where}] with "tests/**" = ["WSC003"]')
    from .rules import parse_rule_ids

    out = []
    for pattern, ids in value.items():
        if not isinstance(ids, list):
            raise ConfigError(path, f'{where}."{pattern}"', "must be a list of rule ids", 'write ["WSC003"]')
        out.append((str(pattern), parse_rule_ids(ids, path, f'{where}."{pattern}"')))
    return tuple(out)


@cache
def _spec(patterns: tuple[str, ...]) -> Any:
    import pathspec  # gitignore-style matching (only with a project file that has patterns)

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _relative(project: ProjectConfig, path: str) -> str | None:
    """``path`` relative to the project file's folder, with '/' separators; None if outside it."""
    assert project.path is not None
    base = os.path.dirname(os.path.abspath(project.path))
    rel = os.path.relpath(os.path.abspath(path), base)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return None
    return rel.replace(os.sep, "/")


def is_excluded(project: ProjectConfig, path: str, *, folder: bool = False) -> bool:
    """Whether ``exclude``/``extend-exclude`` of ``project`` match the file (or ``folder``) ``path``."""
    if not project.exclude:
        return False
    rel = _relative(project, path)
    if rel is None or rel == ".":
        return False
    return bool(_spec(project.exclude).match_file(rel + "/" if folder else rel))


def ignores_for(project: ProjectConfig, path: str) -> frozenset[str]:
    """The rule ids ``per-file-ignores`` turns off for the source file ``path``."""
    if not project.per_file_ignores:
        return frozenset()
    rel = _relative(project, path)
    if rel is None:
        return frozenset()
    out: set[str] = set()
    for pattern, ids in project.per_file_ignores:
        if _spec((pattern,)).match_file(rel):
            out |= ids
    return frozenset(out)


def merge_settings(*layers: Mapping[str, Any]) -> dict[str, Any]:
    """The rule settings of ``layers``, later ones winning: ``rules`` tables merge rule by rule,
    ``extend-ignore`` adds to the ignore list so far (ruff's convention), other keys replace."""
    merged: dict[str, Any] = {}
    for layer in layers:
        for key, value in layer.items():
            if key == "rules" and isinstance(value, dict) and isinstance(merged.get("rules"), dict):
                merged["rules"] = {**merged["rules"], **value}
            elif key == "extend-ignore":
                before = merged.get("ignore") or []
                before = before.split(",") if isinstance(before, str) else list(before)
                merged["ignore"] = [*before, *value]
            elif key in RULE_KEYS:
                merged[key] = value
    return merged


def settings_for(
    project: ProjectConfig,
    *overrides: Mapping[str, Any],
    source: str | None = None,
    path: str | None = None,
) -> tuple[ProjectRegistry, RuleConfig]:
    """The registry and rule config for ``project``'s file with ``overrides`` on top (the command
    line's --select/--ignore/--runtime, an editor's settings); with ``path`` (a source file), its
    ``per-file-ignores`` too. Raises ConfigError for a bad value, naming ``source`` (default: the
    project file)."""
    from .rules import RuleConfig  # (the rules load the scanner: not on the lookup path)

    registry = ProjectRegistry(project) if project.path else builtin_registry()
    extra = ignores_for(project, path) if path is not None else frozenset()
    layers = (*overrides, {"extend-ignore": sorted(extra)}) if extra else overrides
    merged = merge_settings(project.settings, *layers)
    return registry, RuleConfig.from_settings(merged, source=source or project.path or "settings")


class ProjectSettings:
    """``settings_for`` each source file's nearest project file (``Projects``) with the same
    overrides on top, built once per project file: ask for thousands of files."""

    def __init__(self, projects: Projects, *overrides: Mapping[str, Any]) -> None:
        self.projects = projects
        self._overrides = overrides
        self._built: dict[str | None, tuple[ProjectRegistry, RuleConfig]] = {}
        self._per_file: dict[tuple[str | None, frozenset[str]], tuple[ProjectRegistry, RuleConfig]] = {}

    def for_file(self, path: str) -> tuple[ProjectRegistry, RuleConfig]:
        project = self.projects.for_file(path)
        if project.per_file_ignores:
            extra = ignores_for(project, path)
            if extra:
                key = (project.path, extra)
                if key not in self._per_file:
                    self._per_file[key] = settings_for(project, *self._overrides, path=path)
                return self._per_file[key]
        return self._for(project)

    def for_folder(self, folder: str) -> tuple[ProjectRegistry, RuleConfig]:
        return self._for(self.projects.for_folder(folder))

    def _for(self, project: ProjectConfig) -> tuple[ProjectRegistry, RuleConfig]:
        if project.path not in self._built:
            self._built[project.path] = settings_for(project, *self._overrides)
        return self._built[project.path]
