/* report.js: the report's event table (sort, filter, click) and its link to the map.
 *
 * The table reads the same columnar payload as the map (same row order), so a
 * row number means the same event on both sides of the iframe. Rows are built
 * with textContent; only the first PAGE matching rows are put in the DOM.
 */
(function () {
  'use strict';

  var PAGE = 500;
  var script = document.getElementById('geomap-report-data');
  var frame = document.getElementById('geomap-map-frame');
  var filterBox = document.getElementById('geomap-filter');
  var typeBox = document.getElementById('geomap-type-filter');
  var countLabel = document.getElementById('geomap-table-count');
  var tbody = document.querySelector('#geomap-events tbody');
  var clearSelection = document.getElementById('geomap-clear-selection');
  var strings = JSON.parse(document.getElementById('geomap-report-strings').textContent);
  var lang = document.documentElement.lang || 'en';

  /* The report's own words (ui_strings.json, in the page's language): t('key', {n: 3}) fills {n}. */
  function t(key, params) {
    var text = strings[key] !== undefined ? strings[key] : key;
    return params ? text.replace(/\{(\w+)\}/g, function (m, name) { return params[name] !== undefined ? params[name] : m; }) : text;
  }

  function typeLabel(type) { return strings['type_' + type] || String(type).replace(/_/g, ' '); }

  function number(n) { return Number(n).toLocaleString(lang); }

  /* The numbers and the text of the events (two parts, as the map has them), as one object. */
  function decode() {
    return Promise.all([geomap.decodePayload(script), geomap.decodePayload(document.getElementById('geomap-report-text'))])
      .then(function (parts) {
        var data = parts[0];
        data.text = parts[1].text || {};
        if (data.reports) data.reports.sources = parts[1].sources || [];
        return data;
      });
  }

  function text(data, name, i) {
    var column = data.text[name];
    if (!column) return '';
    var k = column.index ? column.index[i] : i;
    return k >= 0 ? column.values[k] : '';
  }

  function isoDay(day) {
    return new Date(day * 86400000).toISOString().slice(0, 10);
  }

  function cell(tr, value, className) {
    var td = document.createElement('td');
    if (className) td.className = className;
    td.textContent = value;
    tr.appendChild(td);
    return td;
  }

  function start(data) {
    var n = data.count, rows = [], sortKey = 'day', ascending = true, mapReady = false, picked = null;
    var search = new Array(n);
    for (var i = 0; i < n; i++) {
      rows.push(i);
      search[i] = [text(data, 'place', i), text(data, 'place_text', i), data.types[data.type[i]], typeLabel(data.types[data.type[i]]),
        text(data, 'quote', i), text(data, 'title', i), text(data, 'source', i), text(data, 'country', i),
        text(data, 'country_code', i)].join('\u0000').toLowerCase();
    }
    data.types.forEach(function (type, index) {
      var option = document.createElement('option');
      option.value = String(index);
      option.textContent = typeLabel(type);
      typeBox.appendChild(option);
    });
    var keys = {
      day: function (i) { return data.day[i]; },
      place: function (i) { return (text(data, 'place', i) || text(data, 'place_text', i)).toLowerCase(); },
      type: function (i) { return data.types[data.type[i]]; },
      fatalities: function (i) { return data.fatalities ? data.fatalities[i] : -1; },
      quote: function (i) { return text(data, 'quote', i).toLowerCase(); },
      title: function (i) { return text(data, 'title', i).toLowerCase(); }
    };

    function matching() {
      var needle = filterBox.value.trim().toLowerCase(), type = typeBox.value;
      if (!needle && type === '') return null;
      return rows.filter(function (i) {
        return (type === '' || data.type[i] === +type) && (!needle || search[i].indexOf(needle) >= 0);
      });
    }

    /* Rows the reader opened on the map come first, marked; the rest follow the filter. */
    function render() {
      var selected = matching(), shown = picked ? picked.slice() : (selected || rows.slice());
      var key = keys[sortKey];
      shown.sort(function (a, b) {
        var x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : a - b) * (ascending ? 1 : -1);
      });
      tbody.textContent = '';
      shown.slice(0, PAGE).forEach(function (i) { tbody.appendChild(row(i)); });
      var counted = t(picked ? 'report_count_picked' : selected ? 'report_count_matching' : 'report_count_all', { n: number(shown.length) });
      countLabel.textContent = shown.length > PAGE ? t('report_count_first', { k: number(PAGE), text: counted }) : counted;
      clearSelection.hidden = !picked;
      if (mapReady && !picked) post({ type: 'geomap:filter', rows: selected });
      document.querySelectorAll('#geomap-events th').forEach(function (th) {
        th.setAttribute('aria-sort', th.getAttribute('data-sort') === sortKey ? (ascending ? 'ascending' : 'descending') : 'none');
      });
    }

    function row(i) {
      var tr = document.createElement('tr'), end = data.day[i] + data.span[i];
      tr.setAttribute('data-row', String(i));
      tr.tabIndex = 0;
      if (picked) tr.className = 'picked';
      cell(tr, isoDay(data.firstDay + data.day[i]) + (end > data.day[i] ? ' \u2013 ' + isoDay(data.firstDay + end) : ''), 'nowrap');
      cell(tr, text(data, 'place', i) || text(data, 'place_text', i));
      cell(tr, typeLabel(data.types[data.type[i]]));
      cell(tr, data.fatalities && data.fatalities[i] >= 0 ? String(data.fatalities[i]) : '', 'number');
      cell(tr, text(data, 'quote', i), 'quote');
      var source = cell(tr, ''), url = text(data, 'url', i), title = text(data, 'title', i) || url;
      if (/^https?:\/\//i.test(url)) {
        var a = document.createElement('a');
        a.href = url;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        a.textContent = title;
        source.appendChild(a);
      } else {
        source.textContent = title;
      }
      if (data.reports && data.reports.count[i] > 1) reportsOf(i, source);
      function focusOnMap() {
        post({ type: 'geomap:focus', row: i });
        frame.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
      }
      tr.addEventListener('click', function (e) { if (e.target.tagName !== 'A') focusOnMap(); });
      tr.addEventListener('keydown', function (e) {
        if ((e.key === 'Enter' || e.key === ' ') && e.target === tr) { e.preventDefault(); focusOnMap(); }
      });
      return tr;
    }

    /* A merged event's reports, expandable under its source: each outlet with its link. */
    function reportsOf(i, parent) {
      var details = document.createElement('details'), summary = document.createElement('summary');
      summary.textContent = t('report_reports', { n: number(data.reports.count[i]), s: number(data.reports.outlets[i]) });
      details.appendChild(summary);
      var list = document.createElement('ul');
      (data.reports.sources[i] || []).forEach(function (pair) {
        var item = document.createElement('li');
        if (/^https?:\/\//i.test(pair[1])) {
          var a = document.createElement('a');
          a.href = pair[1];
          a.target = '_blank';
          a.rel = 'noopener noreferrer';
          a.textContent = pair[0] || pair[1];
          item.appendChild(a);
        } else {
          item.textContent = pair[0];
        }
        list.appendChild(item);
      });
      details.appendChild(list);
      details.addEventListener('click', function (e) { e.stopPropagation(); });
      parent.appendChild(details);
    }

    function post(message) {
      if (frame.contentWindow) frame.contentWindow.postMessage(message, '*');
    }

    window.addEventListener('message', function (e) {
      if (e.source === frame.contentWindow && e.data && e.data.type === 'geomap:ready') {
        mapReady = true;
        var selected = matching();
        if (selected) post({ type: 'geomap:filter', rows: selected });
        document.body.setAttribute('data-map-ready', '1');
      } else if (e.source === frame.contentWindow && e.data && e.data.type === 'geomap:selected' && Array.isArray(e.data.rows)) {
        picked = e.data.rows.filter(function (i) { return i >= 0 && i < n; });
        render();
        var first = tbody.querySelector('tr');
        if (first) first.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
      }
    });
    clearSelection.addEventListener('click', function () { picked = null; render(); });
    var timer = null;
    filterBox.addEventListener('input', function () { clearTimeout(timer); picked = null; timer = setTimeout(render, 120); });
    typeBox.addEventListener('change', function () { picked = null; render(); });
    document.querySelectorAll('#geomap-events th').forEach(function (th) {
      function sortBy() {
        var key = th.getAttribute('data-sort');
        ascending = key === sortKey ? !ascending : true;
        sortKey = key;
        render();
      }
      th.addEventListener('click', sortBy);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(); } });
    });
    render();
    document.body.setAttribute('data-table-ready', '1');
  }

  decode().then(start);
})();
