"""The events stage on Dask: many machines, the same per-document function.

Needs the optional extra (``pip install geomap[dask]``); nothing here is
imported by ``import geomap``. :mod:`geomap.dask` is the public face.
"""
