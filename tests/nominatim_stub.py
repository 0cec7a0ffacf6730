"""A small Nominatim-compatible HTTP server on 127.0.0.1, so the online
fallback is tested through real geopy and real HTTP without the internet.

It serves ``GET /search?q=...&format=json[&countrycodes=..][&limit=..]``
like Nominatim does (a JSON list, ``[]`` for no match, ``countrycodes``
filtering) and can be told to misbehave per query: ``slow`` (answer after
a delay), ``hang`` (until the stub stops), ``429`` (with ``Retry-After``),
``500``/``503``, ``garbage`` (not JSON) or ``badshape`` (JSON of the wrong
shape). Every request is recorded (query, parameters, User-Agent, time).

Provenance of :data:`PLACES`: the field names and shapes follow Nominatim's
documented ``format=json`` output with ``addressdetails=1``
(https://nominatim.org/release-docs/latest/api/Output/); the values are
written by hand for these tests (coordinates rounded from the places'
Wikipedia/GeoNames entries; ``osm_id``/``place_id`` are made up), so they
must never be taken for real OSM data.

Run it by hand with ``python tests/nominatim_stub.py [PORT]`` and point
geomap at it with ``--online-option domain=127.0.0.1:PORT --online-option scheme=http``.
"""
from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright"


def _row(place_id, osm_type, osm_id, lat, lon, cls, typ, rank, addresstype, name, display, address):
    return {"place_id": place_id, "licence": LICENCE, "osm_type": osm_type, "osm_id": osm_id,
            "lat": lat, "lon": lon, "class": cls, "type": typ, "place_rank": rank, "importance": 0.3,
            "addresstype": addresstype, "name": name, "display_name": display, "address": address,
            "boundingbox": [str(float(lat) - 0.01), str(float(lat) + 0.01), str(float(lon) - 0.01),
                            str(float(lon) + 0.01)]}


#: Answers by lower-cased query (hand-written, see the module docstring).
PLACES = {
    "tonashen": [_row(1001, "node", 9000001, "40.0893", "46.6810", "place", "village", 19, "village",
                      "Tonashen", "Tonashen, Kalbajar District, Azerbaijan",
                      {"village": "Tonashen", "county": "Kalbajar District", "country": "Azerbaijan",
                       "country_code": "az"})],
    "nagorno-karabakh": [_row(1002, "relation", 9000002, "39.9000", "46.7000", "boundary", "historic", 8,
                              "region", "Nagorno-Karabakh", "Nagorno-Karabakh, Azerbaijan",
                              {"region": "Nagorno-Karabakh", "country": "Azerbaijan", "country_code": "az"})],
    "talish": [_row(1007, "node", 9000007, "40.1650", "46.5540", "place", "village", 19, "village", "Talish",
                    "Talish, Tartar District, Azerbaijan",
                    {"village": "Talish", "county": "Tartar District", "country": "Azerbaijan", "country_code": "az"})],
    "martuni": [_row(1003, "node", 9000003, "39.7900", "47.1100", "place", "town", 18, "town", "Martuni",
                     "Martuni, Khojavend District, Azerbaijan",
                     {"town": "Martuni", "country": "Azerbaijan", "country_code": "az"}),
                _row(1004, "node", 9000004, "40.1400", "45.3070", "place", "town", 18, "town", "Martuni",
                     "Martuni, Gegharkunik Province, Armenia",
                     {"town": "Martuni", "state": "Gegharkunik Province", "country": "Armenia",
                      "country_code": "am"})],
    "far away": [_row(1005, "node", 9000005, "91.5", "46.7", "place", "village", 19, "village", "Far away",
                      "Far away", {"country_code": "az"})],
    "wrapped": [_row(1006, "node", 9000006, "40.0", "406.7", "place", "village", 19, "village", "Wrapped",
                     "Wrapped", {"country_code": "az"})],
}


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        """A client that timed out and hung up is part of the test, not news."""


class NominatimStub:
    """``with NominatimStub() as stub:`` serves on ``stub.domain`` until the block ends."""

    def __init__(self, places: dict | None = None, *, port: int = 0, slow_seconds: float = 2.0):
        self.places = PLACES if places is None else places
        self.behaviours: dict[str, list[str]] = defaultdict(list)
        self.requests: list[dict] = []
        self.slow_seconds = slow_seconds
        self.stopping = threading.Event()
        self._server = _QuietServer(("127.0.0.1", port), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self._server.server_address[1]}"

    def script(self, query: str, *behaviours: str) -> None:
        """The next requests for ``query`` misbehave in this order, then answer normally."""
        self.behaviours[query.lower()].extend(behaviours)

    def asked(self, query: str) -> int:
        return sum(1 for r in self.requests if r["q"].lower() == query.lower())

    def __enter__(self) -> "NominatimStub":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, params: dict) -> list:
        rows = self.places.get(params.get("q", "").strip().lower(), [])
        codes = {c.strip().lower() for c in params.get("countrycodes", "").split(",") if c.strip()}
        if codes:
            rows = [r for r in rows if r.get("address", {}).get("country_code") in codes]
        return rows[: int(params.get("limit") or 10)]

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep test output clean
                pass

            def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                url = urlparse(self.path)
                params = {k: v[-1] for k, v in parse_qs(url.query).items()}
                query = params.get("q", "")
                stub.requests.append({"q": query, "params": params, "time": time.monotonic(),
                                      "user_agent": self.headers.get("User-Agent", "")})
                if url.path != "/search":
                    return self._send(404, b'{"error": "not found"}')
                queue = stub.behaviours.get(query.lower())
                behaviour = queue.pop(0) if queue else "ok"
                if behaviour == "hang":
                    stub.stopping.wait(600)
                    return
                if behaviour == "slow":
                    time.sleep(stub.slow_seconds)
                if behaviour == "429":
                    return self._send(429, b'{"error": "Too Many Requests"}', {"Retry-After": "0"})
                if behaviour in ("500", "503"):
                    return self._send(int(behaviour), b"<html>Internal error</html>")
                if behaviour == "garbage":
                    return self._send(200, b'[{"place_id": 1, "lat": "40.0", "lon"')
                if behaviour == "badshape":
                    return self._send(200, b'[{"place_id": 1, "display_name": "no coordinates"}]')
                self._send(200, json.dumps(stub._answer(params), ensure_ascii=False).encode())

        return Handler


if __name__ == "__main__":
    import sys

    with NominatimStub(port=int(sys.argv[1]) if len(sys.argv) > 1 else 8088) as running:
        print(f"Nominatim stub on http://{running.domain}/search (Ctrl-C stops)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
