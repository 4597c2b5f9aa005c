"""The one jinja2 environment of bordermap's templates, and the text helpers.

Article text is hostile. Our layers hand it to the page only as JSON data
(``|tojson``, which escapes ``<``, ``>``, ``&`` and ``'``) and the browser puts it
in the DOM with ``textContent``; templates autoescape everything else. Where
text must go through folium's own popups or tooltips (which insert it as HTML
inside JavaScript template literals), :func:`safe_text` escapes it first.

The base elements every layer builds on live here too: :class:`SafeMacro`,
:class:`SafeLayer` and the page :class:`Assets` (bordermap's CSS and JavaScript)
that a layer puts into the page once. This module imports no other layer module.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib import resources

import jinja2
from branca.element import Element, Figure, MacroElement
from folium.elements import ElementAddToElement
from folium.map import Layer
from markupsafe import Markup

__all__ = [
    "ENV",
    "Assets",
    "Raw",
    "SafeLayer",
    "SafeMacro",
    "asset",
    "ensure_assets",
    "render_macros",
    "safe_text",
    "stable_ids",
]

#: Loads ``bordermap/layers/templates/*.j2``; autoescape on, undefined is an error.
ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("bordermap.layers", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)


def _dumps(obj, **kwargs) -> str:
    """JSON for ``|tojson``: sorted keys; backticks and ``$`` as escapes too.

    jinja2 then escapes ``<``, ``>``, ``&`` and ``'``; ``ensure_ascii`` turns the
    Unicode line separators into escapes. No article text can end the script,
    open a tag or start a template-literal substitution.
    """
    kwargs.setdefault("sort_keys", True)
    return json.dumps(obj, **kwargs).replace("`", "\\u0060").replace("$", "\\u0024")


ENV.policies["json.dumps_function"] = _dumps

_JS_SEPARATORS = {"\u2028": "&#8232;", "\u2029": "&#8233;", "`": "&#96;", "$": "&#36;"}


def safe_text(value: object) -> str:
    """Escape text for HTML that folium inserts inside JavaScript template literals.

    HTML-escapes ``& < > " '`` and replaces backticks, ``$`` (so no ``${...}``)
    and the Unicode line and paragraph separators with character references.

    Parameters
    ----------
    value : object
        Any value; ``None`` becomes ``""``.

    Returns
    -------
    str

    Examples
    --------
    >>> safe_text("<b>${alert(1)}</b>`")
    '&lt;b&gt;&#36;{alert(1)}&lt;/b&gt;&#96;'
    """
    if value is None:
        return ""
    text = html.escape(str(value), quote=True)
    return "".join(_JS_SEPARATORS.get(ch, ch) for ch in text)


@functools.cache
def asset(name: str) -> str:
    """Text of a static file in ``bordermap/layers/templates`` (our JS and CSS)."""
    return (
        resources.files("bordermap.layers")
        .joinpath("templates", name)
        .read_text("utf-8")
    )


_LOCK = threading.RLock()


@contextmanager
def stable_ids(prefix: str) -> Iterator[None]:
    """Give every branca element created inside the block a sequential id.

    branca names elements with random hex ids, so two renderings of the same map
    differ everywhere. Inside this block ids are ``<prefix>_<n>``; the prefix is
    derived from the map's content, so two maps on one page do not collide.
    """
    counter = itertools.count(1)
    with _LOCK:
        original = Element.__dict__["_generate_id"]
        Element._generate_id = classmethod(lambda cls: f"{prefix}_{next(counter):04d}")
        try:
            yield
        finally:
            Element._generate_id = original


class Raw(Element):
    """Text put into the page as it is.

    branca's ``Element(text)`` compiles ``text`` as a jinja2 template: rendered
    output that holds article text would be evaluated a second time, so that
    ``{{ ... }}`` in an article ran as template code while the map was built.
    Every piece of our rendered output goes into the page through this class.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Raw"
        self.text = text

    def render(self, **kwargs) -> str:
        """Return the text, unchanged."""
        return self.text


class SafeMacro(MacroElement):
    """A :class:`~branca.element.MacroElement` whose output is never re-compiled."""

    def render(self, **kwargs) -> None:
        """Render the macros into the page with :class:`Raw`."""
        render_macros(self, kwargs)


class Assets(SafeMacro):
    """bordermap's CSS and JavaScript (once per page) and the data attributions."""

    _template = ENV.get_template("assets.j2")

    def __init__(self, attributions: Iterable[str] = ()) -> None:
        super().__init__()
        self._name = "BordermapAssets"
        self.attributions = list(attributions)
        self.css = Markup(asset("bordermap.css"))
        self.js = Markup(asset("bordermap.js"))

    def render(self, **kwargs) -> None:
        """Put the assets in the page header under one name, so they appear once."""
        figure = self.get_root()
        if isinstance(figure, Figure):
            header = self._template.module.__dict__["header"](self, kwargs)
            figure.header.add_child(Raw(header), name="bordermap_assets")
            script = self._template.module.__dict__["script"](self, kwargs)
            figure.script.add_child(Raw(script), name=self.get_name())


def ensure_assets(element, kwargs: dict) -> None:
    """Put bordermap's CSS and JavaScript in the page header (once)."""
    figure = element.get_root()
    if isinstance(figure, Figure) and "bordermap_assets" not in figure.header._children:
        assets = Assets()
        header = assets._template.module.__dict__["header"](assets, kwargs)
        figure.header.add_child(Raw(header), name="bordermap_assets")


class SafeLayer(Layer):
    """A folium :class:`~folium.map.Layer` whose output is never re-compiled."""

    def render(self, **kwargs) -> None:
        """Add the layer to its map (when shown) and render its macros as text."""
        if self.show:
            self.add_child(
                ElementAddToElement(
                    element_name=self.get_name(),
                    element_parent_name=self._parent.get_name(),
                ),
                name=self.get_name() + "_add",
            )
        ensure_assets(self, kwargs)
        render_macros(self, kwargs)


def render_macros(element, kwargs: dict) -> None:
    """Render an element's ``header``/``html``/``script`` macros into the page.

    The same as :meth:`branca.element.MacroElement.render`, but the macros'
    output is added with :class:`Raw`, never compiled again.
    """
    figure = element.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("render the map through its Figure")
    module = element._template.module.__dict__
    for part in ("header", "html", "script"):
        macro = module.get(part)
        if macro is not None:
            getattr(figure, part).add_child(
                Raw(macro(element, kwargs)), name=element.get_name()
            )
    for child in element._children.values():
        child.render(**kwargs)
