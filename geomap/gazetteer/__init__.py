"""Stage 1: the offline place store (SQLite), its sources and its imports."""
from .model import KINDS, Place
from .normalize import name_key
from .paths import default_gazetteer_path, geomap_home
from .store import Gazetteer
from .writer import haversine_km

__all__ = ["KINDS", "Gazetteer", "Place", "default_gazetteer_path", "geomap_home", "haversine_km", "name_key"]
