/* geomap-basemap.js: the offline vector basemap (Natural Earth countries from
 * world-atlas TopoJSON, US states from us-atlas, GeoNames big cities) drawn on
 * one canvas under the tiles and the events.
 *
 * The topology is decoded once (geomap-topology.js); each view
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

  var topology = global.geomap.topology, decodeTopology = topology.decodeTopology, decodeCities = topology.decodeCities;

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

    /* Country names, then (closer in) first-level region names, then cities, each where it overlaps none placed before. */
    _labels: function (ctx, topo, v, shifts) {
      var placed = [], zoom = v.zoom, countrySize = zoom < 3 ? 10 : zoom < 5 ? 12 : 13, regions = 0;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.lineJoin = 'round';
      ctx.strokeStyle = STYLE.halo;
      ctx.lineWidth = 3;
      ctx.font = '600 ' + countrySize + 'px system-ui, sans-serif';
      // a label much wider than its country waits for a closer zoom (until zoom 6)
      this.stats.labels = areaLabels(ctx, topo.countries, v, shifts, placed,
        { color: STYLE.country, height: countrySize + 4, wider: zoom < 6 ? 1.4 : Infinity });
      if (zoom >= ADMIN1_FROM_ZOOM + 1 && topo === this.fine) {
        ctx.font = 'italic 11px system-ui, sans-serif';
        this.admin1.forEach(function (regionTopo) {
          regions += areaLabels(ctx, regionTopo.countries, v, shifts, placed, { color: STYLE.admin1Label, height: 15, wider: 1.2 });
        });
      }
      this.stats.regions = regions;
      this.stats.cities = this._cityLabels(ctx, v, shifts, placed);
    },

    _cityLabels: function (ctx, v, shifts, placed) {
      var min = cityThreshold(v.zoom), cities = 0;
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
      return cities;
    }
  });

  /* Names of areas (countries, regions) at their label points, biggest first; the count drawn. */
  function areaLabels(ctx, areas, v, shifts, placed, style) {
    var drawn = 0;
    shifts.forEach(function (shift) {
      areas.forEach(function (a) {
        if (!a.label || !a.name) return;
        var x = a.label[0] * v.world - v.ox + shift, y = a.label[1] * v.world - v.oy;
        if (x < 0 || y < 0 || x > v.width || y > v.height) return;
        var w = ctx.measureText(a.name).width;
        if (w > (a.bbox[2] - a.bbox[0]) * v.world * style.wider) return;
        if (place(placed, x, y, w + 4, style.height)) {
          ctx.fillStyle = style.color;
          ctx.strokeText(a.name, x, y);
          ctx.fillText(a.name, x, y);
          drawn++;
        }
      });
    });
    return drawn;
  }

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
