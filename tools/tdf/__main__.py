"""Entry point of `python -m tools.tdf` (see cli.py)."""

import sys

from .cli import main

sys.exit(main())
