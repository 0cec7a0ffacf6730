"""Moving cached answers out: an export any tool can read (CSV that
``geomap gazetteer import`` takes back, JSON lines with the misses too),
and ``gazetteer import --from-cache``, which writes the hits into the
gazetteer through the same :class:`~geomap.gazetteer.writer.GazetteerWriter`
as every other import, keeping ``source`` (``nominatim``...) on each place.
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from ...gazetteer import name_key
from .cache import CachedAnswer, OnlineCache

CSV_COLUMNS = ("name", "lat", "lon", "aliases", "country", "kind", "admin1", "source", "id", "query",
               "countries", "asked_at")


@dataclass(frozen=True, slots=True)
class PromoteResult:
    answers: int
    places_added: int
    names_added: int


def export_text(answers: list[CachedAnswer], fmt: str) -> str:
    """``csv``: hits in the user-places format (edit, then ``gazetteer import``);
    ``jsonl``: every answer, misses included."""
    if fmt == "jsonl":
        return "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in answers)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in answers:
        p = a.place
        if p is None:
            continue
        aliases = a.query if name_key(a.query) != name_key(p.name) else ""
        writer.writerow([p.name, p.lat, p.lon, aliases, p.country_code or "", p.kind, p.admin1 or "", p.source,
                         p.id, a.query, a.countries, a.asked_at])
    return out.getvalue()


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (newlines as given: CSV needs its own)."""
    from ...atomic import atomic_path

    with atomic_path(Path(path)) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)


def _record(answer: CachedAnswer) -> dict:
    p = answer.place
    return {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "kind": p.kind, "feature_code": None,
            "country_code": p.country_code, "admin1_code": None, "admin1": p.admin1,
            "population": p.population, "source": p.source, "point_source": "online", "iso_code": None}


def promote(cache: OnlineCache, gazetteer_path: Path, *, provider: str | None = None,
            on_wait=None) -> PromoteResult:
    """Write every cached hit into the gazetteer, in one transaction.

    A hit that duplicates a gazetteer place (same name key, country and kind,
    close by) only adds the asked-for name to it; otherwise it becomes a place
    of its own (``point_source=online``, so it never moves a GeoNames point).
    ``on_wait`` hears one line if another import holds the gazetteer.
    """
    from ...gazetteer.importer import gazetteer_transaction

    hits = list(cache.answers(provider=provider, found=True))
    with gazetteer_transaction(gazetteer_path, on_wait=on_wait) as writer:
        for answer in hits:
            writer.merge(_record(answer), [(answer.query, None)])
        writer.log.append(f"{cache.path.name} (online answers: +{writer.places_added} places, "
                          f"+{writer.names_added} names)")
    return PromoteResult(len(hits), writer.places_added, writer.names_added)
