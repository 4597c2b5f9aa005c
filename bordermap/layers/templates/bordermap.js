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
    return L.geoJSON(data, {
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
  }
  function box(map, spec) {
    var control = L.control({ position: spec.position });
    control.onAdd = function () {
      var root = el("div", "bm-box " + (spec.css_class || ""));
      if (spec.title) { root.appendChild(el("h3", null, spec.title)); }
      (spec.sections || []).forEach(function (section) {
        if (section.heading) { root.appendChild(el("h4", null, section.heading)); }
        (section.items || []).forEach(function (item) {
          var line = el("p", item.note ? "bm-note" : null);
          if (item.swatch) {
            var key = el("span", "bm-key" + (item.round ? " bm-round" : ""));
            key.style.background = item.swatch;
            if (item.size) { key.style.width = key.style.height = item.size + "px"; }
            line.appendChild(key);
          }
          line.appendChild(document.createTextNode(item.text));
          root.appendChild(line);
        });
      });
      L.DomEvent.disableClickPropagation(root);
      L.DomEvent.disableScrollPropagation(root);
      return root;
    };
    control.addTo(map);
    return control;
  }
  return { dataLayer: dataLayer, box: box };
})();
