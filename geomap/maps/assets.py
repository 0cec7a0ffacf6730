"""JS and CSS inlined into every page: Leaflet from the installed
``xstatic-leaflet`` package and geomap's own files from ``static/``.

Nothing is fetched at view time, so a map opens with the network off;
only basemap tiles (if any) need it.
"""
from __future__ import annotations

import base64
import re
from functools import lru_cache
from pathlib import Path

STATIC = Path(__file__).resolve().parent / "static"
#: Our own scripts, in load order (each adds to ``window.geomap``).
MAP_SCRIPTS = ("geomap-payload.js", "geomap-events.js", "geomap-draw.js", "geomap-topology.js", "geomap-basemap.js",
               "geomap-controls.js", "geomap-tools.js", "geomap-timebar.js")
MAP_STYLES = ("geomap-map.css",)


@lru_cache(maxsize=None)
def leaflet_js() -> str:
    return _script_safe(_leaflet_file("leaflet.js").read_text("utf-8"))


@lru_cache(maxsize=None)
def leaflet_css() -> str:
    """Leaflet's CSS with its images (layer icon, default marker) as data URIs."""
    css = _leaflet_file("leaflet.css").read_text("utf-8")

    def inline(match: re.Match) -> str:
        image = _leaflet_file(match.group(1))
        return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode('ascii')})"

    return _style_safe(re.sub(r"url\((images/[\w.-]+\.png)\)", inline, css))


@lru_cache(maxsize=None)
def own_js(names: tuple[str, ...] = MAP_SCRIPTS) -> str:
    return _script_safe("\n".join((STATIC / name).read_text("utf-8") for name in names))


@lru_cache(maxsize=None)
def own_css(names: tuple[str, ...] = MAP_STYLES) -> str:
    return _style_safe("\n".join((STATIC / name).read_text("utf-8") for name in names))


def _leaflet_file(name: str) -> Path:
    from ..errors import GeomapError

    try:
        import xstatic.pkg.leaflet as leaflet
    except ImportError as exc:
        raise GeomapError("the xstatic-leaflet package is missing: pip install xstatic-leaflet") from exc
    path = Path(leaflet.BASE_DIR) / name
    if not path.is_file():
        raise GeomapError(f"xstatic-leaflet is incomplete: {path} is missing")
    return path


def _script_safe(text: str) -> str:
    """Inline script text cannot end its own ``<script>`` element early."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


def _style_safe(text: str) -> str:
    return re.sub(r"</(style)", r"<\\/\1", text, flags=re.IGNORECASE)
