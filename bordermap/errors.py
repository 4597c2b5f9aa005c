"""Errors raised by bordermap: one base class, one subclass per step."""

from __future__ import annotations

__all__ = [
    "ArticleError",
    "BordermapError",
    "BoundaryError",
    "CompareError",
    "CorrectionsError",
    "CountError",
    "DatasetError",
    "GazetteerError",
    "OutputError",
    "RenderError",
]


class BordermapError(Exception):
    """Base class: a message that says what was wrong and what to do."""


class ArticleError(BordermapError):
    """An article file or table cannot be read."""


class CompareError(BordermapError, ValueError):
    """Frames or limits that :func:`bordermap.compare` cannot work with."""


class CorrectionsError(BordermapError):
    """A corrections file cannot be read, or one of its decisions cannot apply."""


class CountError(BordermapError):
    """A phrase holds no count."""


class DatasetError(BordermapError):
    """A coded event dataset (UCDP GED, ACLED, GDELT) cannot be read or written."""


class GazetteerError(BordermapError):
    """The gazetteer cannot be built or queried."""


class BoundaryError(BordermapError):
    """Boundary polygons are missing, unreadable or unsuitable."""


class OutputError(BordermapError):
    """An output file (GeoPackage, GeoParquet) cannot be written."""


class RenderError(BordermapError):
    """A map cannot be built or written."""
