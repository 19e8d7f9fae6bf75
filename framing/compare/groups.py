"""Group labels per document and which groups are large enough to test."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import FramingError

ADD_SOURCES = ("To compare sources, add documents from other outlets: "
               "framing add FILE --source NAME")


def group_labels(documents: pd.DataFrame, by: str = "source") -> pd.Series:
    """Group label (str) per doc_id; ``by="doc"`` makes each document its own group.

    Example:
        >>> group_labels(pd.DataFrame({"doc_id": ["a"], "genre": [None]}), "genre").tolist()
        ['(unknown)']
    """
    col = "doc_id" if by == "doc" else by
    if col not in documents.columns:
        fields = ", ".join(["doc"] + sorted(map(str, documents.columns)))
        raise FramingError(f"cannot group by '{by}': no such document field; choose one of: {fields}")
    values = documents[col].map(lambda v: "(unknown)" if v is None or (isinstance(v, float) and np.isnan(v))
                                or str(v).strip() == "" else str(v))
    return pd.Series(values.to_numpy(), index=documents["doc_id"].to_numpy(), name="group").sort_index()


def rank_groups(groups: pd.Series) -> list[str]:
    """The one ranking of groups used everywhere: most documents first, ties by name.

    Example:
        >>> rank_groups(pd.Series(["b", "a", "c", "c"]))
        ['c', 'a', 'b']
    """
    sizes = groups.value_counts()
    return sorted(sizes.index, key=lambda g: (-sizes[g], g))


def choose_groups(groups: pd.Series, wanted=None, top: int | None = None) -> list[str]:
    """Groups to show (figures, reading view, ``--sources``), in name order.

    Args:
        groups: group label per doc_id (:func:`group_labels`, so "(unknown)" is a group too).
        wanted: these groups only; any that no document has is an error naming the known ones.
        top: otherwise the ``top`` largest by :func:`rank_groups` (None: all).

    Example:
        >>> choose_groups(pd.Series(["b", "a", "c", "c"]), top=2)
        ['a', 'c']
    """
    ranked = rank_groups(groups)
    if wanted:
        missing = [g for g in wanted if g not in set(ranked)]
        if missing:
            by = groups.name if groups.name not in (None, "group") else "the group field"
            raise FramingError(f"no documents with {by} = {', '.join(missing)}; "
                               f"known: {', '.join(sorted(ranked)[:20])}")
        return sorted(dict.fromkeys(wanted))
    return sorted(ranked[:top] if top else ranked)


def eligible_groups(groups: pd.Series, min_docs: int, top: int | None = None) -> list[str]:
    """Groups with at least ``min_docs`` documents; with ``top``, only the largest ``top``.

    Example:
        >>> eligible_groups(pd.Series(["a", "b", "b", "c", "c", "c"]), 2, top=1)
        ['c']
    """
    sizes = groups.value_counts()
    ranked = [g for g in rank_groups(groups) if sizes[g] >= min_docs]
    return sorted(ranked[:top] if top else ranked)
