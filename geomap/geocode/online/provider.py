"""One geopy geocoder, built from a provider name and string options, and
called through geopy's :class:`~geopy.extra.rate_limiter.RateLimiter`
with exponential backoff on the failures that pass (timeouts, 429, 5xx).

geopy is imported inside the functions: nothing here runs unless the user
switched the online fallback on.
"""
from __future__ import annotations

import inspect
import re

from ... import __version__
from .answers import OnlineError

USER_AGENT = f"geomap/{__version__}"
DEFAULT_TIMEOUT = 10.0
MAX_WAIT = 60.0
#: geopy's own sample user agents, which Nominatim's policy forbids.
_FORBIDDEN_AGENTS = ("my_user_agent/1.0", "specify_your_app_name_here", "my-application")


def provider_names() -> list[str]:
    from geopy.geocoders import SERVICE_TO_GEOCODER

    return sorted(SERVICE_TO_GEOCODER)


def geocoder_class(provider: str):
    """The geopy class for ``provider`` (``nominatim``, ``photon``, ...)."""
    from geopy.exc import GeocoderNotFound
    from geopy.geocoders import get_geocoder_for_service

    try:
        return get_geocoder_for_service(provider.strip().lower())
    except GeocoderNotFound:
        raise OnlineError(f"unknown online provider {provider!r} (geopy knows: {', '.join(provider_names())}; "
                          f"write --online=PROVIDER or put --online after the names)") from None


def user_agent(value: str | None) -> str:
    """An identifying user agent, as Nominatim's usage policy asks: a bare
    e-mail address becomes ``geomap/X.Y (address)``."""
    value = (value or "").strip()
    if not value:
        return USER_AGENT
    if value in _FORBIDDEN_AGENTS:
        raise OnlineError(f"user agent {value!r} is geopy's example: name your application or give your e-mail")
    return f"{USER_AGENT} ({value})" if "@" in value and "/" not in value and " " not in value else value


def _coerce(name: str, value, default):
    """A KEY=VALUE string to the type of the constructor's default."""
    if not isinstance(value, str):
        return value
    if isinstance(default, bool):
        if value.lower() in ("1", "true", "yes", "on"):
            return True
        if value.lower() in ("0", "false", "no", "off"):
            return False
        raise OnlineError(f"online option {name}={value!r}: expected true or false")
    if name == "timeout" or (isinstance(default, (int, float)) and not isinstance(default, bool)):
        try:
            return float(value) if name == "timeout" or isinstance(default, float) else int(value)
        except ValueError:
            raise OnlineError(f"online option {name}={value!r}: expected a number") from None
    return value


def constructor_options(cls, provider: str, options: dict) -> dict:
    """Check ``options`` against the geocoder's constructor and fill in the
    user agent, timeout and a retry-free HTTP adapter (geomap retries itself)."""
    params = {n: p for n, p in inspect.signature(cls.__init__).parameters.items()
              if n != "self" and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)}
    unknown = sorted(set(options) - set(params))
    if unknown:
        raise OnlineError(f"{provider} has no option {', '.join(unknown)} "
                          f"(it accepts: {', '.join(n for n in params if n != 'adapter_factory')})")
    out = {name: _coerce(name, value, params[name].default) for name, value in options.items()}
    missing = [n for n, p in params.items() if p.default is p.empty and n not in out]
    if missing:
        raise OnlineError(f"online provider {provider} needs {', '.join(missing)}: "
                          f"pass --online-option {missing[0]}=...")
    if "user_agent" in params:
        out["user_agent"] = user_agent(out.get("user_agent"))
    if "timeout" in params:
        out.setdefault("timeout", DEFAULT_TIMEOUT)
    if "adapter_factory" in params:
        out.setdefault("adapter_factory", _adapter_factory())
    return out


def _adapter_factory():
    """geopy's requests adapter without urllib3's own retries, so a timeout
    costs one request and backoff is decided in one place; None (geopy's
    default adapter) when requests is absent."""
    from geopy.adapters import RequestsAdapter

    if not RequestsAdapter.is_available:
        return None
    return lambda *, proxies, ssl_context: RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)


def make_geocoder(provider: str, options: dict):
    cls = geocoder_class(provider)
    kwargs = constructor_options(cls, provider, dict(options))
    if kwargs.get("adapter_factory", 0) is None:
        kwargs.pop("adapter_factory")
    from geopy.exc import GeopyError

    try:
        return cls(**kwargs)
    except (GeopyError, TypeError, ValueError) as exc:
        raise OnlineError(f"cannot set up online provider {provider}: {_first_line(exc)}") from exc


