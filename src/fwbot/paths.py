"""Where the wire contracts (``protocols/``) live, installed or in a checkout.

A wheel carries them inside the package as ``fwbot/protocols`` (see the
force-include in pyproject.toml); an editable install or a plain checkout
has them at the repository root, two levels above ``src/fwbot``.
"""

from __future__ import annotations

from pathlib import Path

import fwbot


def protocols_dir() -> Path:
    """The directory holding ``openapi.yaml`` and the other contracts."""
    here = Path(fwbot.__file__).resolve()
    for candidate in (here.parent / "protocols", here.parents[2] / "protocols"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("fwbot's protocols/ directory is missing from this installation")
