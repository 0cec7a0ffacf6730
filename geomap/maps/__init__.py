"""Interactive maps of dated events: self-contained HTML, fast at 100k events.

``make_map(events)`` returns a ``folium.Map`` (shown inline in Jupyter);
``write_html(map, path)`` saves it atomically. The events are any table of
dated points; see :mod:`geomap.maps.table` for the columns looked for.
"""
from __future__ import annotations

import html
import os
import warnings
from pathlib import Path

from .table import ColumnNames, EventTable, prepare_events, read_table  # noqa: F401  (light: no pandas at import)

__all__ = ["make_map", "write_html", "read_events", "ColumnNames", "EventTable", "MapWarning"]


class MapWarning(UserWarning):
    """Rows were left off the map (no coordinates, no date, out of range)."""


def read_events(path, *, columns: ColumnNames = ColumnNames(), max_bytes: int | None = None,
                historical: bool = False) -> EventTable:
    """Read and normalise an events file (CSV, GeoJSON, GeoParquet); ``historical`` rows are
    left off unless asked (see :func:`~geomap.maps.table.prepare_events`)."""
    from .table import MAX_FILE_BYTES

    frame = read_table(path, max_bytes=max_bytes or MAX_FILE_BYTES)
    return prepare_events(frame, columns=columns, historical=historical)


def make_map(events, *, columns: ColumnNames = ColumnNames(), window: str | int | None = None,
             tiles: str | None = "OpenStreetMap.Mapnik", title: str | None = None,
             max_points: int | None = None, compress: bool | None = None, basemap: bool = True,
             lang: str = "en", width: str = "100%", height: str = "100%"):
    """A folium map of dated events with a time bar, legend and popups.

    Parameters
    ----------
    events : GeoDataFrame, DataFrame or EventTable
        The events (``geomap events`` output or any table of dated points).
    columns : ColumnNames
        Names of the lat/lon/date/type columns when they are not the usual ones.
    window : str or int, optional
        Time window shown at once (``"7D"``, ``"1M"``); cumulative when None.
    tiles : str or None
        An xyzservices provider name, or ``"none"``/None for a plain background.
    title : str, optional
        Shown on the map (as text).
    max_points : int, optional
        Above this many events the map aggregates per cell and day (default 200,000).
    compress : bool, optional
        Force (or forbid) the gzip+base64 payload; by default only large payloads are compressed.
    basemap : bool
        Embed the offline vector basemap (Natural Earth countries and first-level lines, US states,
        big cities; about 0.86 MB), drawn under the tiles so the map reads with the network off.
    lang : str
        Language of the map's own words (legend, buttons), one of ``geomap.maps.ui_strings.LANGUAGES``.

    Returns
    -------
    folium.Map
        Self-contained: ``write_html`` or ``map.get_root().render()`` gives one HTML file.
    """
    from .layer import parse_window, tile_provider
    from .pack import MAX_POINTS, pack_events

    days = parse_window(window)
    provider = tile_provider(tiles)
    if isinstance(events, EventTable):
        table = events  # its skipped rows were already reported by whoever read it
    else:
        table = prepare_events(events, columns=columns)
        if message := table.skipped_message():
            warnings.warn(message, MapWarning, stacklevel=2)
    payload = pack_events(table.frame, max_points=max_points or MAX_POINTS)
    payload["showHistorical"] = table.show_historical
    return map_from_payload(payload, window_days=days, tiles=provider, title=title, compress=compress,
                            basemap=basemap, lang=lang, width=width, height=height)


def map_from_payload(payload: dict, *, window_days: int, tiles, title: str | None, compress: bool | None = None,
                     basemap: bool = True, lang: str = "en", width: str = "100%", height: str = "100%"):
    """The folium map for an already packed payload (the report packs once for map and table)."""
    from .layer import DATA_ATTRIBUTION, _folium_classes

    OfflineMap, EventLayer = _folium_classes()
    folium_map = OfflineMap(location=None, tiles=tiles, width=width, height=height,
                            zoom_start=2, control_scale=True, prefer_canvas=True)
    from .basemap import ATTRIBUTION as BASEMAP_ATTRIBUTION
    from .ui_strings import ui_strings

    attribution = DATA_ATTRIBUTION + (" | " + BASEMAP_ATTRIBUTION if basemap else "")
    options = {"windowDays": window_days, "title": title, "attribution": attribution,
               "lang": lang, "strings": ui_strings(lang, part="map")}
    EventLayer(payload, options=options, compress=compress, basemap=basemap).add_to(folium_map)
    root = folium_map.get_root()
    root.title = html.escape(title or "geomap events")
    root.lang = lang
    root._template = page_template()
    return folium_map


def page_template():
    """branca's page template with the page language on ``<html>`` (screen readers, hyphenation)."""
    from .layer import _page_template

    return _page_template()


def render_html(folium_map) -> str:
    """The whole page of a map, as one string."""
    return folium_map.get_root().render()


def write_html(folium_map_or_html, path: str | os.PathLike) -> Path:
    """Write a map (or an HTML string) atomically: never a half-written file."""
    html = folium_map_or_html if isinstance(folium_map_or_html, str) else render_html(folium_map_or_html)
    return write_text_atomic(Path(path), html)


def write_text_atomic(path: Path, text: str) -> Path:
    from ..atomic import write_text_atomic as write

    return write(path, text)
