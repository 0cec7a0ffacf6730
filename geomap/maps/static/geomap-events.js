/* geomap-events.js: dated events drawn on one canvas, with their own filters.
 *
 * The data arrive as columns (see geomap/maps/pack.py and geomap-payload.js) in two
 * parts: numbers first (enough to draw and filter by time and type), text after
 * (popups, search, countries), set by setText. One canvas is redrawn per view, time or filter change; events
 * are gathered into screen cells (squares drawn as type-mix rings, or
 * hexagons coloured by density) so 100k events cost one pass over typed
 * arrays, not 100k DOM or SVG objects. Filters other than time are folded
 * into one byte mask, recomputed only when they change, so a time step stays
 * one loop. Article text only ever reaches the page through textContent.
 */
(function (global) {
  'use strict';

  var geomap = global.geomap = global.geomap || {};

  /* Type colours: each carries white text at 4.5:1 or more (WCAG AA). */
  var COLORS = {
    battle: '#c62828', air_strike: '#b84e00', shelling: '#7b4a2d', violence_against_civilians: '#7b3fa0',
    protest: '#1f5fa8', crime: '#8e2456', accident: '#5c6b00', disaster: '#8a5a00', health: '#00766c',
    politics: '#3949ab', diplomacy: '#2e7d32', statement: '#00707d', other: '#5f6368'
  };
  var EXTRA_COLORS = ['#ad1457', '#283593', '#4e6b1f', '#6d4c41', '#880e4f', '#4a148c'];
  /* Density scale (light to dark, YlOrRd): the densest cells are the darkest. */
  var DENSITY = ['#ffeda0', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026', '#6b001a'];
  var DAY_MS = 86400000;

  function typeColor(name, index) {
    return COLORS[name] || EXTRA_COLORS[index % EXTRA_COLORS.length];
  }

  function isoDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  /* Typed arrays and Web-Mercator unit coordinates, computed once. */
  function Events(data) {
    var n = data.count, column = geomap.column;
    this.data = data;
    this.count = n;
    this.lat = new Float64Array(n);
    this.lon = new Float64Array(n);
    this.mx = new Float64Array(n);
    this.my = new Float64Array(n);
    this.day = column(data.day, Int32Array);
    this.end = new Int32Array(n);
    this.type = column(data.type, Uint16Array);
    this.fatalities = column(data.fatalities, Int32Array);
    this.weight = column(data.weight, Int32Array);
    this.reports = data.reports ? column(data.reports.count, Int32Array) : null;
    this.historical = column(data.historical, Uint8Array);
    this.geoPrecision = column(data.precision && data.precision.geo_precision, Int8Array);
    this.maxSpan = 0;
    this.hasText = false;
    this._waiting = [];
    var lats = data.lat, lons = data.lon, span = data.span, scale = data.scale, RAD = Math.PI / 180, FOUR_PI = 4 * Math.PI;
    for (var i = 0; i < n; i++) {
      var lat = lats[i] / scale, lon = lons[i] / scale;
      this.lat[i] = lat;
      this.lon[i] = lon;
      this.mx[i] = (lon + 180) / 360;
      var s = Math.sin(Math.max(-85.0511, Math.min(85.0511, lat)) * RAD);
      this.my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / FOUR_PI;
      this.end[i] = this.day[i] + span[i];
      if (span[i] > this.maxSpan) this.maxSpan = span[i];
    }
    this.lastDay = n ? this.day[n - 1] : 0;
    this._findRange();
  }

  /* The text part (names, quotes, links; the merged events' sources) once it is decoded. */
  Events.prototype.setText = function (part) {
    this.data.text = (part && part.text) || {};
    if (this.data.reports) this.data.reports.sources = (part && part.sources) || [];
    this.hasText = true;
    var waiting = this._waiting;
    this._waiting = [];
    waiting.forEach(function (fn) { fn(); });
  };

  /* Run fn now if the text is here, else as soon as it is (a click in the first moments still works). */
  Events.prototype.whenText = function (fn) { if (this.hasText) fn(); else this._waiting.push(fn); };

  /* The days that matter: non-historical events, without outliers (a typo'd 1884 among
   * 2009 events). An outlier lies further from the central 90% than that span (or 90 days). */
  Events.prototype._findRange = function () {
    var days = [], n = this.count;
    for (var i = 0; i < n; i++) if (!this.isHistorical(i)) days.push(this.day[i]);  // already sorted
    this.outlier = new Uint8Array(n);
    this.outliers = [];
    if (!days.length) { this.rangeStart = 0; this.rangeEnd = this.lastDay; return; }
    var lo = days[Math.floor(0.05 * (days.length - 1))], hi = days[Math.ceil(0.95 * (days.length - 1))];
    var pad = Math.max(90, hi - lo), start = Infinity, end = -Infinity;
    for (var k = 0; k < n; k++) {
      if (this.isHistorical(k)) continue;
      if (this.day[k] < lo - pad || this.day[k] > hi + pad) { this.outlier[k] = 1; this.outliers.push(k); continue; }
      if (this.day[k] < start) start = this.day[k];
      if (this.day[k] > end) end = this.day[k];
    }
    this.rangeStart = start;
    this.rangeEnd = end;
  };

  Events.prototype.isHistorical = function (i) { return this.historical !== null && this.historical[i] === 1; };

  Events.prototype.text = function (name, i) {
    var column = this.data.text && this.data.text[name];
    if (!column) return null;
    var k = column.index ? column.index[i] : i;
    return k >= 0 ? column.values[k] : null;
  };

  Events.prototype.precision = function (name, i) {
    var column = this.data.precision && this.data.precision[name];  // a typed array or a list
    return column && column[i] >= 0 ? column[i] : null;
  };

  /* Region- or country-level: drawn hollow, said "somewhere in". */
  Events.prototype.isVague = function (i) { return this.geoPrecision !== null && this.geoPrecision[i] >= 3; };

  Events.prototype.country = function (i) { return this.text('country', i) || this.text('country_code', i) || ''; };

  /* Fatalities set the size; an event many outlets reported grows by the log of its reports. */
  Events.prototype.radius = function (i) {
    var f = this.fatalities ? this.fatalities[i] : -1, n = this.reports ? this.reports[i] : 1;
    var base = f > 0 ? Math.min(18, 5 + 2 * Math.sqrt(f)) : 5;
    return n > 1 ? Math.min(24, base + 2.5 * Math.log2(n)) : base;
  };

  function fatalRadius(f) { return f > 0 ? Math.min(18, 5 + 2 * Math.sqrt(f)) : 5; }

  var EventCanvas = L.Layer.extend({
    options: { windowDays: 0, clusterPixels: 34, hexPixels: 16, pane: 'overlayPane' },

    initialize: function (events, options) {
      L.setOptions(this, options);
      this.events = events;
      this.filter = { types: events.data.types.map(function () { return true; }), country: '', minFatalities: 0,
        search: '', historical: !!events.data.showHistorical, outliers: true, rows: null };
      this.mode = 'clusters';
      this.windowEnd = events.rangeEnd;
      this.windowDays = this.options.windowDays;
      this.clusters = [];
      this.stats = { visibleEvents: 0, drawnMarkers: 0, drawnClusters: 0, typeCounts: [], fatalities: 0 };
      this._updateMask();
    },

    onAdd: function (map) {
      this._canvas = L.DomUtil.create('canvas', 'geomap-canvas leaflet-zoom-animated');
      this._canvas.setAttribute('aria-hidden', 'true');
      this.getPane().appendChild(this._canvas);
      map.on('moveend zoomend resize viewreset', this._onView, this);
      map.on('zoomanim', this._animateZoom, this);
      map.on('click', this._onClick, this);
      this.redraw();
    },

    /* Leaflet fires several of these for one change of view: draw once per view. */
    _onView: function () {
      var map = this._map, origin = map.getPixelOrigin(), size = map.getSize(), at = map.containerPointToLayerPoint([0, 0]);
      var key = [map.getZoom(), origin.x, origin.y, size.x, size.y, at.x, at.y].join(',');
      if (key !== this._viewKey) this.redraw();
    },

    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off('moveend zoomend resize viewreset', this._onView, this);
      map.off('zoomanim', this._animateZoom, this);
      map.off('click', this._onClick, this);
    },

    _animateZoom: function (e) {
      var map = this._map, scale = map.getZoomScale(e.zoom, this._zoom);
      var offset = map.getSize().multiplyBy(0.5).multiplyBy(-scale).add(map.project(this._center, e.zoom))
        .subtract(map._getNewPixelOrigin(e.center, e.zoom));
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },

    /* Visible = passes the mask (type, country, fatalities, search, report rows, historical,
     * outliers) and its [day, end] meets [windowEnd - windowDays + 1, windowEnd]. */
    windowStart: function () {
      return this.windowDays > 0 ? this.windowEnd - this.windowDays + 1 : -Infinity;
    },

    /* The last day counted: at the end of the range a cumulative window also takes later outliers. */
    _windowLast: function () {
      return this.windowDays === 0 && this.windowEnd >= this.events.rangeEnd ? Infinity : this.windowEnd;
    },

    setWindow: function (endDay, days) {
      this.windowEnd = endDay;
      if (days !== undefined) this.windowDays = days;
      this.redraw();
    },

    setTypeVisible: function (index, on) { this.setFilter({ types: this.filter.types.map(function (v, k) { return k === index ? on : v; }) }); },

    setRowFilter: function (rows) { this.setFilter({ rows: rows }); },

    setMode: function (mode) { this.mode = mode === 'hexbin' ? 'hexbin' : 'clusters'; this.redraw(); this.fire('filter'); },

    setFilter: function (changes) {
      for (var key in changes) this.filter[key] = changes[key];
      var self = this;
      if ((this.filter.search || this.filter.country) && !this.events.hasText) {  // applied once the text is here
        if (!this._pending) { this._pending = true; this.events.whenText(function () { self._pending = false; self.setFilter({}); }); }
        return;
      }
      this._updateMask();
      this.redraw();
      this.fire('filter');
    },

    /* One byte per event: 1 when every filter but time lets it through. */
    _updateMask: function () {
      var ev = this.events, f = this.filter, n = ev.count, mask = new Uint8Array(n);
      var rows = null, needle = String(f.search || '').trim().toLocaleLowerCase();
      if (f.rows) { rows = new Uint8Array(n); for (var r = 0; r < f.rows.length; r++) rows[f.rows[r]] = 1; }
      var matches = needle ? this._searchColumns(needle) : null;
      for (var i = 0; i < n; i++) {
        if (!f.types[ev.type[i]]) continue;
        if (!f.historical && ev.isHistorical(i)) continue;
        if (!f.outliers && ev.outlier[i]) continue;
        if (rows && !rows[i]) continue;
        if (f.minFatalities > 0 && !(ev.fatalities && ev.fatalities[i] >= f.minFatalities)) continue;
        if (f.country && ev.country(i) !== f.country) continue;
        if (matches && !matches(i)) continue;
        mask[i] = 1;
      }
      this.mask = mask;
    },

    /* A row test for the search text over place, country, quote, title and source; each
     * distinct string is lowered and searched once, not once per event. */
    _searchColumns: function (needle) {
      var ev = this.events, tests = [];
      ['place', 'place_text', 'admin1', 'country', 'country_code', 'quote', 'title', 'source'].forEach(function (name) {
        var column = ev.data.text && ev.data.text[name];
        if (!column) return;
        var hit = column.values.map(function (v) { return String(v).toLocaleLowerCase().indexOf(needle) >= 0; });
        tests.push(function (i) { var k = column.index ? column.index[i] : i; return k >= 0 && hit[k]; });
      });
      var types = ev.data.types.map(function (t) { return t.replace(/_/g, ' ').indexOf(needle) >= 0; });
      return function (i) {
        if (types[ev.type[i]]) return true;
        for (var t = 0; t < tests.length; t++) if (tests[t](i)) return true;
        return false;
      };
    },

    /* Rows visible now (filters and window), in date order. */
    visibleRows: function () {
      var ev = this.events, out = [], start = this.windowStart(), last = this._windowLast();
      for (var i = 0; i < ev.count; i++) {
        if (this.mask[i] && ev.day[i] <= last && ev.end[i] >= start) out.push(i);
      }
      return out;
    },

    redraw: function () {
      if (!this._map) return;
      var started = performance.now();
      var map = this._map, size = map.getSize(), ratio = global.devicePixelRatio || 1;
      var canvas = this._canvas;
      this._center = map.getCenter();
      this._zoom = map.getZoom();
      var at = map.containerPointToLayerPoint([0, 0]), origin = map.getPixelOrigin();
      this._viewKey = [this._zoom, origin.x, origin.y, size.x, size.y, at.x, at.y].join(',');
      L.DomUtil.setPosition(canvas, at);
      if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
        canvas.width = size.x * ratio;
        canvas.height = size.y * ratio;
        canvas.style.width = size.x + 'px';
        canvas.style.height = size.y + 'px';
      }
      var ctx = canvas.getContext('2d');
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      this.clusters = this._cluster(map, size);
      if (this.mode === 'hexbin') this._paintHexbin(ctx, this.clusters); else this._paint(ctx, this.clusters);
      this.stats.drawMs = performance.now() - started;
      this.fire('redraw', this.stats);
    },

    _cluster: function (map, size) {
      var ev = this.events, hex = this.mode === 'hexbin';
      var cell = hex ? this.options.hexPixels : this.options.clusterPixels;
      var worldSize = 256 * Math.pow(2, map.getZoom());
      var origin = map.getPixelOrigin().add(map.containerPointToLayerPoint([0, 0]));
      var keyOf = hex ? geomap.draw.hexCell(cell, size) : geomap.draw.squareCell(cell, size);
      var grid = new Int32Array(keyOf.cells).fill(-1), mask = this.mask;
      var typeCounts = new Float64Array(ev.data.types.length), fatal = 0;
      var clusters = [], start = this.windowStart(), last = this._windowLast();
      var lo = lowerBound(ev.day, start - ev.maxSpan), visible = 0;
      for (var i = lo; i < ev.count && ev.day[i] <= last; i++) {
        if (!mask[i] || ev.end[i] < start) continue;
        var w = ev.weight ? ev.weight[i] : 1, f = ev.fatalities ? ev.fatalities[i] : -1;
        visible += w;
        typeCounts[ev.type[i]] += w;
        if (f > 0) fatal += f;
        var x = ev.mx[i] * worldSize - origin.x, y = ev.my[i] * worldSize - origin.y;
        x -= Math.round((x - size.x / 2) / worldSize) * worldSize;  // the world copy nearest the view
        if (x < -cell || y < -cell || x > size.x + cell || y > size.y + cell) continue;
        var key = keyOf(x, y), c = grid[key];
        if (c < 0) {
          grid[key] = c = clusters.length;
          clusters.push({ x: 0, y: 0, count: 0, members: [], typeCount: {}, spread: false, fatalities: 0, vague: 0,
            center: hex ? keyOf.center(key) : null });
        }
        var cl = clusters[c];
        if (cl.members.length && (Math.abs(ev.mx[cl.members[0]] - ev.mx[i]) + Math.abs(ev.my[cl.members[0]] - ev.my[i])) * worldSize > 1) cl.spread = true;
        cl.x += x * w;
        cl.y += y * w;
        cl.count += w;
        if (f > 0) cl.fatalities += f;
        if (ev.isVague(i)) cl.vague += w;
        cl.members.push(i);
        cl.typeCount[ev.type[i]] = (cl.typeCount[ev.type[i]] || 0) + w;
      }
      for (var k = 0; k < clusters.length; k++) {
        var one = clusters[k];
        if (one.center) { one.x = one.center[0]; one.y = one.center[1]; } else { one.x /= one.count; one.y /= one.count; }
      }
      this.stats.visibleEvents = visible;
      this.stats.typeCounts = Array.prototype.slice.call(typeCounts);
      this.stats.fatalities = fatal;
      return clusters;
    },

    _paint: function (ctx, clusters) { geomap.draw.paintClusters(ctx, this, clusters); },

    _paintHexbin: function (ctx, cells) { geomap.draw.paintHexbin(ctx, this, cells); },

    /* The cluster under a container point, or null. */
    hit: function (point) {
      var best = null, bestDistance = Infinity;
      for (var k = 0; k < this.clusters.length; k++) {
        var cl = this.clusters[k], d = Math.hypot(cl.x - point.x, cl.y - point.y);
        if (d <= cl.radius + 3 && d < bestDistance) { best = cl; bestDistance = d; }
      }
      return best;
    },

    _onClick: function (e) {
      var cl = this.hit(e.containerPoint);
      if (!cl) return;
      this.openCluster(cl, e.latlng);
    },

    /* Zoom into a spread group; open the events of a point (or a fully zoomed group). */
    openCluster: function (cl, latlng) {
      var map = this._map;
      if (cl.spread && map.getZoom() < map.getMaxZoom()) {
        var ev = this.events, bounds = L.latLngBounds([]);
        cl.members.forEach(function (i) { bounds.extend([ev.lat[i], ev.lon[i]]); });
        map.fitBounds(bounds.pad(0.3), { maxZoom: map.getZoom() + 3 });
        return;
      }
      this.openPopup(cl.members, latlng || map.containerPointToLatLng([cl.x, cl.y]));
    },

    openPopup: function (rows, latlng) {
      var self = this;
      if (!this.events.hasText) { this.events.whenText(function () { self.openPopup(rows, latlng); }); return null; }
      var map = this._map, size = map.getSize();
      var content = global.geomap.popupContent(this.events, rows);
      var popup = L.popup({ maxWidth: Math.min(360, size.x - 60), maxHeight: Math.max(160, Math.round(size.y * 0.6)),
        className: 'geomap-popup', autoPanPadding: [12, 12] }).setLatLng(latlng).setContent(content).openOn(map);
      var focusable = content.querySelector('button') || content;
      setTimeout(function () { focusable.focus({ preventScroll: true }); }, 0);
      this.fire('select', { rows: rows });
      return popup;
    }
  });

  function lowerBound(array, value) {
    var lo = 0, hi = array.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (array[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  global.geomap = global.geomap || {};
  global.geomap.COLORS = COLORS;
  global.geomap.DENSITY = DENSITY;
  global.geomap.typeColor = typeColor;
  global.geomap.fatalRadius = fatalRadius;
  global.geomap.isoDay = isoDay;
  global.geomap.Events = Events;
  global.geomap.EventCanvas = EventCanvas;
})(window);
