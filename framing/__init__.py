"""framing: comparative media-framing analysis.

Public API::

    import framing
    corpus = framing.Corpus.open("corpora/central-asia")
    tables = framing.analyze(corpus)        # -> framing.Tables of pandas DataFrames
    tables.paragraphs.head()
"""
from importlib.metadata import PackageNotFoundError, version as _version

try:
    __version__ = _version("framing")
except PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+local"

from .corpus import Corpus, Document  # noqa: E402
from .errors import FramingError  # noqa: E402


def analyze(corpus, **kwargs):
    """Analyse a corpus (see :func:`framing.analysis.analyze`)."""
    from .analysis import analyze as _analyze
    return _analyze(corpus, **kwargs)


__all__ = ["Corpus", "Document", "FramingError", "analyze", "__version__"]
