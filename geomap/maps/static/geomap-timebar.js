/* geomap-timebar.js: the time slider (play/pause, step, speed, window) with a
 * histogram of events per day, and the bootstrap geomap.eventMap() that
 * builds the layer and controls once the payload is decoded.
 */
(function (global) {
  'use strict';

  var geomap = global.geomap, el = geomap.el;
  var WINDOWS = [[0, 'cumulative'], [1, '1 day'], [7, '7 days'], [30, '30 days'], [365, '365 days']];
  var STEPS = [[1, 'day'], [7, 'week'], [30, 'month']];
  var SPEEDS = [[0.5, '0.5\u00d7'], [1, '1\u00d7'], [2, '2\u00d7'], [4, '4\u00d7']];
  var STEPS_PER_SECOND = 4;

  function select(options, value, parent, title, className) {
    var node = el('select', className, null, parent);
    node.title = title;
    options.forEach(function (option) {
      var item = el('option', null, option[1], node);
      item.value = String(option[0]);
    });
    if (!options.some(function (o) { return o[0] === value; })) {
      el('option', null, value + ' days', node).value = String(value);
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
      this.play = el('button', 'geomap-play', '\u25b6', controls);
      this.play.title = 'play / pause';
      var back = el('button', 'geomap-step-back', '\u2039', controls);
      var next = el('button', 'geomap-step-next', '\u203a', controls);
      back.title = 'step back';
      next.title = 'step forward';
      this.play.type = back.type = next.type = 'button';
      this.label = el('span', 'geomap-range-label', '', controls);
      this.windowSelect = select(WINDOWS, layer.windowDays, controls, 'time window', 'geomap-window-select');
      this.stepSelect = select(STEPS, 1, controls, 'step', 'geomap-step-select');
      this.speedSelect = select(SPEEDS, 1, controls, 'speed', 'geomap-speed-select');
      this.histogram = el('canvas', 'geomap-histogram', null, box);
      this.slider = el('input', 'geomap-slider', null, box);
      this.slider.type = 'range';
      this.slider.min = '0';
      this.slider.max = String(ev.lastDay);
      this.slider.value = String(layer.windowEnd);
      this.slider.setAttribute('aria-label', 'last day of the time window');
      var self = this;
      this.slider.addEventListener('input', function () { layer.setWindow(+self.slider.value); });
      this.windowSelect.addEventListener('change', function () { layer.setWindow(layer.windowEnd, +self.windowSelect.value); });
      back.addEventListener('click', function () { self.step(-1); });
      next.addEventListener('click', function () { self.step(1); });
      this.play.addEventListener('click', function () { self.toggle(); });
      this.speedSelect.addEventListener('change', function () { if (self.timer) { self.stop(); self.start(); } });
      layer.on('redraw', this.update, this);
      this.counts = this._dayCounts(ev);
      return box;
    },

    step: function (direction) {
      var layer = this.layer, to = layer.windowEnd + direction * (+this.stepSelect.value);
      layer.setWindow(Math.max(0, Math.min(layer.events.lastDay, to)));
    },

    toggle: function () { if (this.timer) this.stop(); else this.start(); },

    start: function () {
      var self = this, layer = this.layer;
      if (layer.windowEnd >= layer.events.lastDay) layer.setWindow(0);
      this.play.textContent = '\u275a\u275a';
      this.timer = setInterval(function () {
        if (layer.windowEnd >= layer.events.lastDay) { self.stop(); return; }
        self.step(1);
      }, 1000 / (STEPS_PER_SECOND * +this.speedSelect.value));
    },

    stop: function () {
      clearInterval(this.timer);
      this.timer = null;
      this.play.textContent = '\u25b6';
    },

    _dayCounts: function (ev) {
      var counts = new Float64Array(ev.lastDay + 1);
      for (var i = 0; i < ev.count; i++) counts[ev.day[i]] += ev.weight ? ev.weight[i] : 1;
      return counts;
    },

    update: function () {
      var layer = this.layer, first = layer.events.data.firstDay, end = layer.windowEnd;
      this.slider.value = String(end);
      this.windowSelect.value = String(layer.windowDays);
      var text = layer.windowDays > 0
        ? geomap.isoDay(first + end - layer.windowDays + 1) + ' \u2013 ' + geomap.isoDay(first + end)
        : 'until ' + geomap.isoDay(first + end);
      this.label.textContent = text + ' \u00b7 ' + layer.stats.visibleEvents.toLocaleString('en') + ' events';
      this._drawHistogram();
    },

    /* Bars of events per day (binned to the canvas width); the window in colour. */
    _drawHistogram: function () {
      var canvas = this.histogram, width = canvas.clientWidth || 600, height = canvas.clientHeight || 36;
      var ratio = global.devicePixelRatio || 1;
      if (canvas.width !== width * ratio) { canvas.width = width * ratio; canvas.height = height * ratio; }
      var ctx = canvas.getContext('2d'), counts = this.counts, days = counts.length;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      var bins = Math.max(1, Math.min(days, Math.floor(width / 2))), perBin = days / bins;
      var sums = new Float64Array(bins), top = 0;
      for (var d = 0; d < days; d++) sums[Math.min(bins - 1, Math.floor(d / perBin))] += counts[d];
      for (var b = 0; b < bins; b++) top = Math.max(top, sums[b]);
      var layer = this.layer, lo = layer.windowStart(), hi = layer.windowEnd, barWidth = width / bins;
      for (var k = 0; k < bins; k++) {
        if (!sums[k]) continue;
        var dayLo = k * perBin, dayHi = (k + 1) * perBin - 1;
        ctx.fillStyle = dayHi >= lo && dayLo <= hi ? '#2b6cb0' : '#b8c2cc';
        var h = Math.max(1, (height - 2) * Math.sqrt(sums[k] / top));
        ctx.fillRect(k * barWidth, height - h, Math.max(1, barWidth - 0.5), h);
      }
    }
  });

  /* Build everything for one map once its payload is decoded; resolves to the layer. */
  function eventMap(map, script, options) {
    var base = geomap.baseMap(map, document.getElementById('geomap-basemap'));
    return Promise.all([geomap.decodePayload(script), base]).then(function (loaded) {
      var data = loaded[0];
      var events = new geomap.Events(data);
      var layer = new geomap.EventCanvas(events, { windowDays: options.windowDays || 0 });
      if (options.title) new geomap.Notice(options.title, { position: 'topleft' }).addTo(map);
      if (data.notice) new geomap.Notice(data.notice, { position: 'topleft' }).addTo(map);
      if (events.count === 0) {
        new geomap.Notice('No events to show: no rows had both coordinates and a date.').addTo(map);
      } else {
        var legend = new geomap.Legend(layer).addTo(map), bar = new geomap.TimeBar(layer).addTo(map);
        fitWhenSized(map, events, legend, bar);
      }
      if (options.attribution) map.attributionControl.addAttribution(options.attribution);
      layer.addTo(map);
      listenToParent(map, layer);
      geomap.layers = (geomap.layers || []).concat([layer]);
      map.getContainer().setAttribute('data-geomap-ready', '1');
      global.geomapReady = performance.now();
      return layer;
    });
  }

  /* Fit the events clear of the legend (right) and time bar (bottom); a map in an
   * iframe or notebook cell may have no size yet, so wait for one. */
  function fitWhenSized(map, events, legend, bar) {
    var bounds = L.latLngBounds([]), fitted = false;
    for (var i = 0; i < events.count; i++) bounds.extend([events.lat[i], events.lon[i]]);
    function fit() {
      var size = map.getSize();
      if (!size.x || !size.y) return;
      var right = legend.getContainer().offsetWidth + 30, bottom = bar.getContainer().offsetHeight + 30;
      map.fitBounds(bounds, {
        maxZoom: 9, animate: false, paddingTopLeft: [40, 60],
        paddingBottomRight: [right < size.x / 2 ? right : 40, bottom < size.y / 2 ? bottom : 40]
      });
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

  /* Messages from an embedding report: filter rows, or focus one row. */
  function listenToParent(map, layer) {
    global.addEventListener('message', function (message) {
      var data = message.data;
      if (message.source !== global.parent || !data || typeof data !== 'object') return;
      if (data.type === 'geomap:filter') {
        layer.setRowFilter(Array.isArray(data.rows) ? data.rows : null);
      } else if (data.type === 'geomap:focus' && data.row >= 0 && data.row < layer.events.count) {
        var ev = layer.events, i = data.row;
        if (ev.day[i] > layer.windowEnd || ev.end[i] < layer.windowStart()) layer.setWindow(ev.end[i]);
        map.setView([ev.lat[i], ev.lon[i]], Math.max(map.getZoom(), 8), { animate: false });
        layer.openPopup([i], L.latLng(ev.lat[i], ev.lon[i]));
      }
    });
    if (global.parent !== global) global.parent.postMessage({ type: 'geomap:ready', count: layer.events.count }, '*');
  }

  geomap.TimeBar = TimeBar;
  geomap.eventMap = eventMap;
})(window);
