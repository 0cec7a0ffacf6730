/* geomap-timebar.js: the time slider (play/pause, step, speed, window) with a
 * histogram of events per day under a date axis, and the bootstrap
 * geomap.eventMap() that builds the layers and controls once the data are
 * decoded.
 *
 * The slider spans the days that matter (Events.rangeStart..rangeEnd):
 * historical events and outliers do not stretch it; outliers are named
 * under the bar instead.
 */
(function (global) {
  'use strict';

  var geomap = global.geomap, el = geomap.el, t = geomap.t;
  var STEPS_PER_SECOND = 4;
  var AXIS_HEIGHT = 14;

  function select(options, value, parent, title, className) {
    var node = el('select', className, null, parent);
    node.title = title;
    node.setAttribute('aria-label', title);
    options.forEach(function (option) {
      var item = el('option', null, option[1], node);
      item.value = String(option[0]);
    });
    if (!options.some(function (o) { return o[0] === value; })) {
      el('option', null, t('n_days', { n: value }), node).value = String(value);
    }
    node.value = String(value);
    return node;
  }

  var TimeBar = L.Control.extend({
    options: { position: 'bottomleft' },

    initialize: function (layer, options) {
      L.setOptions(this, options);
      this.layer = layer;
      this.timer = null;
    },

    onAdd: function () {
      var layer = this.layer, ev = layer.events, box = el('div', 'geomap-timebar');
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var controls = el('div', 'geomap-timebar-row', null, box);
      this.play = geomap.button('\u25b6', 'geomap-play', controls, t('play_pause'));
      var back = geomap.button('\u2039', 'geomap-step-back', controls, t('step_back'));
      var next = geomap.button('\u203a', 'geomap-step-next', controls, t('step_forward'));
      this.label = el('span', 'geomap-range-label', '', controls);
      this.label.setAttribute('aria-live', 'polite');
      var windows = [[0, t('cumulative')], [1, t('n_days', { n: 1 })], [7, t('n_days', { n: 7 })],
        [30, t('n_days', { n: 30 })], [365, t('n_days', { n: 365 })]];
      this.windowSelect = select(windows, layer.windowDays, controls, t('time_window'), 'geomap-window-select');
      this.stepSelect = select([[1, t('day')], [7, t('week')], [30, t('month')]], 1, controls, t('step'), 'geomap-step-select');
      this.speedSelect = select([[0.5, '0.5\u00d7'], [1, '1\u00d7'], [2, '2\u00d7'], [4, '4\u00d7']], 1, controls, t('speed'), 'geomap-speed-select');
      this.histogram = el('canvas', 'geomap-histogram', null, box);
      this.histogram.setAttribute('role', 'img');
      this.histogram.setAttribute('aria-label', t('histogram_label'));
      this.slider = el('input', 'geomap-slider', null, box);
      this.slider.type = 'range';
      this.slider.min = String(ev.rangeStart);
      this.slider.max = String(ev.rangeEnd);
      this.slider.value = String(layer.windowEnd);
      this.slider.setAttribute('aria-label', t('last_day_label'));
      this.outlierNote = el('div', 'geomap-outliers geomap-muted', '', box);
      this._describeOutliers(ev);
      var self = this;
      this.slider.addEventListener('input', function () { layer.setWindow(+self.slider.value); });
      this.windowSelect.addEventListener('change', function () { layer.setWindow(layer.windowEnd, +self.windowSelect.value); });
      back.addEventListener('click', function () { self.step(-1); });
      next.addEventListener('click', function () { self.step(1); });
      this.play.addEventListener('click', function () { self.toggle(); });
      this.speedSelect.addEventListener('change', function () { if (self.timer) { self.stop(); self.start(); } });
      layer.on('redraw', this.update, this);
      layer.on('filter', function () { self.counts = self._dayCounts(ev); }, this);
      this.counts = this._dayCounts(ev);
      return box;
    },

    /* "1 event outside 2009-01-03 – 2009-12-30 (1884-05-02), not on the slider". */
    _describeOutliers: function (ev) {
      var first = ev.data.firstDay, n = ev.outliers.length;
      if (!n) { this.outlierNote.hidden = true; return; }
      var days = ev.outliers.slice(0, 3).map(function (i) { return geomap.isoDay(first + ev.day[i]); });
      this.outlierNote.textContent = t('outliers_note', { n: geomap.number(n),
        range: geomap.isoDay(first + ev.rangeStart) + ' \u2013 ' + geomap.isoDay(first + ev.rangeEnd),
        days: days.join(', ') + (n > 3 ? ', \u2026' : '') });
    },

    step: function (direction) {
      var layer = this.layer, ev = layer.events, to = layer.windowEnd + direction * (+this.stepSelect.value);
      layer.setWindow(Math.max(ev.rangeStart, Math.min(ev.rangeEnd, to)));
    },

    toggle: function () { if (this.timer) this.stop(); else this.start(); },

    start: function () {
      var self = this, layer = this.layer, ev = layer.events;
      if (layer.windowEnd >= ev.rangeEnd) layer.setWindow(ev.rangeStart);
      this.play.textContent = '\u275a\u275a';
      this.timer = setInterval(function () {
        if (layer.windowEnd >= ev.rangeEnd) { self.stop(); return; }
        self.step(1);
      }, 1000 / (STEPS_PER_SECOND * +this.speedSelect.value));
    },

    stop: function () {
      clearInterval(this.timer);
      this.timer = null;
      this.play.textContent = '\u25b6';
    },

    /* Events per day of the range, after every filter but time. */
    _dayCounts: function (ev) {
      var counts = new Float64Array(Math.max(1, ev.rangeEnd - ev.rangeStart + 1)), mask = this.layer.mask;
      for (var i = 0; i < ev.count; i++) {
        var d = ev.day[i] - ev.rangeStart;
        if (mask[i] && d >= 0 && d < counts.length) counts[d] += ev.weight ? ev.weight[i] : 1;
      }
      return counts;
    },

    update: function () {
      var layer = this.layer, first = layer.events.data.firstDay, end = layer.windowEnd;
      this.slider.value = String(end);
      this.windowSelect.value = String(layer.windowDays);
      var text = layer.windowDays > 0
        ? geomap.isoDay(first + end - layer.windowDays + 1) + ' \u2013 ' + geomap.isoDay(first + end)
        : t('until', { day: geomap.isoDay(first + end) });
      this.label.textContent = text + ' \u00b7 ' + t('n_events', { n: geomap.number(layer.stats.visibleEvents) });
      this._drawHistogram();
    },

    /* Bars of events per day (binned to the canvas width), the window in colour, a date axis. */
    _drawHistogram: function () {
      var canvas = this.histogram, width = canvas.clientWidth || 600, height = canvas.clientHeight || 50;
      var ratio = global.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * ratio)) { canvas.width = Math.round(width * ratio); canvas.height = Math.round(height * ratio); }
      var ctx = canvas.getContext('2d'), counts = this.counts, days = counts.length, ev = this.layer.events;
      var barsHeight = height - AXIS_HEIGHT;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      var bins = Math.max(1, Math.min(days, Math.floor(width / 2))), perBin = days / bins;
      var sums = new Float64Array(bins), top = 0;
      for (var d = 0; d < days; d++) sums[Math.min(bins - 1, Math.floor(d / perBin))] += counts[d];
      for (var b = 0; b < bins; b++) top = Math.max(top, sums[b]);
      var layer = this.layer, lo = layer.windowStart() - ev.rangeStart, hi = layer.windowEnd - ev.rangeStart, barWidth = width / bins;
      for (var k = 0; k < bins; k++) {
        if (!sums[k]) continue;
        var dayLo = k * perBin, dayHi = (k + 1) * perBin - 1;
        ctx.fillStyle = dayHi >= lo && dayLo <= hi ? '#1f5fa8' : '#aab4be';
        var h = Math.max(1, (barsHeight - 2) * Math.sqrt(sums[k] / top));
        ctx.fillRect(k * barWidth, barsHeight - h, Math.max(1, barWidth - 0.5), h);
      }
      this._axis(ctx, width, barsHeight, days);
    },

    /* Ticks at whole days, months or years, as many as fit. */
    _axis: function (ctx, width, y, days) {
      var ev = this.layer.events, first = ev.data.firstDay + ev.rangeStart, perDay = width / Math.max(1, days);
      ctx.fillStyle = '#3d4650';
      ctx.strokeStyle = '#6b7480';
      ctx.lineWidth = 1;
      ctx.font = '10px system-ui, sans-serif';
      ctx.textBaseline = 'top';
      ctx.beginPath();
      ctx.moveTo(0, y + 0.5);
      ctx.lineTo(width, y + 0.5);
      ctx.stroke();
      var ticks = axisTicks(first, first + days - 1, Math.max(2, Math.floor(width / 80))), lastRight = -Infinity;
      ticks.forEach(function (tick) {
        var x = (tick.day - first + 0.5) * perDay;
        ctx.beginPath();
        ctx.moveTo(x + 0.5, y);
        ctx.lineTo(x + 0.5, y + 4);
        ctx.stroke();
        var w = ctx.measureText(tick.label).width, left = Math.max(0, Math.min(width - w, x - w / 2));
        if (left > lastRight + 6) { ctx.fillText(tick.label, left, y + 3); lastRight = left + w; }
      });
    }
  });

  /* Tick days between two epoch days: years, months or days, at most `most` of them. */
  function axisTicks(from, to, most) {
    var span = to - from + 1, out = [], date, step;
    if (span > 365 * 2) {
      var years = span / 365, every = [1, 2, 5, 10, 20, 50, 100].find(function (s) { return years / s <= most; }) || 100;
      var y0 = new Date(from * 86400000).getUTCFullYear();
      for (var year = Math.ceil(y0 / every) * every; ; year += every) {
        var day = Date.UTC(year, 0, 1) / 86400000;
        if (day > to) break;
        if (day >= from) out.push({ day: day, label: String(year) });
      }
      return out;
    }
    if (span > 45) {
      step = [1, 2, 3, 6].find(function (s) { return span / 30 / s <= most; }) || 12;
      date = new Date(from * 86400000);
      for (var m = date.getUTCMonth() + 1, y = date.getUTCFullYear(); ; m += step) {
        var d = Date.UTC(y, m, 1) / 86400000;
        if (d > to) break;
        out.push({ day: d, label: geomap.isoDay(d).slice(0, 7) });
      }
      return out;
    }
    step = [1, 2, 7, 14].find(function (s) { return span / s <= most; }) || 30;
    for (var k = from; k <= to; k += step) out.push({ day: k, label: geomap.isoDay(k).slice(5) });
    return out;
  }

  /* Build everything for one map once its numbers are decoded; resolves to the layer. The text
   * part (popups, search, countries) and the basemap come later in the page: they are decoded
   * once the browser has read them, after the events are drawn. */
  function eventMap(map, script, options, textId) {
    geomap.strings = options.strings || {};
    geomap.lang = options.lang || 'en';
    return geomap.decodePayload(script).then(function (data) {
      var events = new geomap.Events(data);
      var layer = new geomap.EventCanvas(events, { windowDays: options.windowDays || 0 });
      if (options.title) new geomap.Notice(options.title, { position: 'topleft', className: 'geomap-title' }).addTo(map);
      if (data.notice) new geomap.Notice(data.notice, { position: 'topleft' }).addTo(map);
      if (options.attribution) map.attributionControl.addAttribution(options.attribution);
      if (events.count === 0) {
        layer.addTo(map);
        new geomap.Notice(t('no_events')).addTo(map);
      } else {
        // controls first, then the view, then the layer: the 100k events are drawn once, in place
        new geomap.Legend(layer).addTo(map);
        new geomap.TimeBar(layer).addTo(map);
        geomap.addTools(map, layer);
        var restored = geomap.restoreHash(map, layer);
        if (!restored) fitWhenSized(map, events);
        layer.addTo(map);
      }
      listenToParent(map, layer);
      geomap.layers = (geomap.layers || []).concat([layer]);
      map.getContainer().setAttribute('data-geomap-ready', '1');
      global.geomapReady = performance.now();
      whenParsed(function () {
        geomap.baseMap(map, document.getElementById('geomap-basemap'), document.getElementById('geomap-basemap-fine')).then(function () {
          global.geomapBasemapReady = performance.now();
        });
        geomap.decodePayload(document.getElementById(textId)).then(function (part) {
          events.setText(part);
          global.geomapTextReady = performance.now();
        });
      });
      return layer;
    });
  }

  /* fn once the whole page is parsed (now if it is), never before the next task. */
  function whenParsed(fn) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { setTimeout(fn, 0); });
    else setTimeout(fn, 0);
  }

  /* Fit the events clear of every control on the map (legend, time bar, title, tools, zoom,
   * credits) and with room for the biggest ring; a map in an iframe or notebook cell may
   * have no size yet, so wait for one. */
  function fitWhenSized(map, events) {
    var bounds = L.latLngBounds([]), fitted = false;
    for (var i = 0; i < events.count; i++) {
      if (!events.isHistorical(i) && !events.outlier[i]) bounds.extend([events.lat[i], events.lon[i]]);
    }
    if (!bounds.isValid()) for (var k = 0; k < events.count; k++) bounds.extend([events.lat[k], events.lon[k]]);
    function fit() {
      var size = map.getSize();
      if (!size.x || !size.y) return;
      var pad = controlPadding(map, size);
      map.fitBounds(bounds, { maxZoom: 9, animate: false, paddingTopLeft: [pad.left, pad.top], paddingBottomRight: [pad.right, pad.bottom] });
      fitted = true;
    }
    fit();
    if (global.ResizeObserver) {
      new ResizeObserver(function () {
        map.invalidateSize({ animate: false });
        if (!fitted) fit();
      }).observe(map.getContainer());
    }
  }

  /* Room to leave at each side: each control is cleared along the side that costs the smaller
   * share of the map (the legend from the right, the time bar from the bottom), plus a ring's reach. */
  var MARKER_REACH = 46;  // the biggest ring's radius (28) and its fatality label under it
  function controlPadding(map, size) {
    var box = map.getContainer().getBoundingClientRect(), pad = { top: 0, right: 0, bottom: 0, left: 0 };
    map.getContainer().querySelectorAll('.leaflet-control').forEach(function (control) {
      var r = control.getBoundingClientRect(), corner = control.parentNode.className || '';
      if (!r.width || !r.height) return;
      var vertical = /leaflet-top/.test(corner) ? ['top', r.bottom - box.top] : ['bottom', box.bottom - r.top];
      var horizontal = /leaflet-left/.test(corner) ? ['left', r.right - box.left] : ['right', box.right - r.left];
      var side = vertical[1] / size.y <= horizontal[1] / size.x ? vertical : horizontal;
      pad[side[0]] = Math.max(pad[side[0]], side[1]);
    });
    ['top', 'right', 'bottom', 'left'].forEach(function (side) { pad[side] = Math.round(pad[side] + MARKER_REACH); });
    shrink(pad, 'left', 'right', size.x);
    shrink(pad, 'top', 'bottom', size.y);
    return pad;
  }

  /* On a small map the paddings may not leave a usable middle: keep at least a third of it. */
  function shrink(pad, a, b, length) {
    var most = length * 2 / 3, total = pad[a] + pad[b];
    if (total > most) { pad[a] = Math.round(pad[a] * most / total); pad[b] = Math.round(pad[b] * most / total); }
  }

  /* Messages from an embedding report: filter rows, or focus one row; and to it: the rows
   * of the events the reader opened on the map. */
  function listenToParent(map, layer) {
    global.addEventListener('message', function (message) {
      var data = message.data;
      if (message.source !== global.parent || !data || typeof data !== 'object') return;
      if (data.type === 'geomap:filter') {
        layer.setRowFilter(Array.isArray(data.rows) ? data.rows : null);
      } else if (data.type === 'geomap:focus' && data.row >= 0 && data.row < layer.events.count) {
        var ev = layer.events, i = data.row;
        if (ev.day[i] > layer.windowEnd || ev.end[i] < layer.windowStart()) layer.setWindow(Math.min(ev.rangeEnd, ev.end[i]));
        if ((ev.isHistorical(i) && !layer.filter.historical) || (ev.outlier[i] && !layer.filter.outliers)) {
          layer.setFilter({ historical: true, outliers: true });
        }
        map.setView([ev.lat[i], ev.lon[i]], Math.max(map.getZoom(), 8), { animate: false });
        layer.openPopup([i], L.latLng(ev.lat[i], ev.lon[i]));
      }
    });
    if (global.parent !== global) {
      layer.on('select', function (e) { global.parent.postMessage({ type: 'geomap:selected', rows: e.rows.slice(0, 500) }, '*'); });
      global.parent.postMessage({ type: 'geomap:ready', count: layer.events.count }, '*');
    }
  }

  geomap.TimeBar = TimeBar;
  geomap.axisTicks = axisTicks;
  geomap.eventMap = eventMap;
})(window);
