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


def eligible_groups(groups: pd.Series, min_docs: int, top: int | None = None) -> list[str]:
    """Groups with at least ``min_docs`` documents; with ``top``, only the largest ``top``.

    Example:
        >>> eligible_groups(pd.Series(["a", "b", "b", "c", "c", "c"]), 2, top=1)
        ['c']
    """
    sizes = groups.value_counts()
    sizes = sizes[sizes >= min_docs]
    ranked = sorted(sizes.index, key=lambda g: (-sizes[g], g))
    return sorted(ranked[:top] if top else ranked)
