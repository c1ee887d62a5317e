"""What the tests share: where things are, and helpers by subject.

``project``, ``audio``, ``voices``, ``web`` and ``bucket`` hold the helpers;
the loopback servers are in ``tests.servers``.
"""

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
"""The tests folder."""
ROOT = TESTS.parent
"""The checkout: podcast/, seeds/, tests/."""
DATA = TESTS / "data"
"""Articles, pages and tables the tests read."""