def geocode_keywords(geocoder, countries: list[str]) -> dict:
    """Country bias and address details where the provider's ``geocode`` takes them."""
    params = inspect.signature(geocoder.geocode).parameters
    kwargs = {"exactly_one": True}
    if countries and "country_codes" in params:
        kwargs["country_codes"] = [c.lower() for c in countries]
    if "addressdetails" in params:
        kwargs["addressdetails"] = True
    return kwargs


def is_transient(exc: BaseException) -> bool:
    """Worth asking again: timeouts, 429, an unreachable host, HTTP 5xx."""
    from geopy.adapters import AdapterHTTPError
    from geopy.exc import GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable

    if isinstance(exc, (GeocoderRateLimited, GeocoderTimedOut, GeocoderUnavailable)):
        return True
    cause = exc.__cause__
    return isinstance(cause, AdapterHTTPError) and cause.status_code >= 500


def retry_wait(exc: BaseException, attempt: int, backoff_seconds: float) -> float:
    """``backoff * 2**attempt``, at least the server's Retry-After, at most MAX_WAIT."""
    wait = backoff_seconds * 2 ** attempt
    retry_after = getattr(exc, "retry_after", None)
    if retry_after:
        wait = max(wait, float(retry_after))
    return min(wait, MAX_WAIT)


def rate_limited(func, *, min_delay_seconds: float, max_retries: int, backoff_seconds: float):
    """``func`` behind geopy's RateLimiter (one request per ``min_delay_seconds``),
    retrying transient failures with exponential backoff; others raise at once."""
    from geopy.exc import GeocoderServiceError
    from geopy.extra.rate_limiter import RateLimiter

    class BackoffRateLimiter(RateLimiter):
        def __call__(self, *args, **kwargs):
            for attempt in range(self.max_retries + 1):
                self._acquire_request_slot()
                try:
                    return self.func(*args, **kwargs)
                except GeocoderServiceError as exc:
                    if attempt == self.max_retries or not is_transient(exc):
                        exc.geomap_attempts = attempt + 1
                        raise
                    self._sleep(retry_wait(exc, attempt, backoff_seconds))
            raise AssertionError("unreachable")

    return BackoffRateLimiter(func, min_delay_seconds=min_delay_seconds, max_retries=max_retries,
                              error_wait_seconds=max(backoff_seconds, min_delay_seconds),
                              swallow_exceptions=False)


def _first_line(exc: BaseException) -> str:
    """The readable part: urllib3 wraps ``[Errno 111] Connection refused`` in a page of repr."""
    text = str(exc).strip()
    errno = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if errno:
        return errno.group(1).strip()
    lines = text.splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]


def describe_failure(exc: BaseException, provider: str, endpoint: str, *, query: str = "") -> tuple[str, bool]:
    """A one-line message for a failed request, and whether to stop asking
    this provider for the rest of the run (``True`` unless only this query failed)."""
    from geopy import exc as E

    tries = getattr(exc, "geomap_attempts", 1)
    after = f" after {tries} tries" if tries > 1 else ""
    where = f"{provider} ({endpoint})"
    if isinstance(exc, E.GeocoderAuthenticationFailure):
        return f"{where} refused the credentials: check --online-option api_key=...", True
    if isinstance(exc, E.GeocoderInsufficientPrivileges):
        return f"{where} denied access (HTTP 403): check the API key and --user-agent", True
    if isinstance(exc, E.GeocoderRateLimited):
        return f"{where} kept rate-limiting requests (HTTP 429){after}; try again later", True
    if isinstance(exc, E.GeocoderQuotaExceeded):
        return f"{where} says the quota is exceeded", True
    if isinstance(exc, E.GeocoderTimedOut):
        return f"{where} did not answer in time{after}", True
    if isinstance(exc, E.GeocoderUnavailable):
        return f"cannot reach {where}{after}: {_first_line(exc)}", True
    if isinstance(exc, E.GeocoderParseError):
        return f"{where} returned an answer that is not valid JSON", True
    if isinstance(exc, E.GeocoderQueryError):
        return f"{where} rejected a query: {_first_line(exc)}", False
    if is_transient(exc):
        return f"{where} server error ({_first_line(exc)}){after}", True
    if isinstance(exc, E.GeopyError):
        return f"{where} failed: {_first_line(exc)}", True
    if isinstance(exc, (ValueError, Warning)) and re.search(r"[Ll](ati|ongi)tude", str(exc)):
        return f"{provider} answered {query!r} with coordinates out of range", False
    return f"{where} returned an answer geomap cannot read ({type(exc).__name__}: {_first_line(exc)})", True
