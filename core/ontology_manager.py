"""The operator's command line for the shop's knowledge: `python -m core.ontology_manager build|validate|query`.

Kept at this path because the README, the Dockerfile and shops' runbooks call it; the implementation
is the `core.knowledge` package (`core.knowledge.cli`).
"""

from __future__ import annotations

import sys

from core.knowledge.cli import main

if __name__ == "__main__":
    sys.exit(main())
