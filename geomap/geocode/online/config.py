"""Whether and how to go online: ``--online [PROVIDER]`` beats
``GEOMAP_ONLINE`` beats ``[online]`` in ``$GEOMAP_HOME/geomap.toml``;
options merge in the same order. Off unless one of them asks.

Example ``geomap.toml``::

    [online]
    enabled = true            # ask without --online
    provider = "nominatim"
    user_agent = "me@example.org"
    min_delay_seconds = 1.0
    [online.options]          # geopy constructor options
    domain = "nominatim.example.org"
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputError
from .answers import ONLINE_CONFIDENCE
from .cache import cache_path_for

CONFIG_FILENAME = "geomap.toml"
DEFAULT_PROVIDER = "nominatim"
#: Settings of the resolver itself; any other option goes to the geopy geocoder.
RESOLVER_KEYS = {"min_delay_seconds": float, "max_retries": int, "backoff_seconds": float, "confidence": float}
_TOML_KEYS = {"enabled", "provider", "user_agent", "options", *RESOLVER_KEYS}
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"", "0", "false", "no", "off"}


@dataclass(frozen=True)
class OnlineSettings:
    """Everything :class:`~geomap.geocode.online.OnlineResolver` needs."""

    provider: str = DEFAULT_PROVIDER
    options: dict = field(default_factory=dict)
    user_agent: str | None = None
    min_delay_seconds: float = 1.0
    max_retries: int = 3
    backoff_seconds: float = 2.0
    confidence: float = ONLINE_CONFIDENCE


def add_online_arguments(parser) -> None:
    """``--online [PROVIDER]``, ``--online-option KEY=VALUE``, ``--user-agent``, ``--no-online``."""
    group = parser.add_argument_group("online fallback (off unless asked)")
    group.add_argument("--online", nargs="?", const="", default=None, metavar="PROVIDER",
                       help="ask a geopy provider (default nominatim) for names the gazetteer lacks; "
                            "answers are cached beside the gazetteer")
    group.add_argument("--online-option", action="append", default=[], metavar="KEY=VALUE",
                       help="geopy geocoder option (domain=, scheme=, api_key=, timeout=) or "
                            "min_delay_seconds=, max_retries=, backoff_seconds=, confidence= (repeatable)")
    group.add_argument("--user-agent", metavar="TEXT", help="identify yourself to the provider (e.g. your e-mail)")
    group.add_argument("--no-online", action="store_true", help="stay offline even if GEOMAP_ONLINE or geomap.toml ask")


def read_config(home: Path) -> dict:
    """The ``[online]`` table of ``geomap.toml`` ({} without the file)."""
    import tomllib

    path = home / CONFIG_FILENAME
    if not path.is_file():
        return {}
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from exc
    online = data.get("online", {})
    if not isinstance(online, dict) or not isinstance(online.get("options", {}), dict):
        raise InputError(f"{path}: [online] and [online.options] must be tables")
    unknown = sorted(set(online) - _TOML_KEYS)
    if unknown:
        raise InputError(f"{path}: unknown [online] key(s) {', '.join(unknown)} (known: {', '.join(sorted(_TOML_KEYS))})")
    return online


def parse_options(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs or []:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--online-option expects KEY=VALUE, not {pair!r}")
        out[key.strip()] = value.strip()
    return out


def settings_from(*, cli_provider: str | None = None, cli_options: list[str] | None = None,
                  cli_user_agent: str | None = None, no_online: bool = False,
                  env: dict | None = None, home: Path | None = None) -> OnlineSettings | None:
    """The settings if anything asks to go online, else None."""
    from ...gazetteer import geomap_home

    env = os.environ if env is None else env
    config = read_config(home or geomap_home())
    env_value = env.get("GEOMAP_ONLINE")
    if no_online:
        return None
    if cli_provider is not None:
        provider = cli_provider
    elif env_value is not None and env_value.strip().lower() not in _FALSE:
        provider = "" if env_value.strip().lower() in _TRUE else env_value.strip()
    elif env_value is None and config.get("enabled") is True:
        provider = ""
    else:
        return None
    provider = provider or str(config.get("provider") or DEFAULT_PROVIDER)
    options = {**config.get("options", {}), **parse_options(cli_options)}
    resolver_settings = {k: config[k] for k in RESOLVER_KEYS if k in config}
    for key, kind in RESOLVER_KEYS.items():
        if key in options:
            resolver_settings[key] = options.pop(key)
    try:
        resolver_settings = {k: RESOLVER_KEYS[k](v) for k, v in resolver_settings.items()}
    except (TypeError, ValueError) as exc:
        raise InputError(f"online setting is not a number ({exc})") from None
    if resolver_settings.get("min_delay_seconds", 1.0) < 0 or resolver_settings.get("max_retries", 0) < 0:
        raise InputError("online min_delay_seconds and max_retries must not be negative")
    return OnlineSettings(provider=provider, options=options,
                          user_agent=cli_user_agent or config.get("user_agent"), **resolver_settings)


def resolver_from_args(args, *, gazetteer_path: str | Path | None = None):
    """An :class:`OnlineResolver` when the user asked to go online, else None.
    Its cache sits beside ``gazetteer_path`` (default: ``--gazetteer`` or the default one)."""
    from ...gazetteer import default_gazetteer_path
    from .resolver import OnlineResolver

    settings = settings_from(cli_provider=getattr(args, "online", None),
                             cli_options=getattr(args, "online_option", None),
                             cli_user_agent=getattr(args, "user_agent", None),
                             no_online=getattr(args, "no_online", False))
    if settings is None:
        return None
    gazetteer_path = gazetteer_path or getattr(args, "gazetteer", None) or default_gazetteer_path()
    return OnlineResolver(settings.provider, options=settings.options, cache_path=cache_path_for(gazetteer_path),
                          user_agent=settings.user_agent, min_delay_seconds=settings.min_delay_seconds,
                          max_retries=settings.max_retries, backoff_seconds=settings.backoff_seconds,
                          confidence=settings.confidence)
