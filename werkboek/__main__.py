"""`python -m werkboek ...`: the command line, for a PC where the `werkboek` script is not on PATH."""

import sys

from .cli import main

sys.exit(main())
