"""One-file HTML reports: summary numbers, the map (isolated in an iframe),
a sortable, filterable event table linked to the map, unresolved places.

The map is the same self-contained page ``geomap map`` writes, put in an
``<iframe srcdoc>`` with a sandbox, so its CSS and JS cannot touch the
report and the report's cannot touch it; they talk by ``postMessage``.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["make_report", "write_report"]

_HERE = Path(__file__).resolve().parent


def make_report(events, *, title: str | None = None, window: str | int | None = None,
                tiles: str | None = "OpenStreetMap.Mapnik", source_name: str | None = None,
                max_points: int | None = None, unresolved=(), basemap: bool = True, lang: str = "en") -> str:
    """The report page as one HTML string.

    Parameters
    ----------
    events : EventTable, GeoDataFrame or DataFrame
        The events, as for :func:`geomap.maps.make_map`.
    title : str, optional
        The page heading (escaped).
    source_name : str, optional
        Where the events came from (a file name), shown under the title.
    unresolved : iterable of (place text, count), optional
        Place mentions the gazetteer could not place (the events stage's
        ``unresolved`` output), listed with those of rows without coordinates.
    basemap, lang : as for :func:`geomap.maps.make_map` (``lang`` sets the report's and the map's own words).
    """
    import jinja2

    from ..maps import EventTable, map_from_payload, prepare_events, render_html
    from ..maps import assets
    from ..maps.layer import encode_payload, parse_window, tile_provider
    from ..maps.pack import MAX_POINTS, pack_events, to_script_json
    from ..maps.ui_strings import ui_strings
    from .summary import summarize

    days, provider = parse_window(window), tile_provider(tiles)
    table = events if isinstance(events, EventTable) else prepare_events(events)
    payload = pack_events(table.frame, max_points=max_points or MAX_POINTS)
    payload["showHistorical"] = table.show_historical
    map_html = render_html(map_from_payload(payload, window_days=days, tiles=provider, title=None,
                                            basemap=basemap, lang=lang))
    (data_text, encoding), (text_text, text_encoding) = encode_payload(payload)
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(_HERE / "templates"),
                                     autoescape=True, undefined=jinja2.StrictUndefined)
    strings = ui_strings(lang)
    return environment.get_template("report.html").render(
        lang=lang.strip().lower(), say=_say(strings), number=_number(lang), strings_json=_script_safe(to_script_json(strings)),
        type_label=lambda name: strings.get(f"type_{name}", str(name).replace("_", " ")),
        title=title or strings["report_title"], source_name=source_name, summary=summarize(table, unresolved),
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), map_html=map_html,
        data_text=_script_safe(data_text), data_encoding=encoding, text_text=_script_safe(text_text),
        text_encoding=text_encoding, aggregated=payload["notice"], css=_static("report.css"),
        js=_script_safe(assets.own_js(("geomap-payload.js",)) + "\n" + str(_static("report.js"))),
    )


def write_report(html_text: str, path: str | os.PathLike) -> Path:
    """Write atomically (never a half-written report)."""
    from ..maps import write_text_atomic

    return write_text_atomic(Path(path), html_text)


def _say(strings: dict):
    """``say(key, **params)``: the report's own words in its language, with {params} filled
    (the template escapes the result)."""
    def say(key: str, **params) -> str:
        text = strings[key]
        for name, value in params.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    return say


def _number(lang: str):
    """Whole numbers as the language writes them (1,234 in English, 1.234 in Spanish)."""
    from babel.numbers import format_decimal

    locale = lang.strip().lower()
    return lambda n: format_decimal(int(n), locale=locale)


def _static(name: str):
    import markupsafe

    return markupsafe.Markup((_HERE / "static" / name).read_text("utf-8"))


def _script_safe(text: str):
    """Markup (not escaped again by jinja) that cannot close its <script> element."""
    import re

    import markupsafe

    return markupsafe.Markup(re.sub(r"</(script)", r"<\\/\1", str(text), flags=re.IGNORECASE))
