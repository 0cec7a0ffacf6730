/* geomap-events.js: dated events drawn on one canvas, with their own time filter.
 *
 * The data arrive as columnar JSON (see geomap/maps/pack.py), optionally
 * gzip+base64. One canvas is redrawn per view or time change; events are
 * gathered into screen-grid clusters so dense areas stay readable and 100k
 * events cost one pass over typed arrays, not 100k DOM or SVG objects.
 * Article text only ever reaches the page through textContent.
 */
(function (global) {
  'use strict';

  var COLORS = {
    battle: '#d62728', air_strike: '#ff7f0e', shelling: '#8c564b',
    violence_against_civilians: '#9467bd', protest: '#1f77b4', diplomacy: '#2ca02c',
    statement: '#17becf', disaster: '#bcbd22', other: '#7f7f7f'
  };
  var EXTRA_COLORS = ['#e377c2', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173'];
  var DAY_MS = 86400000;

  function typeColor(name, index) {
    return COLORS[name] || EXTRA_COLORS[index % EXTRA_COLORS.length];
  }

  function isoDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  /* Payload text -> object; gzip+base64 payloads go through the browser's own inflater. */
  function decodePayload(script) {
    var encoding = script.getAttribute('data-encoding');
    var text = script.textContent;
    if (encoding !== 'gzip+base64') {
      return Promise.resolve(JSON.parse(text));
    }
    var binary = atob(text.trim());
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }

  /* Typed arrays and Web-Mercator unit coordinates, computed once. */
  function Events(data) {
    var n = data.count;
    this.data = data;
    this.count = n;
    this.lat = new Float64Array(n);
    this.lon = new Float64Array(n);
    this.mx = new Float64Array(n);
    this.my = new Float64Array(n);
    this.day = Int32Array.from(data.day);
    this.end = new Int32Array(n);
    this.type = Uint16Array.from(data.type);
    this.fatalities = data.fatalities ? Int32Array.from(data.fatalities) : null;
    this.weight = data.weight ? Int32Array.from(data.weight) : null;
    this.maxSpan = 0;
    for (var i = 0; i < n; i++) {
      var lat = data.lat[i] / data.scale, lon = data.lon[i] / data.scale;
      this.lat[i] = lat;
      this.lon[i] = lon;
      this.mx[i] = (lon + 180) / 360;
      var s = Math.sin(Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI / 180);
      this.my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      this.end[i] = this.day[i] + data.span[i];
      if (data.span[i] > this.maxSpan) this.maxSpan = data.span[i];
    }
    // rows are sorted by start day; the slider ends at the last start
    this.lastDay = n ? this.day[n - 1] : 0;
  }

  Events.prototype.text = function (name, i) {
    var column = this.data.text[name];
    if (!column) return null;
    var k = column.index ? column.index[i] : i;
    return k >= 0 ? column.values[k] : null;
  };

  Events.prototype.precision = function (name, i) {
    var column = this.data.precision && this.data.precision[name];
    return column && column[i] >= 0 ? column[i] : null;
  };

  Events.prototype.radius = function (i) {
    var f = this.fatalities ? this.fatalities[i] : -1;
    return f > 0 ? Math.min(18, 5 + 2 * Math.sqrt(f)) : 5;
  };

  var EventCanvas = L.Layer.extend({
    options: { windowDays: 0, clusterPixels: 34, pane: 'overlayPane' },

    initialize: function (events, options) {
      L.setOptions(this, options);
      this.events = events;
      this.typeOn = events.data.types.map(function () { return true; });
      this.rowFilter = null;
      this.windowEnd = events.lastDay;
      this.windowDays = this.options.windowDays;
      this.clusters = [];
      this.stats = { visibleEvents: 0, drawnMarkers: 0, drawnClusters: 0 };
    },

    onAdd: function (map) {
      this._canvas = L.DomUtil.create('canvas', 'geomap-canvas leaflet-zoom-hide');
      this.getPane().appendChild(this._canvas);
      map.on('moveend zoomend resize viewreset', this.redraw, this);
      map.on('click', this._onClick, this);
      this.redraw();
    },

    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off('moveend zoomend resize viewreset', this.redraw, this);
      map.off('click', this._onClick, this);
    },

    /* Visible = its type is on, it passes the report's row filter, and its
     * [day, end] interval meets the window [windowEnd - windowDays + 1, windowEnd]. */
    windowStart: function () {
      return this.windowDays > 0 ? this.windowEnd - this.windowDays + 1 : -Infinity;
    },

    setWindow: function (endDay, days) {
      this.windowEnd = endDay;
      if (days !== undefined) this.windowDays = days;
      this.redraw();
    },

    setTypeVisible: function (index, on) {
      this.typeOn[index] = on;
      this.redraw();
    },

    setRowFilter: function (rows) {
      if (rows === null) {
        this.rowFilter = null;
      } else {
        this.rowFilter = new Uint8Array(this.events.count);
        for (var i = 0; i < rows.length; i++) this.rowFilter[rows[i]] = 1;
      }
      this.redraw();
    },

    redraw: function () {
      if (!this._map) return;
      var started = performance.now();
      var map = this._map, size = map.getSize(), ratio = global.devicePixelRatio || 1;
      var canvas = this._canvas;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
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
      this._paint(ctx, this.clusters);
      this.stats.drawMs = performance.now() - started;
      this.fire('redraw', this.stats);
    },

    _cluster: function (map, size) {
      var ev = this.events, cell = this.options.clusterPixels;
      var worldSize = 256 * Math.pow(2, map.getZoom());
      var origin = map.getPixelOrigin().add(map.containerPointToLayerPoint([0, 0]));
      var cols = Math.ceil(size.x / cell) + 2, rows = Math.ceil(size.y / cell) + 2;
      var grid = new Int32Array(cols * rows).fill(-1);
      var clusters = [], first = this.windowStart() - ev.maxSpan, last = this.windowEnd, start = this.windowStart();
      var lo = lowerBound(ev.day, first), visible = 0;
      for (var i = lo; i < ev.count && ev.day[i] <= last; i++) {
        if (ev.end[i] < start || !this.typeOn[ev.type[i]] || (this.rowFilter && !this.rowFilter[i])) continue;
        var w = ev.weight ? ev.weight[i] : 1;
        visible += w;
        var x = ev.mx[i] * worldSize - origin.x, y = ev.my[i] * worldSize - origin.y;
        // wrap to the copy of the world nearest the view
        x -= Math.round((x - size.x / 2) / worldSize) * worldSize;
        if (x < -cell || y < -cell || x > size.x + cell || y > size.y + cell) continue;
        var key = (Math.floor(y / cell) + 1) * cols + Math.floor(x / cell) + 1;
        var c = grid[key];
        if (c < 0) {
          grid[key] = c = clusters.length;
          clusters.push({ x: 0, y: 0, count: 0, members: [], typeCount: {}, spread: false });
        }
        var cl = clusters[c];
        if (cl.members.length && (Math.abs(ev.mx[cl.members[0]] - ev.mx[i]) + Math.abs(ev.my[cl.members[0]] - ev.my[i])) * worldSize > 1) cl.spread = true;
        cl.x += x * w;
        cl.y += y * w;
        cl.count += w;
        cl.members.push(i);
        cl.typeCount[ev.type[i]] = (cl.typeCount[ev.type[i]] || 0) + w;
      }
      for (var k = 0; k < clusters.length; k++) {
        clusters[k].x /= clusters[k].count;
        clusters[k].y /= clusters[k].count;
      }
      this.stats.visibleEvents = visible;
      return clusters;
    },

    _paint: function (ctx, clusters) {
      var ev = this.events, types = ev.data.types, markers = 0, groups = 0;
      ctx.lineWidth = 1.5;
      ctx.strokeStyle = '#ffffff';
      for (var k = 0; k < clusters.length; k++) {
        var cl = clusters[k], main = dominantType(cl.typeCount);
        ctx.fillStyle = typeColor(types[main], main);
        ctx.beginPath();
        if (cl.members.length === 1 && cl.count === 1) {
          cl.radius = ev.radius(cl.members[0]);
          markers++;
        } else {
          cl.radius = Math.min(26, 9 + 3.2 * Math.log(cl.count));
          groups++;
        }
        ctx.globalAlpha = 0.85;
        ctx.arc(cl.x, cl.y, cl.radius, 0, 2 * Math.PI);
        ctx.fill();
        ctx.globalAlpha = 1;
        ctx.stroke();
        if (cl.count > 1) {
          ctx.fillStyle = '#ffffff';
          ctx.font = 'bold 11px system-ui, sans-serif';
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          ctx.fillText(cl.count > 9999 ? Math.round(cl.count / 1000) + 'k' : String(cl.count), cl.x, cl.y);
        }
      }
      this.stats.drawnMarkers = markers;
      this.stats.drawnClusters = groups;
    },

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
      var map = this._map;
      if (cl.spread && map.getZoom() < map.getMaxZoom()) {
        var ev = this.events, bounds = L.latLngBounds([]);
        cl.members.forEach(function (i) { bounds.extend([ev.lat[i], ev.lon[i]]); });
        map.fitBounds(bounds.pad(0.3), { maxZoom: map.getZoom() + 3 });
        return;
      }
      this.openPopup(cl.members, e.latlng);
    },

    openPopup: function (rows, latlng) {
      var content = global.geomap.popupContent(this.events, rows);
      L.popup({ maxWidth: 360, className: 'geomap-popup' }).setLatLng(latlng).setContent(content).openOn(this._map);
    }
  });

  function dominantType(typeCount) {
    var best = 0, bestCount = -1;
    for (var t in typeCount) if (typeCount[t] > bestCount) { best = +t; bestCount = typeCount[t]; }
    return best;
  }

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
  global.geomap.typeColor = typeColor;
  global.geomap.isoDay = isoDay;
  global.geomap.decodePayload = decodePayload;
  global.geomap.Events = Events;
  global.geomap.EventCanvas = EventCanvas;
})(window);
