/* geomap-controls.js: popup, legend with type toggles, time bar with histogram,
 * and the bootstrap that wires them to an EventCanvas (geomap-events.js).
 *
 * Every string from an article is put in the page with textContent or as an
 * attribute value set through the DOM, never parsed as HTML.
 */
(function (global) {
  'use strict';

  var geomap = global.geomap;
  var TIME_PRECISION = { 1: 'day', 2: 'week', 3: 'month', 4: 'year or unknown' };
  var GEO_PRECISION = { 1: 'exact place', 2: 'near a place or district', 3: 'region (admin1)', 4: 'country' };

  function el(tag, className, text, parent) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }

  function label(type) {
    return String(type).replace(/_/g, ' ');
  }

  /* The quote as text nodes, with the first case-insensitive occurrence of the place marked. */
  function quoteWithPlace(quote, place, parent) {
    var at = place ? quote.toLocaleLowerCase().indexOf(place.toLocaleLowerCase()) : -1;
    var block = el('blockquote', 'geomap-quote', null, parent);
    if (at < 0) {
      block.textContent = quote;
      return block;
    }
    block.appendChild(document.createTextNode(quote.slice(0, at)));
    el('mark', null, quote.slice(at, at + place.length), block);
    block.appendChild(document.createTextNode(quote.slice(at + place.length)));
    return block;
  }

  function safeUrl(url) {
    return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
  }

  function eventDetails(events, i, parent) {
    var types = events.data.types, t = events.type[i];
    var head = el('div', 'geomap-popup-type', null, parent);
    el('span', 'geomap-swatch', null, head).style.background = geomap.typeColor(types[t], t);
    el('span', null, label(types[t]), head);
    var first = events.data.firstDay;
    var dayText = geomap.isoDay(first + events.day[i]);
    if (events.end[i] > events.day[i]) dayText += ' \u2013 ' + geomap.isoDay(first + events.end[i]);
    var tp = events.precision('time_precision', i);
    if (tp) dayText += ' (' + TIME_PRECISION[tp] + ')';
    var dateText = events.text('date_text', i);
    if (dateText) dayText += ' \u00b7 \u201c' + dateText + '\u201d';
    row('Date', dayText, parent);
    var place = events.text('place', i) || events.text('place_text', i);
    var where = [place, events.text('admin1', i), events.text('country_code', i)].filter(Boolean).join(', ');
    var gp = events.precision('geo_precision', i);
    row('Place', where + (gp ? ' (' + (GEO_PRECISION[gp] || 'precision ' + gp) + ')' : ''), parent);
    if (events.fatalities && events.fatalities[i] >= 0) row('Fatalities', events.fatalities[i], parent);
    if (events.weight) row('Aggregated', events.weight[i] + ' events', parent);
    var quote = events.text('quote', i);
    if (quote) quoteWithPlace(quote, events.text('place_text', i) || place, parent);
    var title = events.text('title', i), url = safeUrl(events.text('url', i)), source = events.text('source', i);
    if (title || url) {
      var line = el('div', 'geomap-popup-source', null, parent);
      if (url) {
        var link = el('a', null, title || url, line);
        link.href = url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
      } else {
        el('span', null, title, line);
      }
      if (source) el('span', 'geomap-muted', ' \u00b7 ' + source, line);
    }
  }

  function row(name, value, parent) {
    var line = el('div', 'geomap-popup-row', null, parent);
    el('span', 'geomap-muted', name + ': ', line);
    el('span', null, value, line);
  }

  /* Popup element for one or more events (rows), with a pager for several. */
  function popupContent(events, rows) {
    var box = el('div', 'geomap-popup-body');
    var position = 0;
    function show() {
      box.textContent = '';
      if (rows.length > 1) {
        var pager = el('div', 'geomap-pager', null, box);
        var back = el('button', null, '\u2039', pager);
        el('span', null, (position + 1) + ' of ' + rows.length + ' events here', pager);
        var next = el('button', null, '\u203a', pager);
        back.type = next.type = 'button';
        back.disabled = position === 0;
        next.disabled = position === rows.length - 1;
        back.onclick = function () { position--; show(); };
        next.onclick = function () { position++; show(); };
      }
      eventDetails(events, rows[position], box);
    }
    show();
    return box;
  }

  /* Legend: one checkbox per event type (the layer control), colours, counts and sizes. */
  var Legend = L.Control.extend({
    options: { position: 'topright' },
    initialize: function (layer, options) {
      L.setOptions(this, options);
      this.layer = layer;
    },
    onAdd: function () {
      var ev = this.layer.events, box = el('div', 'geomap-legend leaflet-bar');
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      el('div', 'geomap-legend-title', 'Event types', box);
      var counts = ev.data.types.map(function () { return 0; });
      for (var i = 0; i < ev.count; i++) counts[ev.type[i]] += ev.weight ? ev.weight[i] : 1;
      var layer = this.layer;
      ev.data.types.forEach(function (type, index) {
        var line = el('label', 'geomap-legend-row', null, box);
        var box_ = el('input', null, null, line);
        box_.type = 'checkbox';
        box_.checked = true;
        box_.setAttribute('data-type', type);
        box_.addEventListener('change', function () { layer.setTypeVisible(index, box_.checked); });
        el('span', 'geomap-swatch', null, line).style.background = geomap.typeColor(type, index);
        el('span', null, label(type), line);
        el('span', 'geomap-muted', ' ' + counts[index].toLocaleString('en'), line);
      });
      el('div', 'geomap-legend-note', 'Size: fatalities. Numbered circle: several events, click to zoom in.', box);
      return box;
    }
  });

  /* A one-line message on the map (aggregation, empty data). */
  var Notice = L.Control.extend({
    options: { position: 'topleft' },
    initialize: function (text, options) { L.setOptions(this, options); this.text = text; },
    onAdd: function () { return el('div', 'geomap-notice', this.text); }
  });

  global.geomap.popupContent = popupContent;
  global.geomap.Legend = Legend;
  global.geomap.Notice = Notice;
  global.geomap.el = el;
})(window);
