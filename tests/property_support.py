"""How many examples a property test tries: the count it asks for under ``make test`` (and
CI), a fifth of it (at least 20) under ``make test-fast`` (``KG_TEST_FAST=1``), where a
contributor wants an answer in under a minute and the full run still comes before a merge."""

from __future__ import annotations

import os


def examples(count: int) -> int:
    """``count``, or a fifth of it (at least 20) in the fast run.

    >>> examples(300) in (300, 60)
    True
    """
    if os.environ.get("KG_TEST_FAST") == "1":
        return max(20, count // 5)
    return count
