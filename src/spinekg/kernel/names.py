"""How a name is folded for lookup, the same when the release is built and when it is queried.

The build writes each entity's folded names as ``spine:nameKey`` (:data:`NAME_KEY`) into the
release's ``graph/names``, so that a name is found with one indexed triple pattern on any store;
a query folds the user's words with the same :func:`normalise`.
"""

from __future__ import annotations

import re

from spinekg.kernel.namespaces import SPINE

__all__ = ["NAME_KEY", "normalise"]

#: The property that holds an entity's names folded by :func:`normalise`.
NAME_KEY = SPINE.nameKey

_FOLD = re.compile(r"[-\u2010-\u2015/_\s]+")


def normalise(text: str) -> str:
    """Fold case, and treat dashes, slashes and runs of spaces alike ("L4/L5" = "l4 l5").

    >>> normalise("  Ankle\u2013Jerk ")
    'ankle jerk'
    """
    return " ".join(_FOLD.sub(" ", text.lower()).split())
