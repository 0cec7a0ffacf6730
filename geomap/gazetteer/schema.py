"""The SQLite layout of a geomap gazetteer, in one place.

``names`` is clustered on the normalised key so an exact lookup is one
index range; ``keys`` holds each distinct key once, forwards and reversed,
so fuzzy matching can block on a prefix or a suffix. Nothing looks names up
by place, so ``names`` has no index on ``place`` (files built before kept one;
it does no harm). Indexes are made after loading (:data:`INDEXES`).
"""
from __future__ import annotations

FORMAT = "geomap-gazetteer"
FORMAT_VERSION = "1"

PLACE_COLUMNS = (
    "id", "name", "lat", "lon", "kind", "feature_code", "country_code",
    "admin1_code", "admin1", "population", "source", "point_source", "iso_code",
)

#: The key table alone: a helper of the build makes one in a file of its own (see
#: :func:`~geomap.gazetteer.writer.write_keys`).
KEY_TABLE = """
CREATE TABLE IF NOT EXISTS keys (
    key TEXT PRIMARY KEY,
    rkey TEXT NOT NULL,
    length INTEGER NOT NULL
) WITHOUT ROWID;
"""

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    kind TEXT NOT NULL,
    feature_code TEXT,
    country_code TEXT,
    admin1_code TEXT,
    admin1 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL,
    point_source TEXT NOT NULL,
    iso_code TEXT
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    place INTEGER NOT NULL,
    name TEXT NOT NULL,
    lang TEXT,
    PRIMARY KEY (key, place, name)
) WITHOUT ROWID;
""" + KEY_TABLE

KEY_INDEXES = """
CREATE INDEX IF NOT EXISTS keys_length_key ON keys (length, key);
CREATE INDEX IF NOT EXISTS keys_length_rkey ON keys (length, rkey);
"""

INDEXES = KEY_INDEXES + """
CREATE INDEX IF NOT EXISTS places_country ON places (country_code, kind);
"""

#: A scratch file of new places and their names, made by a helper process and copied into a
#: gazetteer by :meth:`~geomap.gazetteer.writer.GazetteerWriter.add_scratch`: ``seq`` is the
#: order of the source; ``key`` (the name's key) and ``capital`` are for the build step. Names
#: go into ``raw_names`` as they come; :func:`~geomap.gazetteer.writer.sort_scratch` then puts
#: them in key order into ``names`` (``n``: their order in ``raw_names``), so the copy and the
#: key table need no sort of their own.
SCRATCH_DDL = f"""
CREATE TABLE places (seq INTEGER PRIMARY KEY, {', '.join(PLACE_COLUMNS)}, key TEXT, capital INTEGER);
CREATE TABLE raw_names (seq INTEGER NOT NULL, key TEXT NOT NULL, name TEXT NOT NULL, lang TEXT);
CREATE TABLE names (key TEXT NOT NULL, n INTEGER NOT NULL, seq INTEGER NOT NULL, name TEXT NOT NULL, lang TEXT,
                    PRIMARY KEY (key, n)) WITHOUT ROWID;
"""
