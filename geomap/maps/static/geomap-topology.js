/* geomap-topology.js: TopoJSON (world-atlas, us-atlas) decoded for the basemap: arcs
 * into Web-Mercator unit coordinates, polygons into rings with a bbox and a label
 * point, arcs split into coastlines (one owner) and borders (two owners).
 */
(function (global) {
  'use strict';

  function mercatorY(lat) {
    var s = Math.sin(Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI / 180);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  /* TopoJSON arcs -> Float64Array [mx0, my0, mx1, my1, ...] per arc (quantized, delta-encoded). */
  function decodeArcs(topology) {
    var t = topology.transform, sx = t.scale[0], sy = t.scale[1], tx = t.translate[0], ty = t.translate[1];
    return topology.arcs.map(function (arc) {
      var out = new Float64Array(arc.length * 2), x = 0, y = 0;
      for (var i = 0; i < arc.length; i++) {
        x += arc[i][0];
        y += arc[i][1];
        out[2 * i] = (x * sx + tx + 180) / 360;
        out[2 * i + 1] = mercatorY(y * sy + ty);
      }
      return out;
    });
  }

  /* One ring of arc indices -> one Float64Array of points (a negative index ~i is arc i reversed). */
  function ringPoints(arcs, ring) {
    var total = 0, k, j;
    for (k = 0; k < ring.length; k++) total += arcs[ring[k] < 0 ? ~ring[k] : ring[k]].length;
    var out = new Float64Array(total), n = 0, shift = 0;
    for (k = 0; k < ring.length; k++) {
      var reversed = ring[k] < 0, a = arcs[reversed ? ~ring[k] : ring[k]], m = a.length / 2;
      for (j = 0; j < m; j++) {
        var p = reversed ? m - 1 - j : j, x = a[2 * p] + shift, y = a[2 * p + 1];
        // a ring that crosses the antimeridian continues past it (Chukotka, Fiji) instead of
        // jumping across the world; the jump along a pole (Antarctica's rim) is a real edge
        if (n && Math.abs(x - out[n - 2]) > 0.5 && y > 0.001 && y < 0.999) {
          var d = x - out[n - 2] > 0 ? -1 : 1;
          shift += d;
          x += d;
        }
        out[n++] = x;
        out[n++] = y;
      }
    }
    return out.subarray(0, n);
  }

  function ringArea(points) {
    var area = 0;
    for (var i = 0, n = points.length; i < n; i += 2) {
      var j = (i + 2) % n;
      area += points[i] * points[j + 1] - points[j] * points[i + 1];
    }
    return area / 2;
  }

  function inside(points, x, y) {
    var c = false;
    for (var i = 0, n = points.length, j = n - 2; i < n; j = i, i += 2) {
      var xi = points[i], yi = points[i + 1], xj = points[j], yj = points[j + 1];
      if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) c = !c;
    }
    return c;
  }

  /* A label point inside the biggest ring: its centroid if inside, else the middle
   * of the widest inside stretch on the horizontal line through it. */
  function labelPoint(points, bbox) {
    var cx = 0, cy = 0, n = points.length / 2;
    for (var i = 0; i < points.length; i += 2) { cx += points[i]; cy += points[i + 1]; }
    cx /= n; cy /= n;
    if (inside(points, cx, cy)) return [cx, cy];
    var crossings = [];
    for (var k = 0, j = points.length - 2; k < points.length; j = k, k += 2) {
      var yi = points[k + 1], yj = points[j + 1];
      if ((yi > cy) !== (yj > cy)) crossings.push((points[j] - points[k]) * (cy - yi) / (yj - yi) + points[k]);
    }
    crossings.sort(function (a, b) { return a - b; });
    var best = [(bbox[0] + bbox[2]) / 2, cy], width = -1;
    for (var c = 0; c + 1 < crossings.length; c += 2) {
      if (crossings[c + 1] - crossings[c] > width) {
        width = crossings[c + 1] - crossings[c];
        best = [(crossings[c] + crossings[c + 1]) / 2, cy];
      }
    }
    return best;
  }

  function bboxOf(points, box) {
    box = box || [Infinity, Infinity, -Infinity, -Infinity];
    for (var i = 0; i < points.length; i += 2) {
      if (points[i] < box[0]) box[0] = points[i];
      if (points[i] > box[2]) box[2] = points[i];
      if (points[i + 1] < box[1]) box[1] = points[i + 1];
      if (points[i + 1] > box[3]) box[3] = points[i + 1];
    }
    return box;
  }

  /* Countries (rings, bbox, label point), coastlines (arcs of one country) and borders (of two);
   * the same for another object of polygons (first-level regions: `states`) or of boundary lines. */
  function decodeTopology(topology, objectName) {
    var arcs = decodeArcs(topology), owners = new Int32Array(arcs.length).fill(-1);
    var shared = new Uint8Array(arcs.length), countries = [];
    topology.objects[objectName || 'countries'].geometries.forEach(function (geometry, g) {
      if (geometry.type === 'LineString' || geometry.type === 'MultiLineString') {
        // boundary lines with no areas (first-level lines of the world): every arc is a border
        (geometry.type === 'LineString' ? [geometry.arcs] : geometry.arcs).forEach(function (line) {
          line.forEach(function (a) { shared[a < 0 ? ~a : a] = 1; });
        });
        return;
      }
      var polygons = geometry.type === 'Polygon' ? [geometry.arcs] : geometry.type === 'MultiPolygon' ? geometry.arcs : [];
      var rings = [], bbox = [Infinity, Infinity, -Infinity, -Infinity], biggest = null, biggestArea = 0, total = 0;
      polygons.forEach(function (polygon) {
        polygon.forEach(function (ring, r) {
          ring.forEach(function (a) {
            var index = a < 0 ? ~a : a;
            if (owners[index] === -1) owners[index] = g; else if (owners[index] !== g) shared[index] = 1;
          });
          var points = ringPoints(arcs, ring);
          rings.push(points);
          if (r === 0) {
            bboxOf(points, bbox);
            var area = Math.abs(ringArea(points));
            total += area;
            if (area > biggestArea) { biggestArea = area; biggest = points; }
          }
        });
      });
      if (!rings.length) return;
      var name = geometry.properties && geometry.properties.name;
      countries.push({ name: name, rings: rings, bbox: bbox, area: total,
        label: biggest ? labelPoint(biggest, bboxOf(biggest)) : null, labelArea: biggestArea });
    });
    var coasts = [], borders = [];
    arcs.forEach(function (arc, i) { (shared[i] ? borders : coasts).push(arc); });
    countries.sort(function (a, b) { return b.labelArea - a.labelArea; });
    return { countries: countries, coasts: coasts, borders: borders };
  }

  function decodeCities(cities) {
    var n = cities.name.length, out = [];
    for (var i = 0; i < n; i++) {
      var lat = cities.lat[i] / 100, lon = cities.lon[i] / 100;
      out.push({ name: cities.name[i], mx: (lon + 180) / 360, my: mercatorY(lat), population: cities.population[i] });
    }
    return out;
  }

  global.geomap = global.geomap || {};
  global.geomap.topology = { decodeTopology: decodeTopology, decodeCities: decodeCities, mercatorY: mercatorY };
})(window);
