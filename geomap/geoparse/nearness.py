"""How a text's places lie to each other, as far as points and codes tell: whether a region holds
a place (*Ashford, Surrey*), and whether a place is near or close to the others (local news names
places close to each other). Pure functions over :class:`~geomap.gazetteer.Place`; resolution
(resolve.py) and the agreement rules (agree.py, namesakes.py) share them."""
from __future__ import annotations

from ..gazetteer import Place, haversine_km
from ..gazetteer.kinds import ADMIN1, ADMIN2, COUNTRY, SUBDIVISIONS

NEAR_KM = 400.0
NEAR_DEG = NEAR_KM / 111.0   # no point further apart in latitude can be within NEAR_KM
#: Local news names places close to each other: the namesake within this distance of another place of
#: the text gains resolve.W_CLOSE more (*New Milford* beside Danbury is Connecticut's).
CLOSE_KM = 50.0
CLOSE_DEG = CLOSE_KM / 111.0
#: How far from a second-level region's point (a county's, derived from its towns) its places surely
#: lie, and may lie (see containment).
COUNTY_CORE_KM = 30.0
COUNTY_KM = 100.0


def containment(region: Place, place: Place) -> float:
    """How surely ``place`` lies in ``region`` as far as the gazetteer tells (1 sure, 0 not): in its
    country; in its first-level region; in a second-level region, whose places know their first-level
    region only, also by the distance to the region's point (a county's, derived from its towns): sure
    within COUNTY_CORE_KM, less so out to COUNTY_KM. *Sutton, Norfolk* is not Sutton, London, though
    both are in England; *Ashford, Surrey* is Surrey's, not Kent's."""
    if region.kind == COUNTRY:
        return float(place.country_code == region.country_code and place.kind != COUNTRY)
    if not (region.kind in SUBDIVISIONS and place.country_code == region.country_code
            and place.admin1_code == region.admin1_code and place.kind not in (COUNTRY, ADMIN1)):
        return 0.0
    if region.kind != ADMIN2:
        return 1.0
    km = haversine_km(region.lat, region.lon, place.lat, place.lon)
    return min(1.0, max(0.0, (COUNTY_KM - km) / (COUNTY_KM - COUNTY_CORE_KM)))


def near_anchor(place: Place, key: str, anchors) -> int:
    """2 when some anchor of another name lies within CLOSE_KM of ``place``, 1 within NEAR_KM, else 0
    (a plain loop: this runs for every candidate of every name, and a generator in ``any`` costs a
    frame switch per anchor)."""
    lat0, lon0 = place.lat, place.lon
    near = 0
    for k, lat, lon in anchors:
        dlat = abs(lat0 - lat)
        if k == key or dlat >= NEAR_DEG or near and dlat >= CLOSE_DEG:
            continue  # too far apart in latitude alone (for CLOSE_KM, once NEAR_KM is known)
        km = haversine_km(lat0, lon0, lat, lon)
        if km <= CLOSE_KM:
            return 2
        if km <= NEAR_KM:
            near = 1
    return near
