/* geomap-draw.js: how events look on the canvas: dots (hollow when only the region
 * or country is known), type-mix rings with their total fatalities, density hexagons,
 * and the screen cells (squares, hexagons) events are gathered into.
 */
(function (global) {
  'use strict';

  var geomap = global.geomap = global.geomap || {};
  var typeColor = function (name, index) { return geomap.typeColor(name, index); };
  var DENSITY = function () { return geomap.DENSITY; };

  /* Single events as dots (hollow when only the region or country is known); groups as
   * rings split by type, area growing with the count relative to the biggest in view. */
  function paintClusters(ctx, layer, clusters) {
    var ev = layer.events, types = ev.data.types, markers = 0, groups = 0, top = 1, k;
    for (k = 0; k < clusters.length; k++) if (clusters[k].members.length > 1 || clusters[k].count > 1) top = Math.max(top, clusters[k].count);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    for (k = 0; k < clusters.length; k++) {
      var cl = clusters[k];
      if (cl.members.length === 1 && cl.count === 1) {
        var i = cl.members[0], color = typeColor(types[ev.type[i]], ev.type[i]);
        cl.radius = ev.isVague(i) ? Math.max(7, ev.radius(i)) : ev.radius(i);
        ctx.beginPath();
        ctx.arc(cl.x, cl.y, cl.radius, 0, 2 * Math.PI);
        if (ev.isVague(i)) {
          ctx.fillStyle = 'rgba(255,255,255,0.55)';
          ctx.fill();
          ctx.lineWidth = 2.5;
          ctx.strokeStyle = color;
          ctx.setLineDash([3, 2]);
          ctx.stroke();
          ctx.setLineDash([]);
        } else {
          ctx.globalAlpha = 0.9;
          ctx.fillStyle = color;
          ctx.fill();
          ctx.globalAlpha = 1;
          ctx.lineWidth = 1.5;
          ctx.strokeStyle = '#ffffff';
          ctx.stroke();
        }
        markers++;
        continue;
      }
      cl.radius = 11 + 17 * Math.sqrt(cl.count / top);
      groups++;
    }
    /* Rings biggest last (on top), each fatality label only where it overlaps no other ring or label. */
    var rings = clusters.filter(function (c) { return !(c.members.length === 1 && c.count === 1); });
    rings.sort(function (a, b) { return a.count - b.count; });
    var taken = rings.map(function (c) { return [c.x - c.radius, c.y - c.radius, c.x + c.radius, c.y + c.radius]; });
    for (k = 0; k < rings.length; k++) {
      var ring = rings[k];
      ring.fatalLabel = ring.fatalities > 0 && freeBox(taken, ring, [ring.x - 20, ring.y + ring.radius + 1, ring.x + 20, ring.y + ring.radius + 14]);
      drawRing(ctx, ring, types);
    }
    layer.stats.drawnMarkers = markers;
    layer.stats.drawnClusters = groups;
  }

  function paintHexbin(ctx, layer, cells) {
    var top = 1, r = layer.options.hexPixels, k;
    for (k = 0; k < cells.length; k++) top = Math.max(top, cells[k].count);
    // square-root scale: with skewed data (a few hotspots) a log scale paints nearly every cell dark
    var scale = Math.sqrt(top);
    ctx.lineWidth = 0.6;
    ctx.strokeStyle = 'rgba(255,255,255,0.7)';
    for (k = 0; k < cells.length; k++) {
      var c = cells[k], level = scale > 0 ? Math.sqrt(c.count) / scale : 1;
      c.radius = r;
      ctx.fillStyle = DENSITY()[Math.min(DENSITY().length - 1, Math.floor(level * DENSITY().length))];
      ctx.globalAlpha = 0.85;
      ctx.beginPath();
      for (var s = 0; s < 6; s++) {
        var a = Math.PI / 3 * s + Math.PI / 6;
        ctx[s ? 'lineTo' : 'moveTo'](c.x + r * Math.cos(a), c.y + r * Math.sin(a));
      }
      ctx.closePath();
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.stroke();
    }
    layer.stats.drawnMarkers = 0;
    layer.stats.drawnClusters = cells.length;
    layer.stats.densityTop = top;
  }

  /* A ring of type shares around a white disc with the count; total fatalities under it. */
  function drawRing(ctx, cl, types) {
    var start = -Math.PI / 2, inner = cl.radius * 0.58;
    for (var t in cl.typeCount) {
      var share = cl.typeCount[t] / cl.count, end = start + share * 2 * Math.PI;
      ctx.beginPath();
      ctx.moveTo(cl.x, cl.y);
      ctx.arc(cl.x, cl.y, cl.radius, start, end);
      ctx.closePath();
      ctx.fillStyle = typeColor(types[+t], +t);
      ctx.fill();
      start = end;
    }
    ctx.beginPath();
    ctx.arc(cl.x, cl.y, cl.radius, 0, 2 * Math.PI);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#ffffff';
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(cl.x, cl.y, inner, 0, 2 * Math.PI);
    ctx.fillStyle = '#ffffff';
    ctx.fill();
    ctx.fillStyle = '#1d2329';
    ctx.font = 'bold ' + (inner > 11 ? 12 : 10) + 'px system-ui, sans-serif';
    ctx.fillText(shortCount(cl.count), cl.x, cl.y);
    if (cl.fatalLabel) {
      var label = '\u2020' + shortCount(cl.fatalities);
      ctx.font = '600 11px system-ui, sans-serif';
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeText(label, cl.x, cl.y + cl.radius + 8);
      ctx.fillStyle = '#7a0000';
      ctx.fillText(label, cl.x, cl.y + cl.radius + 8);
    }
  }

  /* True (and the box reserved) when box overlaps no reserved box but its own ring's. */
  function freeBox(taken, own, box) {
    for (var i = 0; i < taken.length; i++) {
      var b = taken[i];
      if (b[0] === own.x - own.radius && b[1] === own.y - own.radius) continue;
      if (box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]) return false;
    }
    taken.push(box);
    return true;
  }

  function shortCount(n) {
    return n >= 1e6 ? (n / 1e6).toFixed(1) + 'M' : n > 9999 ? Math.round(n / 1000) + 'k' : String(n);
  }

  /* Cell index of a screen point: squares of `cell` pixels (with a margin row/column). */
  function squareCell(cell, size) {
    var cols = Math.ceil(size.x / cell) + 2, rows = Math.ceil(size.y / cell) + 2;
    var key = function (x, y) { return (Math.floor(y / cell) + 1) * cols + Math.floor(x / cell) + 1; };
    key.cells = cols * rows;
    return key;
  }

  /* Pointy-top hexagons of radius r: offset rows, nearest centre of the two candidate rows. */
  function hexCell(r, size) {
    var w = Math.sqrt(3) * r, h = 1.5 * r;
    var cols = Math.ceil(size.x / w) + 3, rows = Math.ceil(size.y / h) + 3;
    var key = function (x, y) {
      var row = Math.floor(y / h), best = 0, bestD = Infinity;
      for (var dr = 0; dr < 2; dr++) {
        var rr = row + dr, shift = (rr & 1) ? w / 2 : 0, col = Math.round((x - shift) / w);
        var cx = col * w + shift, cy = rr * h, d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
        if (d < bestD) { bestD = d; best = (rr + 1) * cols + col + 1; }
      }
      return best;
    };
    key.center = function (k) {
      var rr = Math.floor(k / cols) - 1, col = k % cols - 1;
      return [col * w + ((rr & 1) ? w / 2 : 0), rr * h];
    };
    key.cells = cols * rows;
    return key;
  }

  geomap.draw = { paintClusters: paintClusters, paintHexbin: paintHexbin, hexCell: hexCell, squareCell: squareCell };
})(window);
