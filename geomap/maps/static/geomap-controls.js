/* geomap-controls.js: popups (with paging and a list of the events at a point),
 * the legend (type toggles with counts that follow the filters and window, a
 * size key) and notices.
 *
 * Every string from an article is put in the page with textContent or as an
 * attribute value set through the DOM, never parsed as HTML. geomap's own
 * words come from geomap.t(), i.e. ui_strings.json.
 */
(function (global) {
  'use strict';

  var geomap = global.geomap;
  var LIST_LIMIT = 200;

  /* geomap's own words in the page's language: t('key', {n: 3}) fills {n}. */
  function t(key, params) {
    var strings = geomap.strings || {}, text = strings[key] !== undefined ? strings[key] : key;
    if (params) text = text.replace(/\{(\w+)\}/g, function (m, name) { return params[name] !== undefined ? params[name] : m; });
    return text;
  }

  function number(n) { return Number(n).toLocaleString(geomap.lang || 'en'); }

  function el(tag, className, text, parent) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (parent) parent.appendChild(node);
    return node;
  }

  function button(text, className, parent, title) {
    var node = el('button', className, text, parent);
    node.type = 'button';
    if (title) { node.title = title; node.setAttribute('aria-label', title); }
    return node;
  }

  function typeLabel(type) {
    var key = 'type_' + type;
    return geomap.strings && geomap.strings[key] ? geomap.strings[key] : String(type).replace(/_/g, ' ');
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

  /* Where an event is, said as precisely as it is known: "somewhere in Russia (country-level)". */
  function whereText(events, i) {
    var place = events.text('place', i) || events.text('place_text', i);
    var admin1 = events.text('admin1', i), country = events.country(i), gp = events.precision('geo_precision', i);
    if (gp === 4) {  // the place of a country-level event is the country's own name, the code only a fallback
      var name = events.text('country', i) || place || country;
      return t('somewhere_in', { place: name || '?' }) + ' (' + t('geo_4') + ')';
    }
    if (gp === 3) {
      var region = [admin1 || place, country].filter(Boolean).join(', ');
      return t('somewhere_in', { place: region || '?' }) + ' (' + t('geo_3') + ')';
    }
    var where = [place, admin1 && admin1 !== place ? admin1 : null, country].filter(Boolean).join(', ');
    return where + (gp ? ' (' + t('geo_' + gp) + ')' : '');
  }

  function dayText(events, i) {
    var first = events.data.firstDay, text = geomap.isoDay(first + events.day[i]);
    if (events.end[i] > events.day[i]) text += ' \u2013 ' + geomap.isoDay(first + events.end[i]);
    return text;
  }

  function eventDetails(events, i, parent) {
    var types = events.data.types, ti = events.type[i];
    var head = el('div', 'geomap-popup-type', null, parent);
    el('span', 'geomap-swatch', null, head).style.background = geomap.typeColor(types[ti], ti);
    el('span', null, typeLabel(types[ti]), head);
    if (events.isHistorical(i)) el('span', 'geomap-tag', t('historical'), head);
    if (events.outlier[i]) el('span', 'geomap-tag', t('outlier'), head);
    var when = dayText(events, i), tp = events.precision('time_precision', i);
    if (tp) when += ' (' + t('time_' + tp) + ')';
    var dateText = events.text('date_text', i);
    if (dateText) when += ' \u00b7 \u201c' + dateText + '\u201d';
    row(t('date'), when, parent);
    row(t('place'), whereText(events, i), parent);
    if (events.fatalities && events.fatalities[i] >= 0) row(t('fatalities'), events.fatalities[i], parent);
    if (events.weight) row(t('aggregated'), t('n_events', { n: number(events.weight[i]) }), parent);
    if (events.reports && events.reports[i] > 1) reportList(events, i, parent);
    var quote = events.text('quote', i);
    if (quote) quoteWithPlace(quote, events.text('place_text', i) || events.text('place', i), parent);
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

  /* An event merged from several articles: how many reports and outlets, and a link to each. */
  function reportList(events, i, parent) {
    var data = events.data.reports;
    row(t('reports'), t('n_reports', { n: number(data.count[i]), s: number(data.outlets[i]) }), parent);
    var listed = data.sources[i] || [], list = el('ul', 'geomap-popup-sources', null, parent);
    listed.slice(0, 8).forEach(function (pair) {
      var item = el('li', null, null, list), url = safeUrl(pair[1]);
      if (url) {
        var link = el('a', null, pair[0] || url, item);
        link.href = url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
      } else {
        el('span', null, pair[0], item);
      }
    });
    if (listed.length > 8) el('li', 'geomap-muted', t('more_sources', { n: listed.length - 8 }), list);
  }

  function row(name, value, parent) {
    var line = el('div', 'geomap-popup-row', null, parent);
    el('span', 'geomap-muted', name + ': ', line);
    el('span', null, value, line);
  }

  /* Popup element for one or more events (rows): a pager (buttons, arrow keys, swipe-free
   * taps) that only swaps the details, so a click never lands on a removed node and closes
   * the popup; and a list of every event at the point. */
  function popupContent(events, rows) {
    var box = el('div', 'geomap-popup-body'), position = 0;
    box.tabIndex = -1;
    box.setAttribute('role', 'group');
    L.DomEvent.disableClickPropagation(box);
    var details = el('div', 'geomap-popup-details');
    if (rows.length > 1) {
      var pager = el('div', 'geomap-pager', null, box);
      var back = button('\u2039', 'geomap-page-back', pager, t('previous_event'));
      var where = el('span', 'geomap-page-label', '', pager);
      where.setAttribute('aria-live', 'polite');
      var next = button('\u203a', 'geomap-page-next', pager, t('next_event'));
      var listButton = button(t('list'), 'geomap-list-toggle', pager);
      listButton.setAttribute('aria-expanded', 'false');
      var list = el('ol', 'geomap-popup-list');
      list.hidden = true;
      rows.slice(0, LIST_LIMIT).forEach(function (i, k) {
        var item = button(dayText(events, i) + ' \u00b7 ' + typeLabel(events.data.types[events.type[i]]) + ' \u00b7 ' +
          (events.text('place', i) || events.text('place_text', i) || ''), 'geomap-list-item', el('li', null, null, list));
        item.addEventListener('click', function (e) { L.DomEvent.stop(e); go(k); list.hidden = true; listButton.setAttribute('aria-expanded', 'false'); });
      });
      if (rows.length > LIST_LIMIT) el('li', 'geomap-muted', t('list_more', { n: number(rows.length - LIST_LIMIT) }), list);
      box.appendChild(list);
      back.addEventListener('click', function (e) { L.DomEvent.stop(e); go(position - 1); });
      next.addEventListener('click', function (e) { L.DomEvent.stop(e); go(position + 1); });
      listButton.addEventListener('click', function (e) {
        L.DomEvent.stop(e);
        list.hidden = !list.hidden;
        listButton.setAttribute('aria-expanded', String(!list.hidden));
      });
      box.addEventListener('keydown', function (e) {
        if (e.key === 'ArrowRight' || e.key === 'PageDown') { go(position + 1); e.preventDefault(); }
        if (e.key === 'ArrowLeft' || e.key === 'PageUp') { go(position - 1); e.preventDefault(); }
      });
    }
    box.appendChild(details);
    function go(k) {
      position = Math.max(0, Math.min(rows.length - 1, k));
      details.textContent = '';
      eventDetails(events, rows[position], details);
      if (rows.length > 1) {
        where.textContent = t('page_of', { k: position + 1, n: number(rows.length) });
        back.disabled = position === 0;
        next.disabled = position === rows.length - 1;
      }
    }
    go(0);
    return box;
  }

  /* Legend: type toggles with counts of what is visible now, the size key, the density key.
   * Collapsible (collapsed at first on a phone-width map). */
  var Legend = L.Control.extend({
    options: { position: 'topright' },
    initialize: function (layer, options) {
      L.setOptions(this, options);
      this.layer = layer;
    },
    onAdd: function (map) {
      var layer = this.layer, ev = layer.events, box = el('div', 'geomap-legend leaflet-bar');
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var head = el('div', 'geomap-legend-head', null, box);
      el('h2', 'geomap-legend-title', t('event_types'), head);
      var toggle = button('\u2212', 'geomap-collapse', head, t('hide_legend'));
      var body = el('div', 'geomap-legend-body', null, box);
      toggle.setAttribute('aria-expanded', 'true');
      toggle.addEventListener('click', function () { setOpen(body.hidden); });
      function setOpen(open) {
        body.hidden = !open;
        toggle.textContent = open ? '\u2212' : '+';
        toggle.title = open ? t('hide_legend') : t('show_legend');
        toggle.setAttribute('aria-label', toggle.title);
        toggle.setAttribute('aria-expanded', String(open));
        box.classList.toggle('geomap-collapsed', !open);
      }
      this.counts = [];
      var self = this;
      ev.data.types.forEach(function (type, index) {
        var line = el('label', 'geomap-legend-row', null, body);
        var check = el('input', null, null, line);
        check.type = 'checkbox';
        check.checked = true;
        check.setAttribute('data-type', type);
        check.addEventListener('change', function () { layer.setTypeVisible(index, check.checked); });
        el('span', 'geomap-swatch', null, line).style.background = geomap.typeColor(type, index);
        el('span', null, typeLabel(type), line);
        self.counts.push(el('span', 'geomap-muted geomap-count', '', line));
      });
      this.total = el('div', 'geomap-legend-total', '', body);
      this.sizeKey = el('div', 'geomap-size-key', null, body);
      this.densityKey = el('div', 'geomap-density-key', null, body);
      this._sizeKey(this.sizeKey, ev);
      this._densityKey(this.densityKey);
      layer.on('redraw', this.update, this);
      if (map.getSize().x < 600) setOpen(false);
      return box;
    },
    update: function () {
      var stats = this.layer.stats;
      this.counts.forEach(function (node, k) { node.textContent = ' ' + number(stats.typeCounts[k] || 0); });
      this.total.textContent = t('shown_total', { n: number(stats.visibleEvents), f: number(stats.fatalities) });
      var hex = this.layer.mode === 'hexbin';
      this.sizeKey.hidden = hex;
      this.densityKey.hidden = !hex;
    },
    /* Dots by fatalities, rings by count, hollow for region/country level. */
    _sizeKey: function (box, ev) {
      el('div', 'geomap-key-title', t('size_key'), box);
      var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg'), x = 8;
      svg.setAttribute('width', '170');
      svg.setAttribute('height', '46');
      svg.setAttribute('aria-hidden', 'true');
      [0, 10, 100].forEach(function (f) {
        var r = geomap.fatalRadius(f);
        x += r;
        svgCircle(svg, x, 20, r, '#5f6368', '#ffffff');
        svgText(svg, x, 42, f ? '\u2265' + f : '0');
        x += r + 14;
      });
      var hollow = svgCircle(svg, x + 8, 20, 6, 'rgba(255,255,255,0.55)', '#5f6368');
      hollow.setAttribute('stroke-width', '2.5');
      hollow.setAttribute('stroke-dasharray', '3 2');
      box.appendChild(svg);
      el('div', 'geomap-legend-note', t('size_note'), box);
    },
    _densityKey: function (box) {
      el('div', 'geomap-key-title', t('density_key'), box);
      var bar = el('div', 'geomap-density-bar', null, box);
      geomap.DENSITY.forEach(function (color) { el('span', null, null, bar).style.background = color; });
      var ends = el('div', 'geomap-density-ends', null, box);
      el('span', null, t('fewer'), ends);
      el('span', null, t('more'), ends);
    }
  });

  function svgCircle(svg, x, y, r, fill, stroke) {
    var c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
    c.setAttribute('cx', x); c.setAttribute('cy', y); c.setAttribute('r', r);
    c.setAttribute('fill', fill); c.setAttribute('stroke', stroke); c.setAttribute('stroke-width', '1.5');
    svg.appendChild(c);
    return c;
  }

  function svgText(svg, x, y, text) {
    var node = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    node.setAttribute('x', x); node.setAttribute('y', y); node.setAttribute('text-anchor', 'middle');
    node.setAttribute('font-size', '10'); node.setAttribute('fill', '#3d4650');
    node.textContent = text;
    svg.appendChild(node);
  }

  /* A one-line message on the map (aggregation, empty data). */
  var Notice = L.Control.extend({
    options: { position: 'topleft' },
    initialize: function (text, options) { L.setOptions(this, options); this.text = text; },
    onAdd: function () { return el('div', 'geomap-notice' + (this.options.className ? ' ' + this.options.className : ''), this.text); }
  });

  geomap.t = t;
  geomap.number = number;
  geomap.typeLabel = typeLabel;
  geomap.whereText = whereText;
  geomap.dayText = dayText;
  geomap.popupContent = popupContent;
  geomap.Legend = Legend;
  geomap.Notice = Notice;
  geomap.el = el;
  geomap.button = button;
})(window);
