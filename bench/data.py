"""Where the benchmarks find the public evaluation data sets (BANKING77, CLINC150, NatCS ...).

``HELPKIT_EVAL_DIR`` if set, else ``shared/eval`` beside the checkout. The data is not shipped.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def eval_dir() -> Path:
    """The folder holding ``banking77/``, ``banking77_oos/``, ``clinc150/`` ..."""
    return Path(os.environ.get("HELPKIT_EVAL_DIR") or REPO.parent / "shared" / "eval")
