/* geomap-tools.js: the analyst's panel: search, date range, country and
 * fatality filters, historical/outlier switches, density mode, a keyboard
 * list of the events in view, downloads of the filtered events (CSV,
 * GeoJSON) and of a picture (PNG), all made in the page, offline; and the
 * view and filters kept in the URL hash so a link reopens the same view.
 */
(function (global) {
  'use strict';

  var geomap = global.geomap, el = geomap.el, t = geomap.t;
  var LIST_LIMIT = 100;
  var CSV_COLUMNS = ['event_id', 'date_start', 'date_end', 'lat', 'lon', 'event_type', 'place', 'place_text', 'admin1',
    'country', 'country_code', 'geo_precision', 'time_precision', 'fatalities', 'historical', 'quote', 'title', 'url', 'source'];

  function labelled(parent, text, input) {
    var label = el('label', 'geomap-field', null, parent);
    el('span', null, text, label);
    label.appendChild(input);
    return input;
  }

  function input(type, className) {
    var node = document.createElement('input');
    node.type = type;
    if (className) node.className = className;
    return node;
  }

  function dayOf(iso) { var ms = Date.parse(iso + 'T00:00:00Z'); return isNaN(ms) ? null : Math.round(ms / 86400000); }

  var Tools = L.Control.extend({
    options: { position: 'topleft' },

    initialize: function (layer, options) { L.setOptions(this, options); this.layer = layer; },

    onAdd: function (map) {
      var layer = this.layer, ev = layer.events, first = ev.data.firstDay, self = this;
      var box = el('details', 'geomap-tools leaflet-bar');
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      el('summary', null, t('tools'), box);
      var body = el('div', 'geomap-tools-body', null, box);
      this.search = labelled(body, t('search'), input('search', 'geomap-search'));
      this.search.placeholder = t('search_placeholder');
      var dates = el('div', 'geomap-field-row', null, body);
      this.from = labelled(dates, t('from'), input('date', 'geomap-from'));
      this.to = labelled(dates, t('to'), input('date', 'geomap-to'));
      this.from.min = this.to.min = geomap.isoDay(first + ev.rangeStart);
      this.from.max = this.to.max = geomap.isoDay(first + ev.rangeEnd);
      this.country = labelled(body, t('country'), el('select', 'geomap-country'));
      el('option', null, t('all_countries'), this.country).value = '';
      ev.whenText(function () { self._countryOptions(ev); });
      this.minFatal = labelled(body, t('min_fatalities'), input('number', 'geomap-min-fatalities'));
      this.minFatal.min = '0';
      this.minFatal.value = '0';
      this.mode = labelled(body, t('density'), el('select', 'geomap-mode'));
      [['clusters', t('mode_clusters')], ['hexbin', t('mode_hexbin')]].forEach(function (o) { el('option', null, o[1], self.mode).value = o[0]; });
      var flags = el('div', 'geomap-field-row', null, body);
      this.historical = this._check(flags, t('show_historical', { n: geomap.number(countOf(ev, 'historical')) }), 'geomap-show-historical', false);
      this.outliers = this._check(flags, t('show_outliers', { n: geomap.number(ev.outliers.length) }), 'geomap-show-outliers', true);
      if (!ev.historical) this.historical.parentNode.hidden = true;
      if (!ev.outliers.length) this.outliers.parentNode.hidden = true;
      var actions = el('div', 'geomap-actions', null, body);
      geomap.button(t('download_csv'), 'geomap-download-csv', actions).addEventListener('click', function () { self.download('csv'); });
      geomap.button(t('download_geojson'), 'geomap-download-geojson', actions).addEventListener('click', function () { self.download('geojson'); });
      geomap.button(t('save_png'), 'geomap-save-png', actions).addEventListener('click', function () { self.savePng(); });
      var listBox = el('details', 'geomap-event-list', null, body);
      el('summary', null, t('events_in_view'), listBox);
      this.list = el('ul', null, null, listBox);
      listBox.addEventListener('toggle', function () { if (listBox.open) self.fillList(); });
      this.listBox = listBox;
      this._wire(map, layer, ev);
      return box;
    },

    _check: function (parent, text, className, checked) {
      var label = el('label', 'geomap-check', null, parent), box = input('checkbox', className);
      box.checked = checked;
      label.appendChild(box);
      el('span', null, text, label);
      return box;
    },

    _countryOptions: function (ev) {
      var counts = {};
      for (var i = 0; i < ev.count; i++) { var c = ev.country(i); if (c) counts[c] = (counts[c] || 0) + (ev.weight ? ev.weight[i] : 1); }
      var select = this.country;
      Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); }).forEach(function (c) {
        el('option', null, c + ' (' + geomap.number(counts[c]) + ')', select).value = c;
      });
      if (!Object.keys(counts).length) select.parentNode.hidden = true;
      select.value = this.layer.filter.country;  // a country from the URL hash
    },

    _wire: function (map, layer, ev) {
      var self = this, timer = null, first = ev.data.firstDay;
      this.search.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { layer.setFilter({ search: self.search.value }); }, 150);
      });
      this.search.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') { layer.setFilter({ search: self.search.value }); self.zoomToVisible(); }
      });
      function setDates() {
        var from = dayOf(self.from.value), to = dayOf(self.to.value);
        var end = to === null ? ev.rangeEnd : Math.max(ev.rangeStart, Math.min(ev.rangeEnd, to - first));
        var start = from === null ? null : from - first;
        layer.setWindow(end, start === null ? 0 : Math.max(1, end - start + 1));
      }
      this.from.addEventListener('change', setDates);
      this.to.addEventListener('change', setDates);
      this.country.addEventListener('change', function () { layer.setFilter({ country: self.country.value }); });
      this.minFatal.addEventListener('input', function () { layer.setFilter({ minFatalities: Math.max(0, +self.minFatal.value || 0) }); });
      this.mode.addEventListener('change', function () { layer.setMode(self.mode.value); });
      this.historical.addEventListener('change', function () { layer.setFilter({ historical: self.historical.checked }); });
      this.outliers.addEventListener('change', function () { layer.setFilter({ outliers: self.outliers.checked }); });
      layer.on('redraw', function () {
        self.to.value = geomap.isoDay(first + layer.windowEnd);
        self.from.value = layer.windowDays > 0 ? geomap.isoDay(first + layer.windowStart()) : '';
        if (self.listBox.open) self.fillList();
      });
    },

    /* Controls show the layer's state (after a hash restore). */
    sync: function () {
      var f = this.layer.filter;
      this.search.value = f.search;
      this.country.value = f.country;
      this.minFatal.value = String(f.minFatalities);
      this.mode.value = this.layer.mode;
      this.historical.checked = f.historical;
      this.outliers.checked = f.outliers;
      if (this.layer.mode === 'hexbin' || f.search || f.country || f.minFatalities) this._container.open = true;
    },

    zoomToVisible: function () {
      var ev = this.layer.events, rows = this.layer.visibleRows(), bounds = L.latLngBounds([]);
      rows.forEach(function (i) { bounds.extend([ev.lat[i], ev.lon[i]]); });
      if (bounds.isValid()) this._map.fitBounds(bounds.pad(0.2), { maxZoom: 9 });
    },

    /* Buttons for the events visible in the current view, in date order: Tab and Enter open them. */
    fillList: function () {
      var self = this;
      if (!this.layer.events.hasText) { this.layer.events.whenText(function () { self.fillList(); }); return; }
      var layer = this.layer, ev = layer.events, map = this._map, bounds = map.getBounds(), list = this.list;
      var rows = layer.visibleRows().filter(function (i) { return bounds.contains([ev.lat[i], ev.lon[i]]); });
      list.textContent = '';
      rows.slice(0, LIST_LIMIT).forEach(function (i) {
        var item = geomap.button(geomap.dayText(ev, i) + ' \u00b7 ' + geomap.typeLabel(ev.data.types[ev.type[i]]) + ' \u00b7 ' +
          geomap.whereText(ev, i), 'geomap-list-item', el('li', null, null, list));
        item.addEventListener('click', function () { layer.openPopup([i], L.latLng(ev.lat[i], ev.lon[i])); });
      });
      el('li', 'geomap-muted', rows.length > LIST_LIMIT ? t('list_first', { k: LIST_LIMIT, n: geomap.number(rows.length) })
        : t('n_events', { n: geomap.number(rows.length) }), list);
    },

    download: function (format) {
      var self = this;
      if (!this.layer.events.hasText) { this.layer.events.whenText(function () { self.download(format); }); return; }
      var rows = this.layer.visibleRows(), ev = this.layer.events, text, type;
      if (format === 'csv') { text = toCsv(ev, rows); type = 'text/csv'; } else { text = JSON.stringify(toGeoJson(ev, rows)); type = 'application/geo+json'; }
      save(new Blob([text], { type: type + ';charset=utf-8' }), 'geomap-events.' + format);
    },

    /* The map as one picture: basemap and events canvases (tiles are other sites' images, left out), title, credits. */
    savePng: function () {
      var map = this._map, size = map.getSize(), ratio = global.devicePixelRatio || 1, container = map.getContainer();
      var out = document.createElement('canvas'), origin = container.getBoundingClientRect();
      out.width = size.x * ratio;
      out.height = size.y * ratio;
      var ctx = out.getContext('2d');
      ctx.scale(ratio, ratio);
      ctx.fillStyle = getComputedStyle(container).backgroundColor;
      ctx.fillRect(0, 0, size.x, size.y);
      container.querySelectorAll('canvas.geomap-basemap, canvas.geomap-canvas').forEach(function (canvas) {
        var r = canvas.getBoundingClientRect();
        ctx.drawImage(canvas, r.left - origin.left, r.top - origin.top, r.width, r.height);
      });
      ctx.font = '12px system-ui, sans-serif';
      ctx.fillStyle = '#1d2329';
      var title = container.querySelector('.geomap-title');
      if (title) { ctx.font = '600 15px system-ui, sans-serif'; ctx.fillText(title.textContent, 12, 22); }
      ctx.font = '10px system-ui, sans-serif';
      ctx.fillText(map.attributionControl.getContainer().textContent, 8, size.y - 6);
      out.toBlob(function (blob) { save(blob, 'geomap-map.png'); }, 'image/png');
    }
  });

  function countOf(ev, what) {
    var n = 0;
    for (var i = 0; i < ev.count; i++) if (what === 'historical' && ev.isHistorical(i)) n++;
    return n;
  }

  function save(blob, name) {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  function eventRecord(ev, i) {
    var first = ev.data.firstDay, f = ev.fatalities ? ev.fatalities[i] : -1;
    var record = { event_id: ev.text('event_id', i), date_start: geomap.isoDay(first + ev.day[i]), date_end: geomap.isoDay(first + ev.end[i]),
      lat: ev.lat[i], lon: ev.lon[i], event_type: ev.data.types[ev.type[i]], geo_precision: ev.precision('geo_precision', i),
      time_precision: ev.precision('time_precision', i), fatalities: f >= 0 ? f : null, historical: ev.historical ? ev.isHistorical(i) : null };
    ['place', 'place_text', 'admin1', 'country', 'country_code', 'quote', 'title', 'url', 'source'].forEach(function (name) { record[name] = ev.text(name, i); });
    if (ev.weight) record.events = ev.weight[i];
    return record;
  }

  /* RFC 4180 cells; text starting with = + - @ gets a leading ' so a spreadsheet never runs it. */
  function csvCell(value) {
    if (value === null || value === undefined) return '';
    var text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function toCsv(ev, rows) {
    var columns = CSV_COLUMNS.concat(ev.weight ? ['events'] : []), lines = [columns.join(',')];
    rows.forEach(function (i) {
      var record = eventRecord(ev, i);
      lines.push(columns.map(function (c) { return csvCell(record[c]); }).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  }

  function toGeoJson(ev, rows) {
    return { type: 'FeatureCollection', features: rows.map(function (i) {
      var record = eventRecord(ev, i);
      return { type: 'Feature', geometry: { type: 'Point', coordinates: [record.lon, record.lat] }, properties: record };
    }) };
  }

  /* ---- URL hash: map=zoom/lat/lon&end=day&days=n&off=types&country=&minf=&q=&mode=&hist=&out= ---- */

  function writeHash(map, layer) {
    var ev = layer.events, first = ev.data.firstDay, f = layer.filter, c = map.getCenter(), p = new URLSearchParams();
    p.set('map', map.getZoom() + '/' + c.lat.toFixed(4) + '/' + c.lng.toFixed(4));
    p.set('end', geomap.isoDay(first + layer.windowEnd));
    if (layer.windowDays) p.set('days', String(layer.windowDays));
    var off = ev.data.types.filter(function (type, k) { return !f.types[k]; });
    if (off.length) p.set('off', off.join(','));
    if (f.country) p.set('country', f.country);
    if (f.minFatalities) p.set('minf', String(f.minFatalities));
    if (f.search) p.set('q', f.search);
    if (layer.mode !== 'clusters') p.set('mode', layer.mode);
    if (f.historical) p.set('hist', '1');
    if (!f.outliers) p.set('out', '0');
    try { global.history.replaceState(null, '', '#' + p.toString()); } catch (e) { /* a srcdoc or sandboxed page has no URL to keep */ }
  }

  /* Apply a hash written by writeHash; true when it set the view. */
  function restoreHash(map, layer) {
    var hash = '';
    try { hash = global.location.hash.slice(1); } catch (e) { return false; }
    if (!hash) return false;
    var p = new URLSearchParams(hash), ev = layer.events, first = ev.data.firstDay, changes = {};
    if (p.has('off')) {
      var off = p.get('off').split(',');
      changes.types = ev.data.types.map(function (type) { return off.indexOf(type) < 0; });
    }
    if (p.has('country')) changes.country = p.get('country');
    if (p.has('minf')) changes.minFatalities = Math.max(0, +p.get('minf') || 0);
    if (p.has('q')) changes.search = p.get('q');
    if (p.has('hist')) changes.historical = p.get('hist') === '1';
    if (p.has('out')) changes.outliers = p.get('out') !== '0';
    if (p.has('mode')) layer.mode = p.get('mode') === 'hexbin' ? 'hexbin' : 'clusters';
    layer.setFilter(changes);
    var end = p.has('end') ? dayOf(p.get('end')) : null;
    if (end !== null) layer.setWindow(Math.max(ev.rangeStart, Math.min(ev.rangeEnd, end - first)), Math.max(0, +p.get('days') || 0));
    document.querySelectorAll('.geomap-legend input[data-type]').forEach(function (box, k) { box.checked = layer.filter.types[k]; });
    if (geomap.tools) geomap.tools.sync();
    var view = (p.get('map') || '').split('/').map(Number);
    if (view.length === 3 && view.every(isFinite)) {
      map.setView([view[1], view[2]], view[0], { animate: false });
      return true;
    }
    return false;
  }

  function addTools(map, layer) {
    var tools = new Tools(layer).addTo(map), timer = null;
    geomap.tools = tools;
    function later() { clearTimeout(timer); timer = setTimeout(function () { writeHash(map, layer); }, 250); }
    map.on('moveend', later);
    layer.on('redraw filter', later);
    return tools;
  }

  geomap.addTools = addTools;
  geomap.restoreHash = restoreHash;
  geomap.toCsv = toCsv;
  geomap.toGeoJson = toGeoJson;
})(window);
