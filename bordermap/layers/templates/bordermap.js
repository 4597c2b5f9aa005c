// bordermap's page code: builds layers and boxes from JSON data.
// Text from articles is only ever put in the DOM with textContent.
var bordermap = (function () {
  "use strict";
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function popup(props, opts) {
    var root = el("div", "bm-popup");
    if (opts.title_field && props[opts.title_field]) {
      root.appendChild(el("h4", null, props[opts.title_field]));
    }
    var table = el("table");
    opts.fields.forEach(function (field) {
      var value = props[field[1]];
      if (value === null || value === undefined || value === "") { return; }
      var row = el("tr");
      row.appendChild(el("th", null, field[0]));
      row.appendChild(el("td", null, value));
      table.appendChild(row);
    });
    root.appendChild(table);
    if (opts.quote_field && props[opts.quote_field]) {
      root.appendChild(el("blockquote", null, props[opts.quote_field]));
    }
    var url = opts.link_field ? props[opts.link_field] : null;
    if (typeof url === "string" && /^https?:\/\//i.test(url)) {
      var link = el("a", null, "Open the article");
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      root.appendChild(link);
    }
    return root;
  }
  function dataLayer(data, opts) {
    function style(feature) {
      var s = Object.assign({}, opts.style || {});
      return Object.assign(s, (feature.properties || {})._style || {});
    }
    var layer = L.geoJSON(data, {
      pointToLayer: function (feature, latlng) { return L.circleMarker(latlng, style(feature)); },
      style: style,
      interactive: Boolean(opts.fields || opts.tooltip_field),
      onEachFeature: function (feature, layer) {
        var props = feature.properties || {};
        if (opts.fields) {
          layer.bindPopup(function () { return popup(props, opts); }, { maxWidth: 360 });
        }
        if (opts.tooltip_field && props[opts.tooltip_field] !== undefined) {
          layer.bindTooltip(function () { return el("span", null, props[opts.tooltip_field]); },
                            { sticky: true });
        }
      }
    });
    layer.bmData = data;
    return layer;
  }
  // One sprite over the buffer at device pixel (x0, y0): its opaque pixels are
  // copied, its anti-aliased rim is blended ("source over", premultiplied).
  function stamp(out, out32, w, h, sprite, x0, y0) {
    var k, x, y, pm = sprite.pm, size = sprite.size;
    if (sprite.width !== w) {  // pixel offsets in a buffer this wide
      sprite.width = w;
      sprite.solidAt = sprite.solid.map(function (q) { return ((q / size) | 0) * w + q % size; });
      sprite.rimAt = sprite.rim.map(function (q) { return ((q / size) | 0) * w + q % size; });
    }
    var base = y0 * w + x0;
    if (x0 >= 0 && y0 >= 0 && x0 + size <= w && y0 + size <= h) {
      for (k = 0; k < sprite.solidAt.length; k += 1) { out32[base + sprite.solidAt[k]] = sprite.colour[k]; }
      for (k = 0; k < sprite.rimAt.length; k += 1) {
        over(out, 4 * (base + sprite.rimAt[k]), pm, 4 * sprite.rim[k]);
      }
      return;
    }
    // at the canvas edge: every pixel checked
    for (k = 0; k < sprite.solid.length + sprite.rim.length; k += 1) {
      var solid = k < sprite.solid.length, q = solid ? sprite.solid[k] : sprite.rim[k - sprite.solid.length];
      x = x0 + q % size; y = y0 + ((q / size) | 0);
      if (x < 0 || x >= w || y < 0 || y >= h) { continue; }
      if (solid) { out32[y * w + x] = sprite.colour[k]; continue; }
      over(out, 4 * (y * w + x), pm, 4 * q);
    }
  }
  // Premultiplied pixel p of a sprite over pixel o of the buffer.
  function over(out, o, pm, p) {
    var keep = (255 - pm[p + 3]) / 255;
    out[o] = pm[p] + out[o] * keep; out[o + 1] = pm[p + 1] + out[o + 1] * keep;
    out[o + 2] = pm[p + 2] + out[o + 2] * keep; out[o + 3] = pm[p + 3] + out[o + 3] * keep;
  }
  // ImageData holds straight (not premultiplied) colour.
  function unpremultiply(out) {
    for (var o = 0; o < out.length; o += 4) {
      var a = out[o + 3];
      if (a === 0 || a === 255) { continue; }
      out[o] = out[o] * 255 / a; out[o + 1] = out[o + 1] * 255 / a;
      out[o + 2] = out[o + 2] * 255 / a;
    }
  }
  // Incidents from columns, drawn straight onto one canvas (no object per
  // marker); a click finds the nearest marker and builds its popup then.
  var PointCanvas = L.Layer.extend({
    initialize: function (data, opts, textId) {
      this.bmData = data;
      this._textId = textId;
      this._opts = opts;
      this._keep = null;
      this._xy = new Float32Array(2 * data.n);
      this._drawn = new Int32Array(data.n);
      this._count = 0;
    },
    onAdd: function (map) {
      var pane = map.getPane("bmPoints") || map.createPane("bmPoints");
      pane.style.zIndex = 450;  // above the polygons, below popups and tooltips
      pane.style.pointerEvents = "none";
      this._canvas = L.DomUtil.create("canvas", "bm-points leaflet-zoom-hide", pane);
      map.on("moveend zoomend resize viewreset", this._schedule, this);
      map.on("click", this._click, this);
      this._schedule();
    },
    // several view changes in a row (fitBounds: viewreset, zoomend, moveend)
    // make one redraw, at the next frame
    _schedule: function () {
      if (this._pending) { return; }
      this._pending = true;
      var self = this;
      L.Util.requestAnimFrame(function () {
        self._pending = false;
        if (self._map) { self._redraw(); }
      });
    },
    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend zoomend resize viewreset", this._schedule, this);
      map.off("click", this._click, this);
    },
    _redraw: function () {
      var map = this._map, data = this.bmData, size = map.getSize();
      var ratio = window.devicePixelRatio || 1, canvas = this._canvas;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      var ctx = canvas.getContext("2d");
      var n = 0, byType = {};
      for (var i = 0; i < data.n; i += 1) {
        if (this._keep && !this._keep(i)) { continue; }
        var p = map.latLngToContainerPoint([data.lat[i], data.lon[i]]);
        this._xy[2 * i] = p.x;
        this._xy[2 * i + 1] = p.y;
        this._drawn[n] = i;
        n += 1;
        if (p.x < -10 || p.y < -10 || p.x > size.x + 10 || p.y > size.y + 10) { continue; }
        (byType[data.type[i]] = byType[data.type[i]] || []).push(i);
      }
      this._count = n;
      // one small image per marker kind, its pixels stamped at each point into
      // one buffer (premultiplied alpha, "source over"), put on the canvas once:
      // a hundred thousand drawImage calls cost ten times more without a GPU
      var w = canvas.width, h = canvas.height, image = ctx.createImageData(w, h);
      var out = image.data, out32 = new Uint32Array(out.buffer);
      var last = new Int32Array(w * h);  // the sprite last stamped at each corner
      Object.keys(byType).forEach(function (t) {
        [0, 1].forEach(function (total) {
          var sprite = this._sprite(data.colors[t], total ? 8 : 6, ratio), list = byType[t];
          for (var q = 0; q < list.length; q += 1) {
            var j = list[q];
            if (data.total[j] !== total) { continue; }
            var x0 = Math.round((this._xy[2 * j] - sprite.half) * ratio);
            var y0 = Math.round((this._xy[2 * j + 1] - sprite.half) * ratio);
            var corner = x0 >= 0 && y0 >= 0 && x0 < w && y0 < h ? y0 * w + x0 : -1;
            // the same opaque marker again on the same pixel changes nothing
            if (corner >= 0 && last[corner] === sprite.id) { continue; }
            if (corner >= 0) { last[corner] = sprite.id; }
            stamp(out, out32, w, h, sprite, x0, y0);
          }
        }, this);
      }, this);
      if (data.rev) {  // a reviewer changed or checked it: a small dark badge
        var badge = this._sprite("#111", 3, ratio);
        for (var r = 0; r < n; r += 1) {
          var b = this._drawn[r];
          if (!data.rev[b]) { continue; }
          var off = (data.total[b] ? 8 : 6) - 2;
          stamp(out, out32, w, h, badge,
                Math.round((this._xy[2 * b] + off - badge.half) * ratio),
                Math.round((this._xy[2 * b + 1] - off - badge.half) * ratio));
        }
      }
      unpremultiply(out);
      ctx.putImageData(image, 0, 0);
    },
    _sprite: function (color, radius, ratio) {
      var key = color + radius + "@" + ratio;
      this._sprites = this._sprites || {};
      if (!this._sprites[key]) {
        var half = radius + 1, canvas = document.createElement("canvas");
        canvas.width = canvas.height = Math.ceil(2 * half * ratio);
        var c = canvas.getContext("2d");
        c.scale(ratio, ratio);
        c.beginPath();
        c.arc(half, half, radius, 0, 2 * Math.PI);
        c.fillStyle = color;
        c.fill();
        c.globalAlpha = 0.9;
        c.lineWidth = 1;
        c.strokeStyle = "#222";
        c.stroke();
        var size = canvas.width, px = c.getImageData(0, 0, size, size).data;
        var px32 = new Uint32Array(px.buffer), pm = new Uint8ClampedArray(px.length);
        var solid = [], colour = [], rim = [];
        for (var p = 0; p < size * size; p += 1) {
          var a = px[4 * p + 3];
          pm[4 * p] = px[4 * p] * a / 255; pm[4 * p + 1] = px[4 * p + 1] * a / 255;
          pm[4 * p + 2] = px[4 * p + 2] * a / 255; pm[4 * p + 3] = a;
          if (a === 255) { solid.push(p); colour.push(px32[p]); } else if (a > 0) { rim.push(p); }
        }
        this._sprites[key] = {
          id: Object.keys(this._sprites).length + 1, half: half, size: size, pm: pm,
          solid: new Int32Array(solid), colour: new Uint32Array(colour), rim: new Int32Array(rim)
        };
      }
      return this._sprites[key];
    },
    _click: function (e) {
      // within 10 px of a mouse click; a finger is wider: 24 px of a tap
      var oe = e.originalEvent || {}, touch = oe.pointerType === "touch" || (
        window.matchMedia && window.matchMedia("(pointer: coarse)").matches);
      var best = -1, bestD = touch ? 576 : 100;
      for (var k = 0; k < this._count; k += 1) {
        var i = this._drawn[k];
        var dx = this._xy[2 * i] - e.containerPoint.x, dy = this._xy[2 * i + 1] - e.containerPoint.y;
        var d = dx * dx + dy * dy;
        if (d < bestD) { best = i; bestD = d; }
      }
      if (best >= 0) { this.bmOpen(best); }
    },
    bmCount: function () { return this._count; },
    bmShow: function (keep) {
      this._keep = keep;
      if (this._map) { this._redraw(); }  // now: the filter's count is read at once
      this.fire("bmfilter");
      return this;
    },
    bmText: function () {
      var data = this.bmData;
      if (!data.text) {
        var block = JSON.parse(document.getElementById(this._textId).textContent);
        data.strings = block.strings;
        data.text = block.text;
      }
      return data;
    },
    bmProps: function (i) {
      var data = this.bmText(), props = {};
      Object.keys(data.text).forEach(function (column) {
        var col = data.text[column], k = typeof col === "number" ? col : col[i];
        props[column] = k >= 0 ? data.strings[k] : null;
      });
      return props;
    },
    bmKept: function (i) { return !this._keep || this._keep(i); },
    bmOpen: function (i) {
      var data = this.bmData;
      return L.popup({ maxWidth: 360 }).setLatLng([data.lat[i], data.lon[i]])
        .setContent(popup(this.bmProps(i), this._opts)).openOn(this._map);
    }
  });
  function markerLayer(data, opts, textId) { return new PointCanvas(data, opts, textId); }
  // Date filter: markers, province colours and displacement circles follow it.
  function timeFilter(map, incidents, provinces, displacement, spec, figures) {
    var data = incidents.bmData;
    function classColor(value) {
      var k = 0;
      spec.bins.forEach(function (b) { if (value >= b) { k += 1; } });
      return spec.colors[k];
    }
    function day(iso) { return iso ? Math.round(Date.parse(iso) / 86400000) : null; }
    function apply(from, to) {
      var ranged = Boolean(from || to), lo = day(from), hi = day(to);
      function keep(i) {
        var d = data.day[i];
        if (!ranged) { return true; }
        if (d < 0) { return false; }
        return (lo === null || d >= lo) && (hi === null || d <= hi);
      }
      if (ranged || incidents._keep) { incidents.bmShow(ranged ? keep : null); }
      var hurt = {}, moved = {}, reports = {}, shown = 0;
      for (var i = 0; i < data.n; i += 1) {
        if (!keep(i)) { continue; }
        shown += 1;
        if (!data.e[i] || data.adm1[i] < 0) { continue; }
        var code = data.provinces[data.adm1[i]];
        if (data.dr[i]) { reports[code] = (reports[code] || 0) + 1; }
        hurt[code] = (hurt[code] || 0) + data.k[i] + data.w[i];
        moved[code] = (moved[code] || 0) + data.d[i];
      }
      provinces.eachLayer(function (l) {
        l.setStyle({ fillColor: classColor(hurt[l.feature.properties.adm1_iso] || 0) });
      });
      displacement.eachLayer(function (l) {
        var code = l.feature.properties.adm1_iso, people = moved[code] || 0;
        var seen = (reports[code] || 0) > 0;
        l.setRadius(people ? Math.max(spec.min_radius, spec.scale * Math.sqrt(people))
                           : spec.min_radius);
        l.setStyle({ opacity: seen ? 1 : 0, fillOpacity: seen && people ? 0.35 : 0 });
      });
      if (figures && figures.bmTolls) { figures.bmTolls.asOf(to ? hi : null); }
      status.textContent = (ranged ? "Showing " + shown + " of " + data.n +
        " located incidents. Province colours and displacement circles follow these dates; " +
        "undated incidents are hidden." : "All " + data.n + " located incidents, all dates.");
    }
    var control = L.control({ position: spec.position || "topleft" });
    var status = el("p", "bm-note");
    control.onAdd = function () {
      var root = el("div", "bm-box bm-time");
      root.appendChild(el("h4", null, "Dates"));
      var from = el("input"), to = el("input"), reset = el("button", null, "All dates");
      [from, to].forEach(function (input) {
        input.type = "date";
        if (spec.min) { input.min = spec.min; }
        if (spec.max) { input.max = spec.max; }
      });
      from.className = "bm-from";
      to.className = "bm-to";
      reset.type = "button";
      function update() { apply(from.value, to.value); }
      from.addEventListener("change", update);
      to.addEventListener("change", update);
      reset.addEventListener("click", function () { from.value = ""; to.value = ""; update(); });
      var row = el("p");
      row.appendChild(from);
      row.appendChild(document.createTextNode(" to "));
      row.appendChild(to);
      row.appendChild(document.createTextNode(" "));
      row.appendChild(reset);
      root.appendChild(row);
      root.appendChild(status);
      L.DomEvent.disableClickPropagation(root);
      L.DomEvent.disableScrollPropagation(root);
      return root;
    };
    control.addTo(map);
    apply("", "");
    return { control: control, apply: apply };
  }
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  var DASHES = ["", "5 3", "2 2", "8 3 2 3", "1 3"];
  // Each group's running total as a step line (log scale), with a key below.
  function drawTolls(chart, keys, data, shown, seen) {
    chart.textContent = "";
    keys.textContent = "";
    var pts = [];
    shown.forEach(function (g) {
      seen[g].forEach(function (r) { if (r.day >= 0 && r.best > 0) { pts.push(r); } });
    });
    chart.setAttribute("aria-label", "Running totals over time, one line per kind, side and claimant");
    if (!pts.length) { return; }
    var d0 = Math.min.apply(null, pts.map(function (r) { return r.day; }));
    var d1 = Math.max.apply(null, pts.map(function (r) { return r.day; }));
    var top = Math.max.apply(null, pts.map(function (r) { return r.best; })) || 1;
    function x(d) { return 34 + (d1 > d0 ? (d - d0) / (d1 - d0) : 0.5) * 236; }
    // killed in tens, displaced in hundreds of thousands: a log scale shows both
    function y(v) { return 112 - (top > 1 ? Math.log(v) / Math.log(top) : 1) * 100; }
    chart.appendChild(svg("line", { x1: 34, y1: 112, x2: 270, y2: 112, stroke: "#888" }));
    chart.appendChild(svg("line", { x1: 34, y1: 12, x2: 34, y2: 112, stroke: "#888" }));
    var short = top >= 1e6 ? (top / 1e6).toFixed(1) + "M" : top >= 1e4 ? Math.round(top / 1e3) + "k" : String(top);
    [[short, 34 - 3, 16, "end"], ["1", 34 - 3, 115, "end"],
     ["log scale", 270, 10, "end"],
     [pts.reduce(function (a, r) { return r.day === d0 ? r.date : a; }, ""), 34, 126, "start"],
     [pts.reduce(function (a, r) { return r.day === d1 ? r.date : a; }, ""), 270, 126, "end"]
    ].forEach(function (t) {
      var label = svg("text", { x: t[1], y: t[2], "text-anchor": t[3], "font-size": 9, fill: "#333" });
      label.textContent = t[0];
      chart.appendChild(label);
    });
    shown.forEach(function (g) {
      var series = seen[g].filter(function (r) { return r.day >= 0 && r.best > 0; });
      if (!series.length) { return; }
      var path = "M" + x(series[0].day) + " " + y(series[0].best);
      series.slice(1).forEach(function (r) { path += " H" + x(r.day) + " V" + y(r.best); });
      path += " H" + (x(series[series.length - 1].day) + 4);
      // a group keeps its dash whatever the dates hide (and as on the image)
      var r0 = series[0], colour = data.colors[r0.kind] || "#333";
      var dash = DASHES[data.groups.indexOf(g) % DASHES.length];
      var line = svg("path", { d: path, fill: "none", stroke: colour, "stroke-width": 1.8,
                               "stroke-dasharray": dash, "class": "bm-toll-line" });
      var tip = svg("title");
      tip.textContent = r0.kind_label + " · " + r0.side + " · " + r0.claimant;
      line.appendChild(tip);
      chart.appendChild(line);
      var key = el("p", "bm-note"), swatch = svg("svg", { width: 22, height: 8 });
      swatch.appendChild(svg("line", { x1: 0, y1: 4, x2: 22, y2: 4, stroke: colour,
                                       "stroke-width": 2, "stroke-dasharray": dash }));
      key.appendChild(swatch);
      key.appendChild(document.createTextNode(" " + tip.textContent));
      keys.appendChild(key);
    });
  }
  // The latest reported totals (one line per kind x side x claimant, as of a
  // day), the range across claimants, and each group's running total drawn as
  // a step line. Claims are never added up or replaced by another's.
  function tollsView(data) {
    var root = el("div", "bm-tolls"), head = el("h4", null, "Latest reported totals");
    var note = el("p", "bm-note"), rows = el("div", "bm-latest");
    var chart = svg("svg", { "class": "bm-toll-chart", width: 280, height: 130,
                             viewBox: "0 0 280 130", role: "img" });
    var keys = el("div", "bm-toll-keys");
    [head, note, rows].forEach(function (n) { root.appendChild(n); });
    root.appendChild(chart);
    root.appendChild(keys);
    var order = data.groups;
    function asOf(last) {
      var latest = {}, seen = {}, counts = {};
      data.reports.forEach(function (r) {
        if (last !== null && last !== undefined && r.day > last) { return; }
        latest[r.group] = r;
        counts[r.group] = (counts[r.group] || 0) + 1;
        seen[r.group] = (seen[r.group] || []).concat([r]);
      });
      rows.textContent = "";
      var shown = order.filter(function (g) { return latest[g]; });
      shown.forEach(function (g) {
        var r = latest[g], line = el("p");
        line.appendChild(el("strong", null, r.kind_label + " · " + r.side + " · " + r.claimant));
        line.appendChild(document.createTextNode(": " + r.label + (r.date ? ", as of " + r.date : "") +
          " (" + counts[g] + " report" + (counts[g] === 1 ? "" : "s") + ")"));
        rows.appendChild(line);
      });
      var bySide = {};
      shown.forEach(function (g) {
        var r = latest[g], k = r.kind_label + ", " + r.side;
        (bySide[k] = bySide[k] || []).push(r);
      });
      Object.keys(bySide).forEach(function (k) {
        var words = k.charAt(0).toLowerCase() + k.slice(1);  // "killed, Thailand"
        var list = bySide[k].filter(function (r) { return r.best !== null; });
        if (list.length < 2) { return; }
        list.sort(function (a, b) { return a.best - b.best; });
        var lo = list[0], hi = list[list.length - 1];
        rows.appendChild(el("p", "bm-note", "Range, " + words + ": " + lo.best +
          " (" + lo.claimant + (lo.date ? ", " + lo.date : "") + ") … " + hi.best + " (" +
          hi.claimant + (hi.date ? ", " + hi.date : "") + "); not added up"));
      });
      note.textContent = "Each claimant's newest figure, side by side" +
        (last === null || last === undefined ? "." : ", as of the end of the chosen dates.");
      drawTolls(chart, keys, data, shown, seen);
    }
    asOf(null);
    return { node: root, asOf: asOf, groups: order.length };
  }
  function box(map, spec) {
    var control = L.control({ position: spec.position });
    control.onAdd = function () {
      var root = el("div", "bm-box " + (spec.css_class || ""));
      if (spec.title) { root.appendChild(el("h3", null, spec.title)); }
      var list = root;
      if (spec.tolls) {
        // the latest figures first; every report behind a switch
        control.bmTolls = tollsView(spec.tolls);
        root.appendChild(control.bmTolls.node);
        var more = el("button", "bm-history-toggle",
                      "History: every report (" + spec.tolls.reports.length + " totals)");
        more.type = "button";
        more.setAttribute("aria-expanded", "false");
        list = el("div", "bm-history");
        list.hidden = true;
        more.addEventListener("click", function () {
          list.hidden = !list.hidden;
          more.setAttribute("aria-expanded", String(!list.hidden));
        });
        root.appendChild(more);
        root.appendChild(list);
      }
      (spec.sections || []).forEach(function (section) {
        if (section.heading) { list.appendChild(el("h4", null, section.heading)); }
        (section.items || []).forEach(function (item) {
          var line = el("p", item.note ? "bm-note" : null);
          if (item.swatch) {
            var key = el("span", "bm-key" + (item.round ? " bm-round" : ""));
            key.style.background = item.swatch;
            if (item.size) { key.style.width = key.style.height = item.size + "px"; }
            line.appendChild(key);
          }
          line.appendChild(document.createTextNode(item.text));
          list.appendChild(line);
        });
      });
      L.DomEvent.disableClickPropagation(root);
      L.DomEvent.disableScrollPropagation(root);
      return root;
    };
    control.addTo(map);
    return control;
  }
  // The located incidents as a table (date, type, place, figures), so that
  // the map's content is not locked in a canvas; the date filter applies.
  function incidentList(markers) {
    var root = el("div", "bm-box bm-list"), page = 50, shown = page, built = false;
    root.appendChild(el("h3", null, "Incidents on the map"));
    var note = el("p", "bm-note"), table = el("table"), more = el("button", "bm-more");
    var head = el("tr");
    ["Date", "Type", "Place", "Killed", "Wounded", "Displaced", ""].forEach(function (h) {
      var th = el("th", null, h);
      th.scope = "col";
      head.appendChild(th);
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    more.type = "button";
    root.appendChild(note);
    root.appendChild(table);
    root.appendChild(more);
    function figure(text) { return text ? String(text).split(" (low ")[0] : ""; }
    function render() {
      built = true;
      var data = markers.bmData, order = [];
      for (var i = 0; i < data.n; i += 1) { if (markers.bmKept(i)) { order.push(i); } }
      order.sort(function (a, b) {
        var da = data.day[a] < 0 ? Infinity : data.day[a], db = data.day[b] < 0 ? Infinity : data.day[b];
        return da - db || a - b;
      });
      body.textContent = "";
      order.slice(0, shown).forEach(function (i) {
        var p = markers.bmProps(i), row = el("tr");
        [[p.date_label, ""], [p.type_label, ""], [p.place_label, ""],
         [figure(p.killed_label), "Killed"], [figure(p.wounded_label), "Wounded"],
         [figure(p.displaced_label), "Displaced"]].forEach(function (cell) {
          var td = row.appendChild(el("td", null, cell[0] || ""));
          if (cell[1]) { td.setAttribute("data-label", cell[1]); }
        });
        var go = el("button", null, "Show");
        go.type = "button";
        go.setAttribute("aria-label", "Show on the map: " + (p.type_label || "") + ", " + (p.date_label || ""));
        go.addEventListener("click", function () {
          markers._map.setView([data.lat[i], data.lon[i]], Math.max(markers._map.getZoom(), 9));
          markers.bmOpen(i);
        });
        row.appendChild(el("td")).appendChild(go);
        body.appendChild(row);
      });
      note.textContent = order.length + " located incident" + (order.length === 1 ? "" : "s") +
        " by date" + (order.length > shown ? "; the first " + shown + " shown." : ".");
      more.hidden = order.length <= shown;
      more.textContent = "Show " + Math.min(page, order.length - shown) + " more";
    }
    more.addEventListener("click", function () { shown += page; render(); });
    markers.on("bmfilter", function () { if (built && !root.hidden) { shown = page; render(); } });
    root.bmRender = render;
    return root;
  }
  function container(part) {
    return part.getContainer ? part.getContainer() : part.control.getContainer();
  }
  // Every box, Leaflet's own controls included, goes into one overlay laid out
  // with flex rows and columns, so no two boxes can overlap at any size: a head
  // (title, panel buttons), two columns of panels that scroll inside
  // themselves, and a foot (scale bar, attribution). Below spec.compact the
  // panels fold behind their buttons, one open at a time.
  // One panel: its node (a control's, or the incident list) made a labelled,
  // scrollable region, its button in the toolbar, and its copy for print.
  function makePanel(part, markers, base, toolbar, print) {
    var opts = part[1], node = part[0] === "list" ? incidentList(markers) : container(part[0]);
    if (opts.print) {
      var copy = print.appendChild(node.cloneNode(true));
      copy.className = "bm-box bm-printed";
      copy.setAttribute("aria-hidden", "true");  // on paper only: not read twice
    }
    node.id = base + "-" + opts.key;
    node.classList.add("bm-panel");
    node.setAttribute("role", "region");
    node.setAttribute("aria-label", opts.name);
    node.tabIndex = 0;  // a panel that scrolls can be scrolled with the keyboard
    node.style.flexShrink = String(opts.shrink);
    if (opts.key === "layers" && !node.querySelector("h4")) {
      node.insertBefore(el("h4", null, "Layers"), node.firstChild);
    }
    var button = el("button", "bm-toggle", opts.name);
    button.type = "button";
    button.setAttribute("aria-controls", node.id);
    toolbar.appendChild(button);
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
    return { node: node, button: button, opts: opts, open: opts.open };
  }
  // The foot row: the scale bar, and the attribution with a button that shows
  // it whole when it is folded to one line.
  function makeFoot(map, root, foot) {
    var scale = root.querySelector(".leaflet-control-scale");
    if (scale) { foot.appendChild(scale); }
    var attribution = map.attributionControl ? map.attributionControl.getContainer() : null;
    if (!attribution) { return; }
    attribution.id = root.id + "-sources";
    foot.appendChild(attribution);
    var sources = el("button", "bm-box bm-attr-toggle", "Sources");
    sources.type = "button";
    sources.setAttribute("aria-controls", attribution.id);
    sources.setAttribute("aria-expanded", "false");
    sources.setAttribute("aria-label", "Data sources and licences");
    sources.addEventListener("click", function () {
      var open = !foot.classList.contains("bm-attr-open");
      foot.classList.toggle("bm-attr-open", open);
      sources.setAttribute("aria-expanded", String(open));
    });
    foot.appendChild(sources);
  }
  // Popup options that fit the free part of the map, panned clear of the boxes.
  function popupFit(map, rows, compact) {
    var size = map.getSize(), top = rows.head.offsetHeight + 16;
    var bottom = rows.foot.offsetHeight + 16;
    var lw = rows.left.offsetWidth + 16, rw = compact ? 8 : rows.right.offsetWidth + 16;
    // the content's width: the popup adds about 46 px of margins and rim
    return {
      maxWidth: Math.max(120, Math.min(360, size.x - lw - rw - 60)),
      minWidth: Math.min(150, size.x - lw - rw - 60),
      maxHeight: Math.max(120, size.y - top - bottom - 40),
      autoPanPaddingTopLeft: [lw, top],
      autoPanPaddingBottomRight: [rw, bottom]
    };
  }
  function layout(map, parts, spec) {
    var root = map.getContainer(), state = { compact: null };
    var ui = el("div", "bm-ui"), toolbar = el("div", "bm-box bm-toolbar");
    var rows = { head: el("div", "bm-head"), middle: el("div", "bm-middle"),
                 left: el("div", "bm-col bm-left"), right: el("div", "bm-col bm-right"),
                 foot: el("div", "bm-foot") };
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Map panels");
    rows.middle.appendChild(rows.left);
    rows.middle.appendChild(rows.right);
    [rows.head, rows.middle, rows.foot].forEach(function (n) { ui.appendChild(n); });
    rows.head.appendChild(container(parts.title));
    rows.head.appendChild(toolbar);
    if (map.zoomControl) { rows.left.appendChild(map.zoomControl.getContainer()); }
    // printed below the map: copies of the legend and of the figures on no province
    var print = el("div", "bm-print");
    var panels = parts.panels.map(function (part) {
      var panel = makePanel(part, parts.markers, root.id, toolbar, print);
      panel.button.addEventListener("click", function () { toggle(panel, !panel.open); });
      return panel;
    });
    makeFoot(map, root, rows.foot);
    [rows.head, rows.foot].forEach(function (n) {
      L.DomEvent.disableClickPropagation(n);
      L.DomEvent.disableScrollPropagation(n);
    });
    root.insertBefore(ui, root.firstChild);  // first in the Tab order, above the map
    if (print.childNodes.length) { root.parentNode.insertBefore(print, root.nextSibling); }
    function show() {
      panels.forEach(function (p) {
        (state.compact || p.opts.side === "right" ? rows.right : rows.left).appendChild(p.node);
        p.node.hidden = !p.open;
        p.button.setAttribute("aria-expanded", String(p.open));
        if (p.open && p.node.bmRender) { p.node.bmRender(); }
      });
    }
    function toggle(panel, open) {
      if (open && state.compact) { panels.forEach(function (p) { p.open = false; }); }
      panel.open = open;
      show();
    }
    function fit() {
      var size = map.getSize(), compact = size.x < spec.compact[0] || size.y < spec.compact[1];
      if (compact === state.compact) { return; }
      state.compact = compact;
      root.classList.toggle("bm-compact", compact);
      panels.forEach(function (p) { p.open = !compact && p.opts.open; });
      rows.foot.classList.remove("bm-attr-open");
      show();
    }
    map.on("popupopen", function (e) {
      if (state.compact) { panels.forEach(function (p) { p.open = false; }); show(); }
      L.setOptions(e.popup, popupFit(map, rows, state.compact));
      e.popup.update();
    });
    ui.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || !state.compact) { return; }
      panels.forEach(function (p) {
        if (p.open) { toggle(p, false); p.button.focus(); }
      });
    });
    map.on("resize", fit);
    // the print stylesheet gives the map another height: keep its centre
    window.addEventListener("beforeprint", function () { map.invalidateSize(); });
    window.addEventListener("afterprint", function () { map.invalidateSize(); });
    if (window.ResizeObserver) {
      new ResizeObserver(function () { map.invalidateSize({ pan: false }); fit(); }).observe(root);
    }
    fit();
    return { fit: fit, panels: panels, toggle: toggle };
  }
  return {
    dataLayer: dataLayer, markerLayer: markerLayer, box: box, timeFilter: timeFilter,
    layout: layout
  };
})();
