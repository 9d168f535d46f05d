"""Build hook: ship core/data/registry.json pre-parsed (marshal) next to itself.

Everything else about the package is in pyproject.toml. `wscode 1006` must start within 2× a
bare `python -c pass`; importing `json` and parsing 90 KB of it is a fifth of that budget, and
unmarshalling costs almost nothing. wscodes.core.registry.read_raw() falls back to the JSON whenever the
copy is missing (a checkout, an editable install) or unreadable.
"""

from __future__ import annotations

import json
import marshal
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MARSHAL_VERSION = 4  # readable by every Python >= 3.4


class BuildPyWithMarshal(build_py):
    def run(self) -> None:
        super().run()
        source = Path("core/data/registry.json")
        target = Path(self.build_lib) / "wscodes/core/data/registry.marshal"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(marshal.dumps(json.loads(source.read_bytes()), MARSHAL_VERSION))


setup(cmdclass={"build_py": BuildPyWithMarshal})
