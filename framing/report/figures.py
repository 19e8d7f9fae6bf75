"""Figures for reports: render a matplotlib Figure to deterministic SVG and PNG bytes.

Matplotlib stamps dates and random ids into its output by default; both are
pinned here (``svg.hashsalt``, ``metadata``) so the same figure gives the same
bytes on every build.
"""
from __future__ import annotations

import base64
import io
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Text stays text in the SVG (smaller, searchable); the viewer's sans-serif is used.
RC = {"svg.hashsalt": "framing-report", "svg.fonttype": "none", "font.family": "DejaVu Sans",
      "figure.dpi": 100, "savefig.dpi": 110, "path.simplify": True}


@dataclass(frozen=True)
class RenderedFigure:
    """One figure ready to write and embed.

    Attributes:
        name: file stem, e.g. ``"rates"``.
        title: caption shown above the figure.
        svg: SVG bytes (deterministic).
        png: PNG bytes (deterministic).
        note: optional text under the figure (e.g. which sources are shown).
    """

    name: str
    title: str
    svg: bytes
    png: bytes
    note: str = ""

    def data_uri(self) -> str:
        """The SVG as a ``data:`` URI, so the HTML needs no other file.

        An ``<img>`` keeps each SVG's internal ids apart (inline SVGs share one
        id space, and matplotlib's clip-path ids can clash between figures).
        """
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg).decode("ascii")


def render_figure(fig, name: str, title: str, *, note: str = "") -> RenderedFigure:
    """Serialise ``fig`` to SVG and PNG with pinned metadata, then close it.

    Args:
        fig: a matplotlib Figure.
        name: file stem.
        title: caption.
        note: text shown under the figure.

    Returns:
        RenderedFigure.

    Example:
        >>> from matplotlib.figure import Figure
        >>> f = Figure(); _ = f.subplots().plot([0, 1])
        >>> render_figure(f, "x", "X").svg[:5]
        b'<?xml'
    """
    import matplotlib

    with matplotlib.rc_context(RC):
        svg, png = io.BytesIO(), io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None}, bbox_inches="tight")
        fig.savefig(png, format="png", metadata={"Software": None}, bbox_inches="tight")
    try:
        import matplotlib.pyplot as plt
        plt.close(fig)
    except Exception:  # a Figure not created through pyplot has nothing to close
        pass
    return RenderedFigure(name, title, svg.getvalue(), png.getvalue(), note)


def safe_figure(make, *args, name: str, title: str, note: str = "", **kwargs) -> RenderedFigure | None:
    """Call a plot function and render it; on failure log a warning and return None.

    A figure that cannot be drawn (e.g. no rows for that feature) must not stop
    the report: the table beside it still carries the numbers.
    """
    import matplotlib

    try:
        with matplotlib.rc_context(RC):
            fig = make(*args, **kwargs)
    except Exception as exc:  # report the reason, keep building
        log.warning("figure %s not drawn: %s", name, exc)
        return None
    if fig is None:
        return None
    return render_figure(fig, name, title, note=note)
