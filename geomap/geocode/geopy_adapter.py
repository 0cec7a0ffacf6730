"""An offline geopy geocoder backed by the geomap gazetteer, so that
``geopandas.tools.geocode(names, provider=OfflineGeocoder)`` works without
a network (geopy's contract: ``geocode(query, exactly_one=True)`` returns a
:class:`geopy.location.Location` or ``None``)."""
from __future__ import annotations

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from ..gazetteer import Gazetteer, Place
from ..gazetteer.kinds import COUNTRY
from .core import default_gazetteer, rank

__all__ = ["OfflineGeocoder"]


def _address(place: Place) -> str:
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    if place.country_code and place.kind != COUNTRY:
        parts.append(place.country_code)
    return ", ".join(parts)


class OfflineGeocoder(Geocoder):
    """geopy geocoder answering from the offline gazetteer.

    Parameters
    ----------
    gazetteer : Gazetteer or path, optional
        Defaults to the per-user default gazetteer.
    country_codes : str or list of str, optional
        Default country restriction (ISO alpha-2), as in geopy's Nominatim.
    """

    def __init__(self, gazetteer: Gazetteer | str | None = None, *, country_codes=None, **kwargs):
        super().__init__(**kwargs)
        self._gazetteer_arg = gazetteer
        self._gazetteer: Gazetteer | None = gazetteer if isinstance(gazetteer, Gazetteer) else None
        self.country_codes = country_codes

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            arg = self._gazetteer_arg
            self._gazetteer = Gazetteer.open(arg) if arg else default_gazetteer()
        return self._gazetteer

    def geocode(self, query, *, exactly_one=True, timeout=None, limit=None, country_codes=None):
        """Same signature shape as geopy geocoders; ``timeout`` is ignored (no network)."""
        codes = country_codes if country_codes is not None else self.country_codes
        codes = [codes] if isinstance(codes, str) else list(codes or [])
        countries = frozenset(c.upper() for c in codes) or None
        places = rank(self.gazetteer, str(query), countries=countries)
        if not places:
            return None
        locations = [Location(_address(p), (p.lat, p.lon), p.to_dict()) for p in places]
        if exactly_one:
            return locations[0]
        return locations[:limit] if limit else locations
