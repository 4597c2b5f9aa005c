"""The review page: one self-contained HTML file to check and correct incidents.

In: the data of :func:`bordermap.geo.tables.review_table.review_data`. Out:
HTML with no network request (a Content-Security-Policy allows only the page's
own script and style, by hash), the data as JSON in a
``<script type="application/json">`` block that the page's script puts in the
DOM with ``textContent`` only. Same data, same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

from markupsafe import Markup

from bordermap.layers.render import write_atomic
from bordermap.layers.templating import ENV, asset

__all__ = ["render_review", "save_review"]


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_review(data: dict, title: str = "") -> str:
    """Render the review page.

    Parameters
    ----------
    data : dict
        From :func:`~bordermap.geo.tables.review_table.review_data`.
    title : str
        The page's heading; default names the number of articles.

    Returns
    -------
    str
    """
    css, js = asset("review.css"), asset("review.js")
    policy = (
        f"default-src 'none'; script-src {_hash(js)}; style-src {_hash(css)}; "
        "img-src data:; form-action 'none'; base-uri 'none'"
    )
    n = len(data["articles"])
    heading = title or f"Review: {n} article{'s' if n != 1 else ''}"
    return ENV.get_template("review.j2").render(
        data=data, css=Markup(css), js=Markup(js), policy=policy, title=heading
    )


def save_review(data: dict, path: str | os.PathLike, title: str = "") -> Path:
    """Write the review page to ``path`` (replaced atomically)."""
    return write_atomic(path, render_review(data, title).encode("utf-8"))
