/* geomap-basemap.js: the offline vector basemap (Natural Earth countries from
 * world-atlas TopoJSON, GeoNames big cities) drawn on one canvas under the
 * tiles and the events.
 *
 * The topology is decoded once into Web-Mercator unit coordinates; each view
 * change redraws land, coastlines, borders and labels that fit. Coarse detail
 * (1:110m) below zoom 4, fine (1:50m) from there (its own element, decoded
 * when a zoom first needs it; coarse is drawn meanwhile). Labels are placed biggest
 * first and skipped where they would overlap one already drawn.
 */
(function (global) {
  'use strict';

  var FINE_FROM_ZOOM = 4;
  /* First-level boundaries (where a packaged source has them: US states) from this zoom; their names from the next. */
  var ADMIN1_FROM_ZOOM = 4;
  var STYLE = {
    sea: '#c9dcea', land: '#f3f1ec', coast: '#7f97aa', border: '#9a8f99',
    country: '#3d4650', city: '#4a525a', halo: 'rgba(255,255,255,0.85)', admin1: '#a69aa4', admin1Label: '#5a5360'
  };

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
   * the same for another object of polygons (first-level regions: `states`). */
  function decodeTopology(topology, objectName) {
    var arcs = decodeArcs(topology), owners = new Int32Array(arcs.length).fill(-1);
    var shared = new Uint8Array(arcs.length), countries = [];
    topology.objects[objectName || 'countries'].geometries.forEach(function (geometry, g) {
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

  /* Smallest population labelled at a zoom: only the biggest cities on a world view. */
  function cityThreshold(zoom) {
    if (zoom < 3) return Infinity;
    if (zoom < 4) return 10000000;
    if (zoom < 5) return 3000000;
    if (zoom < 6) return 1000000;
    return 300000;
  }

  var BaseMap = L.Layer.extend({
    options: { pane: 'geomapBase', padding: 0.25 },

    initialize: function (data, options, fineScript) {
      L.setOptions(this, options);
      this.coarse = decodeTopology(data.coarse);
      this.fineScript = fineScript || null;  // decoded on the first zoom that needs it (80,000 points)
      this.fine = null;
      this.cities = decodeCities(data.cities);
      this.stats = { drawMs: 0, labels: 0, cities: 0, regions: 0 };
      this.admin1 = [];
    },

    onAdd: function (map) {
      this._canvas = L.DomUtil.create('canvas', 'geomap-basemap leaflet-zoom-animated');
      this._canvas.setAttribute('aria-hidden', 'true');
      this.getPane().appendChild(this._canvas);
      map.getContainer().classList.add('geomap-has-basemap');
      map.on('moveend zoomend resize viewreset', this.redraw, this);
      map.on('zoomanim', this._animateZoom, this);
      this.redraw();
    },

    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.getContainer().classList.remove('geomap-has-basemap');
      map.off('moveend zoomend resize viewreset', this.redraw, this);
      map.off('zoomanim', this._animateZoom, this);
    },

    /* Scale the last drawing during a zoom animation, as Leaflet's own renderers do. */
    _animateZoom: function (e) {
      var map = this._map, scale = map.getZoomScale(e.zoom, this._zoom);
      var half = map.getSize().multiplyBy(0.5 + this.options.padding);
      var offset = half.multiplyBy(-scale).add(map.project(this._center, e.zoom)).subtract(map._getNewPixelOrigin(e.center, e.zoom));
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },

    redraw: function () {
      var map = this._map;
      if (!map) return;
      var started = performance.now(), size = map.getSize(), pad = size.multiplyBy(this.options.padding).round();
      var width = size.x + 2 * pad.x, height = size.y + 2 * pad.y, ratio = global.devicePixelRatio || 1;
      var canvas = this._canvas, topLeft = map.containerPointToLayerPoint([-pad.x, -pad.y]);
      this._center = map.getCenter();
      this._zoom = map.getZoom();
      L.DomUtil.setPosition(canvas, topLeft);
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
        canvas.style.width = width + 'px';
        canvas.style.height = height + 'px';
      }
      var ctx = canvas.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      var world = 256 * Math.pow(2, this._zoom);
      var origin = map.getPixelOrigin().add(topLeft);
      var view = { world: world, ox: origin.x, oy: origin.y, width: width, height: height, zoom: this._zoom };
      if (this._zoom >= FINE_FROM_ZOOM && !this.fine) this._loadFine();
      var topo = this._zoom >= FINE_FROM_ZOOM && this.fine ? this.fine : this.coarse;  // coarse until fine is here
      var shifts = worldShifts(view), paths = this._paths(topo, this._zoom);
      paths.admin1 = this._zoom >= ADMIN1_FROM_ZOOM && topo === this.fine ? this._admin1Path(this._zoom) : null;
      var lineScale = this._zoom >= 5 ? 1.3 : 1;
      shifts.forEach(function (shift) {
        ctx.setTransform(ratio, 0, 0, ratio, ratio * (shift - origin.x), -ratio * origin.y);
        ctx.fillStyle = STYLE.land;
        ctx.fill(paths.land, 'evenodd');
        ctx.lineJoin = 'round';
        if (paths.admin1) {
          ctx.strokeStyle = STYLE.admin1;
          ctx.lineWidth = 0.7 * lineScale;
          ctx.setLineDash([4, 3]);
          ctx.stroke(paths.admin1);
          ctx.setLineDash([]);
        }
        ctx.strokeStyle = STYLE.coast;
        ctx.lineWidth = 0.8 * lineScale;
        ctx.stroke(paths.coasts);
        ctx.strokeStyle = STYLE.border;
        ctx.lineWidth = 0.9 * lineScale;
        ctx.stroke(paths.borders);
      });
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      this._labels(ctx, topo, view, shifts);
      this.stats.drawMs = performance.now() - started;
    },

    _loadFine: function () {
      var self = this, script = this.fineScript;
      if (!script || this._fineLoading) return;
      this._fineLoading = true;
      global.geomap.decodePayload(script).then(function (data) {
        self.fine = decodeTopology(data.fine);
        self.admin1 = (data.admin1 || []).map(function (topology) {
          return decodeTopology(topology, Object.keys(topology.objects)[0]);
        });
        self.redraw();
      });
    },

    /* Boundaries between first-level regions (arcs two regions share; their outer edge is the
     * country's own coast or border, drawn from Natural Earth), per zoom as the others. */
    _admin1Path: function (zoom) {
      this._admin1Paths = this._admin1Paths || {};
      if (this._admin1Paths[zoom]) return this._admin1Paths[zoom];
      var v = { world: 256 * Math.pow(2, zoom), ox: 0, oy: 0 }, path = new Path2D();
      (this.admin1 || []).forEach(function (topo) { topo.borders.forEach(function (arc) { tracePath(path, arc, v, 0, false); }); });
      this._admin1Paths[zoom] = path;
      return path;
    },

    /* Land, coasts and borders as Path2D in world pixels of one zoom, built once per zoom:
     * a pan then costs three fills, not a walk over 80,000 points. */
    _paths: function (topo, zoom) {
      topo.paths = topo.paths || {};
      if (topo.paths[zoom]) return topo.paths[zoom];
      var v = { world: 256 * Math.pow(2, zoom), ox: 0, oy: 0 };
      var land = new Path2D(), coasts = new Path2D(), borders = new Path2D();
      topo.countries.forEach(function (c) {
        c.rings.forEach(function (ring) { tracePath(land, ring, v, 0, true); });
      });
      topo.coasts.forEach(function (arc) { tracePath(coasts, arc, v, 0, false); });
      topo.borders.forEach(function (arc) { tracePath(borders, arc, v, 0, false); });
      topo.paths[zoom] = { land: land, coasts: coasts, borders: borders };
      return topo.paths[zoom];
    },

    _labels: function (ctx, topo, v, shifts) {
      var placed = [], labels = 0, cities = 0, zoom = v.zoom;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = STYLE.halo;
      ctx.lineWidth = 3;
      var countrySize = zoom < 3 ? 10 : zoom < 5 ? 12 : 13;
      ctx.font = '600 ' + countrySize + 'px system-ui, sans-serif';
      shifts.forEach(function (shift) {
        topo.countries.forEach(function (c) {
          if (!c.label || !c.name) return;
          var x = c.label[0] * v.world - v.ox + shift, y = c.label[1] * v.world - v.oy;
          if (x < 0 || y < 0 || x > v.width || y > v.height) return;
          var w = ctx.measureText(c.name).width, spanX = (c.bbox[2] - c.bbox[0]) * v.world;
          if (w > spanX * 1.4 && zoom < 6) return;  // a label much wider than its country waits for a closer zoom
          if (place(placed, x, y, w + 4, countrySize + 4)) {
            ctx.fillStyle = STYLE.country;
            ctx.strokeText(c.name, x, y);
            ctx.fillText(c.name, x, y);
            labels++;
          }
        });
      });
      var regions = 0;
      if (zoom >= ADMIN1_FROM_ZOOM + 1 && topo === this.fine) {
        ctx.font = 'italic 11px system-ui, sans-serif';
        shifts.forEach(function (shift) {
          (this.admin1 || []).forEach(function (regionTopo) {
            regionTopo.countries.forEach(function (r) {
              if (!r.label || !r.name) return;
              var x = r.label[0] * v.world - v.ox + shift, y = r.label[1] * v.world - v.oy;
              if (x < 0 || y < 0 || x > v.width || y > v.height) return;
              var w = ctx.measureText(r.name).width;
              if (w > (r.bbox[2] - r.bbox[0]) * v.world * 1.2) return;  // wider than its region: wait for a closer zoom
              if (place(placed, x, y, w + 4, 15)) {
                ctx.fillStyle = STYLE.admin1Label;
                ctx.strokeText(r.name, x, y);
                ctx.fillText(r.name, x, y);
                regions++;
              }
            });
          });
        }, this);
      }
      this.stats.regions = regions;
      var min = cityThreshold(zoom);
      ctx.font = '12px system-ui, sans-serif';
      ctx.textAlign = 'left';
      shifts.forEach(function (shift) {
        this.cities.forEach(function (city) {
          if (city.population < min) return;
          var x = city.mx * v.world - v.ox + shift, y = city.my * v.world - v.oy;
          if (x < 0 || y < 0 || x > v.width || y > v.height) return;
          var w = ctx.measureText(city.name).width;
          if (place(placed, x + 4 + w / 2, y, w + 12, 16)) {
            ctx.fillStyle = STYLE.city;
            ctx.beginPath();
            ctx.arc(x, y, 2.5, 0, 2 * Math.PI);
            ctx.fill();
            ctx.strokeText(city.name, x + 5, y);
            ctx.fillText(city.name, x + 5, y);
            cities++;
          }
        });
      }, this);
      this.stats.labels = labels;
      this.stats.cities = cities;
    }
  });

  /* Horizontal offsets of the world copies that show in the view. */
  function worldShifts(v) {
    var shifts = [], first = Math.floor(v.ox / v.world), last = Math.floor((v.ox + v.width) / v.world);
    for (var k = first; k <= last; k++) shifts.push(k * v.world);
    return shifts;
  }

  /* Add points to the path, dropping those less than half a pixel from the last one kept. */
  function tracePath(ctx, points, v, shift, close) {
    var n = points.length, lx = 0, ly = 0;
    for (var i = 0; i < n; i += 2) {
      var x = points[i] * v.world - v.ox + shift, y = points[i + 1] * v.world - v.oy;
      if (i === 0 || (!close && Math.abs(x - lx) > v.world / 2)) { ctx.moveTo(x, y); lx = x; ly = y; continue; }
      if (i < n - 2 && Math.abs(x - lx) + Math.abs(y - ly) < 0.5) continue;
      ctx.lineTo(x, y);
      lx = x; ly = y;
    }
    if (close) ctx.closePath();
  }

  /* Reserve a w x h box centred on (x, y) unless it overlaps one already placed. */
  function place(placed, x, y, w, h) {
    var box = [x - w / 2, y - h / 2, x + w / 2, y + h / 2];
    for (var i = 0; i < placed.length; i++) {
      var b = placed[i];
      if (box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) return false;
    }
    placed.push(box);
    return true;
  }

  /* Build the basemap from its script element; resolves to the layer (or null without one). */
  function baseMap(map, script, fineScript) {
    if (!script) return Promise.resolve(null);
    if (!map.getPane('geomapBase')) map.createPane('geomapBase').style.zIndex = 150;  // under tiles (200)
    return global.geomap.decodePayload(script).then(function (data) {
      var layer = new BaseMap(data, {}, fineScript).addTo(map);
      global.geomap.basemap = layer;
      return layer;
    });
  }

  global.geomap = global.geomap || {};
  global.geomap.BaseMap = BaseMap;
  global.geomap.baseMap = baseMap;
  global.geomap.BASEMAP_STYLE = STYLE;
})(window);
