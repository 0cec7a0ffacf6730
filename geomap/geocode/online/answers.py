"""A provider's answer -> a :class:`~geomap.gazetteer.Place` marked with its
source: pure functions, so every provider quirk is testable without a server.

Nominatim's ``format=json`` rows carry ``addresstype`` and ``place_rank``,
which say what kind of place it is; other providers fall back to ``other``.
"""
from __future__ import annotations

import hashlib
import math

from ...errors import GeomapError
from ...gazetteer import Place
from ...gazetteer.kinds import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, OTHER, REGION

#: Default confidence of a network answer: below an unambiguous offline match
#: (1.0), because the provider saw the name without the document around it.
ONLINE_CONFIDENCE = 0.5

#: Nominatim ``addresstype`` -> geomap kind.
_ADDRESS_KINDS = {
    "continent": CONTINENT, "country": COUNTRY,
    "state": ADMIN1, "province": ADMIN1,
    "region": REGION, "state_district": REGION,
    "county": ADMIN2, "district": ADMIN2, "municipality": ADMIN2,
    **dict.fromkeys(("city", "town", "village", "hamlet", "suburb", "borough", "quarter", "neighbourhood",
                     "city_district", "isolated_dwelling", "croft", "locality"), CITY),
}
_ADMIN1_FIELDS = ("state", "province", "region")


class OnlineError(GeomapError, RuntimeError):
    """The online provider could not be configured or asked."""


class OnlineAnswerError(OnlineError, ValueError):
    """The provider answered something that is not a usable place."""


def kind_from_raw(raw: dict) -> str:
    """Nominatim's ``addresstype`` first, then its ``place_rank`` bands."""
    kind = _ADDRESS_KINDS.get(str(raw.get("addresstype") or "").lower())
    if kind:
        return kind
    try:
        rank = int(raw.get("place_rank"))
    except (TypeError, ValueError):
        return OTHER
    if rank == 4:
        return COUNTRY
    if 5 <= rank <= 9:
        return ADMIN1
    if 10 <= rank <= 12:
        return ADMIN2
    return CITY if 13 <= rank <= 25 else OTHER


def checked_point(lat, lon, *, provider: str, query: str) -> tuple[float, float]:
    """Coordinates as floats in range, else :class:`OnlineAnswerError` (geopy
    would wrap an out-of-range longitude silently)."""
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise OnlineAnswerError(f"{provider} answered {query!r} without usable coordinates "
                                f"({lat!r}, {lon!r})") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise OnlineAnswerError(f"{provider} answered {query!r} with coordinates out of range ({lat}, {lon})")
    return lat, lon


def _country_code(raw: dict) -> str | None:
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    props = raw.get("properties") if isinstance(raw.get("properties"), dict) else {}
    code = address.get("country_code") or props.get("countrycode") or raw.get("country_code")
    code = str(code or "").strip().upper()
    return code if len(code) == 2 and code.isalpha() else None


def _admin1(raw: dict) -> str | None:
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    return next((str(address[f]) for f in _ADMIN1_FIELDS if address.get(f)), None)


def _place_id(provider: str, raw: dict, address: str, lat: float, lon: float) -> str:
    if raw.get("osm_type") and raw.get("osm_id") is not None:
        return f"{provider}:{raw['osm_type']}/{raw['osm_id']}"
    digest = hashlib.sha1(f"{address}|{lat:.5f}|{lon:.5f}".encode()).hexdigest()[:12]
    return f"{provider}:{digest}"


def place_from_location(location, *, provider: str, query: str, confidence: float = ONLINE_CONFIDENCE) -> Place:
    """A geopy ``Location`` -> a :class:`Place` with ``source=provider``,
    ``match="online"`` and the name asked for as ``matched_name``."""
    raw = location.raw if isinstance(getattr(location, "raw", None), dict) else {}
    lat, lon = checked_point(location.latitude, location.longitude, provider=provider, query=query)
    if "lat" in raw or "lon" in raw or "place_id" in raw:  # Nominatim's own numbers, before geopy's fixes
        lat, lon = checked_point(raw.get("lat"), raw.get("lon"), provider=provider, query=query)
    if lat == 0 and lon == 0:  # "Null Island": what a missing point turns into
        raise OnlineAnswerError(f"{provider} answered {query!r} without usable coordinates (0, 0)")
    address = str(location.address or "")
    name = str(raw.get("name") or address.split(",")[0]).strip() or query
    return Place(
        id=_place_id(provider, raw, address, lat, lon), name=name[:200], lat=lat, lon=lon,
        kind=kind_from_raw(raw), feature_code=None, country_code=_country_code(raw), admin1_code=None,
        admin1=_admin1(raw), population=0, source=provider, matched_name=query,
        confidence=confidence, match="online",
    )
