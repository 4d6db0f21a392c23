"""Hatchling build hook: put the built-in project into the wheel, not into editable installs.

The built-in pages, templates, examples and the example scheme live at the top
of the repository. A wheel carries them in schemebook/builtin/, where
schemebook.core.paths.builtin() finds them. An editable install must not get
copies (they would go stale as the files are edited): it reads them where they
are, in the checkout.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

BUILTIN = {
    "content": "schemebook/builtin/content",
    "templates": "schemebook/builtin/templates",
    "examples": "schemebook/builtin/examples",
    "assets": "schemebook/builtin/assets",
    "scheme.yml": "schemebook/builtin/scheme.yml",
    "scheme.schema.json": "schemebook/builtin/scheme.schema.json",
}
"""Path in the repository -> path in the wheel."""


class BuiltinProject(BuildHookInterface):  # type: ignore[misc]
    """Adds the built-in project to standard wheels only."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version == "standard":
            build_data["force_include"].update(BUILTIN)
