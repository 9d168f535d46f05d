"""Editor settings -> the registry and rule configuration the engine runs with.

Settings arrive as ``initializationOptions`` and/or the ``wscodes`` section of
``workspace/configuration`` (either the section itself or ``{"wscodes": {...}}``)::

    {"rules": {"WSC005": "off"}, "runtime": "browser", "teamCodes": "docs/wscodes.toml"}

The project file (``wscodes.toml`` / ``[tool.wscodes]``) is the one nearest to each document
(from its folder upward, as ``wscode check`` does), unless ``teamCodes`` (alias ``configPath``)
names one; its settings apply first and the editor's override them. Nothing here raises: a bad
value becomes a warning for the user and the server carries on with the defaults.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wscodes.core.errors import ConfigError
from wscodes.core.teamcodes import (
    CONFIG_ENV,
    RULE_KEYS,
    ProjectConfig,
    ProjectRegistry,
    builtin_registry,
    discover,
    ignores_for,
    settings_for,
)

if TYPE_CHECKING:
    from wscodes.core.rules import RuleConfig

SECTION = "wscodes"
PATH_KEYS = ("teamCodes", "configPath")
KNOWN_KEYS = frozenset((*PATH_KEYS, *RULE_KEYS))


@dataclass(frozen=True)
class Resolved:
    """What the analyses of every document use until the settings change."""

    registry: ProjectRegistry
    config: RuleConfig
    team_file: str | None = None
    warnings: tuple[str, ...] = field(default=())
    fixed: bool = False  # the settings (or $WSCODES_CONFIG) name the team file: no per-document lookup
    # the editor's rule settings as applied over the project file's (none when they were bad)
    layers: tuple[Mapping[str, Any], ...] = field(default=(), compare=False, repr=False)
    # for_path's answers, by the rule ids per-file-ignores turn off (built once per set of ids)
    _per_file: dict[frozenset[str], Resolved] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    @property
    def runtime(self) -> str:
        return self.config.runtime


def for_path(resolved: Resolved, path: str) -> Resolved:
    """The settings for the source file ``path``: ``resolved`` with the project file's
    ``per-file-ignores`` that match it applied, exactly as ``wscode check`` applies them to the
    same file (``settings_for(..., path=)``, after the editor's settings). Never raises."""
    project = resolved.registry.config
    if not project.per_file_ignores:
        return resolved
    extra = ignores_for(project, path)
    if not extra:
        return resolved
    found = resolved._per_file.get(extra)
    if found is None:
        try:
            config = settings_for(project, *resolved.layers, source="editor settings", path=path)[1]
        except Exception:  # (resolve() already reported bad settings; these are the same ones)
            config = resolved.config
        found = resolved._per_file[extra] = Resolved(
            registry=resolved.registry,
            config=config,
            team_file=resolved.team_file,
            fixed=resolved.fixed,
            layers=resolved.layers,
        )
    return found


def editor_section(raw: object) -> tuple[dict[str, Any], list[str]]:
    """The ``wscodes`` settings from whatever the client sent (None, {}, the section, or a wrapper)."""
    if raw is None:
        return {}, []
    if not isinstance(raw, Mapping):
        return {}, [f"wscodes: settings must be an object, got {type(raw).__name__}; using defaults"]
    inner = raw.get(SECTION)
    if isinstance(inner, Mapping):
        raw = inner
    elif inner is not None:
        return {}, [f"wscodes: settings must be an object, got {type(inner).__name__}; using defaults"]
    section = {str(k): v for k, v in raw.items()}
    if not (section.keys() & KNOWN_KEYS) and raw is not inner:
        # e.g. another server's options: nothing of ours, nothing to complain about
        return {}, []
    unknown = sorted(section.keys() - KNOWN_KEYS)
    warnings = [
        f"wscodes: unknown setting {k!r} ignored (known: {', '.join(sorted(KNOWN_KEYS))})" for k in unknown
    ]
    return {k: v for k, v in section.items() if k in KNOWN_KEYS}, warnings


def _team_path(editor: Mapping[str, Any], root: str | None, warnings: list[str]) -> str | None:
    for key in PATH_KEYS:
        value = editor.get(key)
        if value is None or value == "":
            continue
        if not isinstance(value, str):
            warnings.append(f"wscodes: {key} must be a path string, got {type(value).__name__}; ignored")
            continue
        path = os.path.expanduser(value)
        if not os.path.isabs(path) and root:
            path = os.path.join(root, path)
        return path
    return None


def resolve(editor: Mapping[str, Any], root: str | None, start: str | None = None) -> Resolved:
    """ProjectRegistry + RuleConfig for these editor settings under this workspace root, for documents
    in the folder ``start`` (default: the root): the project file is the one nearest to it."""

    warnings: list[str] = []
    explicit = _team_path(editor, root, warnings)
    fixed = bool(explicit or os.environ.get(CONFIG_ENV))
    try:
        project = discover(explicit=explicit, start=start or root)
    except ConfigError as exc:
        warnings.append(f"wscodes: {exc}. Using the built-in registry without team codes.")
        project = ProjectConfig()
    editor_rules = {k: v for k, v in editor.items() if k in RULE_KEYS}
    # The editor's settings over the project's; without the editor's if they are bad; the
    # defaults if the project's are bad too. The project's team codes stay in every case.
    layers: tuple[Mapping[str, Any], ...] = ()
    for layers, source in (((editor_rules,), "editor settings"), ((), None)):
        try:
            registry, config = settings_for(project, *layers, source=source)
            break
        except ConfigError as exc:
            where = "the rules" if layers else "the rules (the project file's are bad too)"
            warnings.append(f"wscodes: {exc}. Using the defaults for {where}.")
        except Exception as exc:  # a value of an unexpected type: still never a crash
            warnings.append(f"wscodes: bad rule settings ({exc}). Using the defaults for the rules.")
    else:
        config = settings_for(ProjectConfig(), source="defaults")[1]
        registry = ProjectRegistry(project) if project.path else builtin_registry()
        layers = ()
    return Resolved(
        registry=registry,
        config=config,
        team_file=project.path,
        warnings=tuple(warnings),
        fixed=fixed,
        layers=layers,
    )
