/* geomap-payload.js: data from a <script type="application/json"> element (see
 * geomap/maps/payload.py). `json` is plain JSON; `gzip+base64` is a packed
 * binary: base64(gzip(u32 header length | header JSON | columns)), where the
 * header names each numeric column as {"$": type, "o": offset, "n": length}
 * and the page views it as a typed array, with no JSON parsing of numbers.
 * The browser's own DecompressionStream inflates it.
 */
(function (global) {
  'use strict';

  var geomap = global.geomap = global.geomap || {};
  var TYPES = { u1: Uint8Array, i1: Int8Array, u2: Uint16Array, i2: Int16Array, i4: Int32Array, f8: Float64Array };
  var ALIGN = 8;

  function base64Bytes(text) {
    text = text.trim();
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
    var binary = atob(text), bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  /* One write of the whole input, not a Blob stream: a Blob goes to the browser process and back in 64 kB reads. */
  function inflate(bytes) {
    var stream = new DecompressionStream('gzip'), writer = stream.writable.getWriter();
    writer.write(bytes).catch(function () {});
    writer.close().catch(function () {});
    return new Response(stream.readable).arrayBuffer();
  }

  function unpack(buffer) {
    var size = new DataView(buffer).getUint32(0, true);
    var header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, size)));
    return columns(header, buffer, Math.ceil((4 + size) / ALIGN) * ALIGN);
  }

  /* Column references -> typed-array views; everything else as parsed. Lists (names, quotes)
   * hold no references and are not walked. */
  function columns(node, buffer, base) {
    if (!node || typeof node !== 'object' || Array.isArray(node)) return node;
    if (typeof node.$ === 'string' && TYPES.hasOwnProperty(node.$)) return new TYPES[node.$](buffer, base + node.o, node.n);
    for (var key in node) if (node.hasOwnProperty(key)) node[key] = columns(node[key], buffer, base);
    return node;
  }

  /* The data of a script element (a Promise), or of null: an empty object. */
  function decodePayload(script) {
    if (!script) return Promise.resolve({});
    var text = script.textContent;
    if (script.getAttribute('data-encoding') !== 'gzip+base64') {
      try { return Promise.resolve(JSON.parse(text)); } catch (e) { return Promise.reject(e); }
    }
    return inflate(base64Bytes(text)).then(unpack);
  }

  /* A number column as a typed array (as packed, or a list from the JSON form copied once). */
  function column(values, Type) {
    if (!values) return null;
    return ArrayBuffer.isView(values) ? values : Type.from(values);
  }

  geomap.decodePayload = decodePayload;
  geomap.column = column;
})(window);
