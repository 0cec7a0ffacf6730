"""The hook later stages call: :class:`OnlineResolver` answers one name at
a time from the cache, else from the provider, and never raises for a
network problem: it records one message per kind of problem in
:attr:`OnlineResolver.problems` and returns None, so offline results stand.
"""
from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

from ...gazetteer import Place, name_key
from ..core import check_name
from .answers import ONLINE_CONFIDENCE, OnlineAnswerError, OnlineError, place_from_location
from .cache import OnlineCache

#: Errors geopy's parsers let through on malformed answers (a dict where a list
#: was expected, a row without ``lat``...).
_GARBAGE = (KeyError, TypeError, ValueError, IndexError, AttributeError, Warning)


def needs_online(places: list[Place]) -> bool:
    """Offline answer too weak: nothing found, or only fuzzy matches."""
    return not places or places[0].match not in ("exact", "online")


def _countries(countries) -> list[str]:
    codes = [countries] if isinstance(countries, str) else list(countries or [])
    return sorted({c.strip().upper() for c in codes if c and c.strip()})


class OnlineResolver:
    """Names -> places from a geopy provider, cached and rate-limited.

    Parameters
    ----------
    provider : str
        A geopy service name (``geopy.geocoders.get_geocoder_for_service``).
    options : dict, optional
        Constructor options of the geopy geocoder (``domain``, ``scheme``,
        ``api_key``, ``timeout``...); strings are converted to the option's type.
    cache_path : path, optional
        The answer cache (usually :func:`~geomap.geocode.online.cache_path_for`
        the gazetteer); without one, answers are kept for this run only.
    user_agent : str, optional
        Identifies you to the provider (an e-mail address is enough).
    min_delay_seconds : float
        At least this long between two requests (Nominatim's policy: 1 s).
    max_retries, backoff_seconds
        Transient failures are retried after ``backoff * 2**attempt`` seconds.
    confidence : float
        Confidence given to network answers.
    """

    def __init__(self, provider: str = "nominatim", *, options: dict | None = None,
                 cache_path: str | Path | None = None, user_agent: str | None = None,
                 min_delay_seconds: float = 1.0, max_retries: int = 3, backoff_seconds: float = 2.0,
                 confidence: float = ONLINE_CONFIDENCE):
        self.provider = provider.strip().lower()
        self.options = dict(options or {})
        if user_agent:
            self.options["user_agent"] = user_agent
        self.cache = OnlineCache(cache_path) if cache_path else None
        self.min_delay_seconds = float(min_delay_seconds)
        if self.provider == "nominatim" and "openstreetmap.org" in str(self.options.get("domain", "openstreetmap.org")):
            self.min_delay_seconds = max(self.min_delay_seconds, 1.0)  # the public server's usage policy
        self.max_retries = int(max_retries)
        self.backoff_seconds = float(backoff_seconds)
        self.confidence = float(confidence)
        self.problems: dict[str, int] = {}
        self.stopped: str | None = None
        self.asked = self.cached = 0
        self._memo: dict[tuple[str, str], Place | None] = {}
        self._geocoder = None
        self._call = None

    @property
    def endpoint(self) -> str:
        """What the cache keys on besides the provider: a test server's answers
        never answer for the real one."""
        domain = str(self.options.get("domain") or "")
        return f"{self.options.get('scheme') or 'https'}://{domain}" if domain else "default"

    # -- setting up -----------------------------------------------------
    def check(self) -> str | None:
        """Build the geopy geocoder (no request); the problem, if any."""
        if self._call is None and self.stopped is None:
            try:
                from .provider import make_geocoder, rate_limited

                self._geocoder = make_geocoder(self.provider, self.options)
                self._call = rate_limited(self._geocoder.geocode, min_delay_seconds=self.min_delay_seconds,
                                          max_retries=self.max_retries, backoff_seconds=self.backoff_seconds)
            except OnlineError as exc:
                self._stop(str(exc))
        return self.stopped

    def _note(self, message: str) -> None:
        self.problems[message] = self.problems.get(message, 0) + 1

    def _stop(self, message: str) -> None:
        self._note(message)
        self.stopped = message

    # -- asking -----------------------------------------------------------
    def resolve(self, name: str, *, countries=None) -> Place | None:
        """The provider's place for ``name``, or None: not found, or not asked
        (see :attr:`problems`). ``countries`` (the document's context) restricts
        the query where the provider supports it; a miss there is asked again
        without the restriction, since the context may not hold the place."""
        query = check_name(name)
        key = name_key(query)
        if not key:
            return None
        codes = _countries(countries)
        place, answered = self._resolve_once(query, key, codes)
        if place is None and answered and codes:
            place, _ = self._resolve_once(query, key, [])
        return place

    def _resolve_once(self, query: str, key: str, codes: list[str]) -> tuple[Place | None, bool]:
        """``(place, answered)``: memory, then the cache, then the provider."""
        memo_key = (key, ",".join(codes))
        if memo_key in self._memo:
            return self._memo[memo_key], True
        cached = self.cache.get(self.provider, self.endpoint, *memo_key) if self.cache else None
        if cached is not None:
            self.cached += 1
            self._memo[memo_key] = cached.place
            return cached.place, True
        if self.check():
            return None, False
        found = self._ask(query, codes)
        if found is False:
            return None, False
        place, raw = found
        if self.cache:
            self.cache.put(self.provider, self.endpoint, key, memo_key[1], query, place, raw)
        self._memo[memo_key] = place
        return place, True

    def _ask(self, query: str, codes: list[str]):
        """``(place or None, raw)``, or False when there is no answer to keep."""
        from geopy.exc import GeopyError

        from .provider import describe_failure, geocode_keywords

        self.asked += 1
        try:
            with warnings.catch_warnings():  # geopy warns, then fails, on impossible latitudes
                warnings.simplefilter("error")
                location = self._call(query, **geocode_keywords(self._geocoder, codes))
        except (GeopyError, *_GARBAGE) as exc:
            message, stop = describe_failure(exc, self.provider, self.endpoint, query=query)
            self._stop(message) if stop else self._note(message)
            return False
        if location is None:
            return None, None
        try:
            place = place_from_location(location, provider=self.provider, query=query, confidence=self.confidence)
        except OnlineAnswerError as exc:
            self._note(str(exc))
            return False
        return place, location.raw if isinstance(location.raw, dict) else None

    def resolve_many(self, names: Iterable[str], *, countries=None) -> dict[str, Place | None]:
        """Each distinct name once, in order."""
        out: dict[str, Place | None] = {}
        for name in names:
            if name not in out:
                out[name] = self.resolve(name, countries=countries)
        return out

    def report(self) -> list[str]:
        """One line per distinct problem (for stderr)."""
        return [f"online: {message}" + (f" ({n} names)" if n > 1 else "") for message, n in self.problems.items()]

    def close(self) -> None:
        if self.cache:
            self.cache.close()

    def __enter__(self) -> "OnlineResolver":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
