"""The folium pieces: a map that inlines its assets, and the event layer element.

folium's own ``Map`` links 10 files from CDNs; :class:`OfflineMap` links
none and inlines Leaflet instead. :class:`EventLayer` carries all events as
one columnar JSON blob plus geomap's own canvas/time-filter JS, as folium
plugins carry their template and assets.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..errors import InputError
from . import assets
from .pack import to_script_json

#: Payloads of more events than this are packed binary (gzip+base64; the browser inflates them natively).
PACK_ABOVE_ROWS = 5_000
DATA_ATTRIBUTION = ('Places: <a href="https://www.geonames.org/" target="_blank" rel="noopener noreferrer">GeoNames</a> '
                    '(CC BY 4.0), <a href="https://github.com/dr5hn/countries-states-cities-database" target="_blank" '
                    'rel="noopener noreferrer">countries-states-cities</a> (ODbL), German Kreise '
                    '<a href="https://gdz.bkg.bund.de/" target="_blank" rel="noopener noreferrer">'
                    '&copy; GeoBasis-DE / BKG</a>')


@lru_cache(maxsize=1)
def _folium_classes():
    """Defined on first use (once) so ``import geomap.maps`` does not import folium."""
    import folium
    from branca.element import Element, MacroElement

    class RawHTML(Element):
        """Text put in the page as is. branca's ``Element(text)`` would parse it as a
        Jinja template: slow for 5 MB of data, and ``{{ }}`` in an article would run."""

        def __init__(self, text: str):
            super().__init__()
            self._text = text

        def render(self, **kwargs) -> str:
            return self._text

    class OfflineMap(folium.Map):
        """A ``folium.Map`` with Leaflet inlined and no CDN links."""

        default_js = []
        default_css = []

        def render(self, **kwargs):
            figure = self.get_root()
            figure.header.add_child(RawHTML(f"<style>{assets.leaflet_css()}</style>\n"
                                            f"<script>{assets.leaflet_js()}</script>"), name="leaflet_inline")
            super().render(**kwargs)

    class EventLayer(MacroElement):
        """All events as one JSON payload, drawn by geomap's canvas layer with its time bar."""

        def __init__(self, payload: dict, *, options: dict, compress: bool | None = None, basemap: bool = True):
            super().__init__()
            self._name = "GeomapEvents"
            self.parts = encode_payload(payload, compress=compress)
            self.options = options
            self.basemap = basemap

        def render(self, **kwargs):
            figure = self.get_root()
            data_id, text_id = f"{self.get_name()}_data", f"{self.get_name()}_text"
            figure.header.add_child(RawHTML(f"<style>{assets.own_css()}</style>\n<script>{assets.own_js()}</script>"),
                                    name="geomap_assets")
            (core, core_encoding), (text, text_encoding) = self.parts
            figure.html.add_child(RawHTML(f'<script type="application/json" id="{data_id}" '
                                          f'data-encoding="{core_encoding}">{core}</script>'), name=data_id)
            # the text and the basemap come after the script that draws the events: the page
            # is usable while the browser still reads them (see geomap-timebar.js, eventMap)
            late = getattr(figure, "geomap_late", None)
            if late is None:
                late = figure.geomap_late = Element()
                late._parent = figure
            late.add_child(RawHTML(f'<script type="application/json" id="{text_id}" '
                                   f'data-encoding="{text_encoding}">{text}</script>'), name=text_id)
            if self.basemap:
                from .basemap import basemap_blobs

                coarse, fine = basemap_blobs()
                late.add_child(RawHTML('<script type="application/json" id="geomap-basemap" '
                                       f'data-encoding="gzip+base64">{coarse}</script>\n'
                                       '<script type="application/json" id="geomap-basemap-fine" '
                                       f'data-encoding="gzip+base64">{fine}</script>'), name="geomap_basemap")
            figure.script.add_child(RawHTML(f"geomap.eventMap({self._parent.get_name()}, document.getElementById("
                                            f"{to_script_json(data_id)}), {to_script_json(self.options)}, "
                                            f"{to_script_json(text_id)});"),
                                    name=self.get_name())

    return OfflineMap, EventLayer


@lru_cache(maxsize=1)
def _page_template():
    from jinja2 import Template

    return Template(
        "<!DOCTYPE html>\n<html lang=\"{{ this.lang }}\">\n<head>\n"
        "{% if this.title %}<title>{{this.title}}</title>{% endif %}"
        "    {{this.header.render(**kwargs)}}\n</head>\n<body>\n    {{this.html.render(**kwargs)}}\n"
        "<script>\n    {{this.script.render(**kwargs)}}\n</script>\n"
        "{% if this.geomap_late is defined %}{{this.geomap_late.render(**kwargs)}}{% endif %}\n</body>\n</html>\n")


def encode_payload(payload: dict, *, compress: bool | None = None) -> tuple[tuple[str, str], tuple[str, str]]:
    """The (core, text) parts of the events, each as (script-safe text, encoding): JSON for a
    small payload, packed binary (``gzip+base64``) for a large one or when ``compress``."""
    from .payload import encode, split_payload

    packed = payload["count"] > PACK_ABOVE_ROWS if compress is None else compress
    core, text = split_payload(payload)
    return encode(core, packed=packed), encode(text, packed=packed)


def parse_window(text: str | int | None) -> int:
    """Days in the time window: ``7D``, ``2W``, ``1M`` (30 days), ``1Y``; 0 for cumulative."""
    if text is None:
        return 0
    if isinstance(text, int):
        days = text
    else:
        value = str(text).strip().upper()
        if value in ("", "0", "CUMULATIVE", "ALL", "NONE"):
            return 0
        match = re.fullmatch(r"(\d{1,5})\s*(D|DAYS?|W|WEEKS?|M|MONTHS?|Y|YEARS?)?", value)
        if not match:
            raise InputError(f"bad time window {text!r}: use e.g. 7D, 2W, 1M, 1Y or 'cumulative'")
        days = int(match.group(1)) * {"D": 1, "W": 7, "M": 30, "Y": 365}[(match.group(2) or "D")[0]]
    if not 0 <= days <= 36_500:
        raise InputError(f"bad time window {text!r}: between 1 day and 100 years, or 'cumulative'")
    return days


def tile_provider(name: str | None):
    """The xyzservices provider for ``name``, or None for ``none`` (a plain background)."""
    if name is None or str(name).strip().lower() in ("", "none", "off"):
        return None
    import xyzservices

    try:
        provider = xyzservices.providers.query_name(name)
    except ValueError as exc:
        raise InputError(f"unknown tile provider {name!r}: use an xyzservices name such as "
                         "'OpenStreetMap.Mapnik', 'OpenTopoMap' or 'Esri.WorldGrayCanvas', or 'none'") from exc
    if provider.requires_token():
        raise InputError(f"tile provider {name!r} needs an API key; pick another or 'none'")
    return provider
