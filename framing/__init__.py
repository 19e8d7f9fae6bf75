"""framing: comparative media-framing analysis.

Public API::

    import framing
    corpus = framing.Corpus.open("corpora/central-asia")
    tables = framing.analyze(corpus)        # -> framing.Tables of pandas DataFrames
    tables.paragraphs.head()
"""
from ._version import __version__
from .corpus import Corpus, Document
from .errors import FramingError


def analyze(corpus, **kwargs):
    """Analyse a corpus (see :func:`framing.analysis.analyze`)."""
    from .analysis import analyze as _analyze
    return _analyze(corpus, **kwargs)


__all__ = ["Corpus", "Document", "FramingError", "analyze", "__version__"]
