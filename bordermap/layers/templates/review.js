// bordermap's review page: one row per incident, a reviewer's decisions kept
// as corrections-file rows. Article text reaches the DOM only via textContent.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("rv-data").textContent);
  var KINDS = ["killed", "wounded", "displaced"];
  var BOUNDS = ["low", "best", "high"];
  var FORMULA = /^[=+\-@\t\r]/;
  var rows = [];      // every incident row, articles in input order
  var orphans = [];   // decisions that found no incident: kept, shown, saved
  var byKey = {};     // article key, id or url -> article view

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function norm(text) { return String(text || "").split(/\s+/).filter(Boolean).join(" "); }
  function now() { return new Date().toISOString().slice(0, 19) + "Z"; }
  function reviewer() { return document.getElementById("rv-reviewer").value.trim(); }
  function say(text) { document.getElementById("rv-message").textContent = text; }

  // ------------------------------------------------------------ checking values
  function problem(field, value) {
    var v = String(value).trim();
    if (v === "") { return ""; }
    if (/_(low|best|high)$/.test(field) && !/^\d+$/.test(v.replace(/,/g, ""))) {
      return "a count is a whole number, 0 or more";
    }
    if (field === "date") {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      var d = m && new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
      if (!d || d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) {
        return "write the date as YYYY-MM-DD";
      }
    }
    if (field === "country" && !/^[A-Za-z]{3}$/.test(v)) {
      return "an ISO 3166-1 alpha-3 code, e.g. THA";
    }
    return "";
  }

  // ------------------------------------------------------------ the model
  function makeRow(view, inc, added) {
    var values = {};
    DATA.fields.forEach(function (f) { values[f] = inc ? inc.values[f] : ""; });
    if (!inc) { values.event_type = "other"; values.scope = "event"; }
    var row = {
      view: view, inc: inc, added: added || null,
      quote: inc ? inc.quote : added.quote,
      type: inc ? inc.values.event_type : "",
      id: inc ? inc.id : "",
      orig: JSON.parse(JSON.stringify(values)), values: values,
      status: added ? "add" : "", made: {}, note: "", controls: {}
    };
    if (added) { row.made.add = { reviewer: added.reviewer, time: added.time }; }
    rows.push(row);
    view.rows.push(row);
    return row;
  }
  function reviewed(row) {
    return row.status !== "" || DATA.fields.some(function (f) { return row.values[f] !== row.orig[f]; });
  }
  function findRow(view, d) {
    var quote = norm(d.quote);
    var own = view.rows.filter(function (r) { return !r.added; });
    if (d.action === "add" || (!d.type && quote)) {
      var added = view.rows.filter(function (r) { return r.added && norm(r.quote) === quote; });
      if (added.length) { return added[0]; }
      if (d.action === "add") { return null; }
    }
    function pick(found) {
      var typed = found.filter(function (r) { return r.type === d.type; });
      if (!typed.length) { typed = found; }
      var same = typed.filter(function (r) { return r.id === d.incident; });
      return (same.length ? same : typed)[0] || null;
    }
    var same = own.filter(function (r) { return norm(r.quote) === quote; });
    if (same.length) { return pick(same); }
    if (quote.length < 12) { return null; }
    return pick(own.filter(function (r) {
      var q = norm(r.quote);
      return q && (q.indexOf(quote) >= 0 || quote.indexOf(q) >= 0);
    }));
  }
  function applyDecision(d) {
    var view = byKey[d.article];
    var row = view ? findRow(view, d) : null;
    if (view && !row && d.action === "add") {
      row = makeRow(view, null, { quote: d.quote, reviewer: d.reviewer, time: d.time });
      if (view.list) { drawRow(row); }
    }
    if (!row) { orphans.push(d); return false; }
    if (d.action === "keep" || d.action === "drop") {
      row.status = d.action;
      row.made.status = { reviewer: d.reviewer, time: d.time };
    } else if (d.action === "set" && DATA.fields.indexOf(d.field) >= 0) {
      row.values[d.field] = d.new;
      row.made[d.field] = { reviewer: d.reviewer, time: d.time };
    }
    if (d.note) { row.note = d.note; }
    return true;
  }

  // ------------------------------------------------------------ corrections out
  function decisionsOf(row) {
    var base = {
      article: row.view.data.key, quote: row.quote, type: row.added ? "" : row.type,
      incident: row.id, action: "", field: "", old: "", "new": "", note: row.note
    };
    function made(what, extra) {
      var m = row.made[what] || {};
      return Object.assign({}, base, extra, {
        reviewer: m.reviewer !== undefined ? m.reviewer : reviewer(),
        time: m.time || now()
      });
    }
    var out = [];
    if (row.added) { out.push(made("add", { action: "add" })); }
    else if (row.status) { out.push(made("status", { action: row.status })); }
    if (row.status === "drop") { return out; }
    DATA.fields.forEach(function (f) {
      if (row.values[f] !== row.orig[f]) {
        out.push(made(f, { action: "set", field: f, old: row.orig[f], "new": row.values[f] }));
      }
    });
    if (!out.length && row.note) { out.push(made("status", { action: "keep" })); }
    return out;
  }
  function allDecisions() {
    var out = [];
    rows.forEach(function (row) { out = out.concat(decisionsOf(row)); });
    return out.concat(orphans);
  }
  function cell(value) {
    var text = String(value === undefined || value === null ? "" : value);
    if (FORMULA.test(text)) { text = "'" + text; }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }
  function toCsv(decisions) {
    var lines = [DATA.columns.join(",")];
    decisions.forEach(function (d) {
      lines.push(DATA.columns.map(function (c) { return cell(d[c]); }).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }
  function unsaved() { return toCsv(allDecisions().map(timeless)) !== savedAs; }
  function timeless(d) { return Object.assign({}, d, { time: "" }); }
  function save() {
    savedAs = toCsv(allDecisions().map(timeless));
    var blob = new Blob([toCsv(allDecisions())], { type: "text/csv;charset=utf-8" });
    var link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = "corrections.csv";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
    say("Saved corrections.csv: give it to bordermap with --corrections corrections.csv");
  }

  // ------------------------------------------------------------ corrections in
  function parseCsv(text) {
    var out = [], row = [], field = "", quoted = false, i = 0;
    for (; i < text.length; i++) {
      var c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
        else if (c === '"') { quoted = false; }
        else { field += c; }
      } else if (c === '"') { quoted = true; }
      else if (c === ",") { row.push(field); field = ""; }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") { i++; }
        row.push(field); out.push(row); row = []; field = "";
      } else { field += c; }
    }
    if (field !== "" || row.length) { row.push(field); out.push(row); }
    return out.filter(function (r) { return r.length > 1 || r[0] !== ""; });
  }
  function untext(value) {
    var text = value === undefined || value === null ? "" : String(value);
    return text[0] === "'" && FORMULA.test(text.slice(1)) ? text.slice(1) : text;
  }
  function readDecisions(name, text) {
    text = text.replace(/^\ufeff/, "");
    var records = [];
    if (/\.(jsonl|ndjson|json)$/i.test(name)) {
      text.split(/\r?\n/).forEach(function (line) { if (line.trim()) { records.push(JSON.parse(line)); } });
    } else {
      var table = parseCsv(text);
      var head = table.shift() || [];
      records = table.map(function (r) {
        var o = {};
        head.forEach(function (h, i) { o[h] = r[i]; });
        return o;
      });
    }
    return records.map(function (r, n) {
      Object.keys(r).forEach(function (k) {
        if (DATA.columns.indexOf(k) < 0) {
          throw new Error(name + " row " + (n + 1) + ": unknown column '" + k + "'");
        }
      });
      var d = {};
      DATA.columns.forEach(function (c) { d[c] = untext(r[c]).trim(); });
      d.quote = untext(r.quote);
      d.action = (d.action || (d.field ? "set" : "")).toLowerCase();
      return d;
    });
  }
  function load(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var decisions;
      try { decisions = readDecisions(file.name, String(reader.result)); }
      catch (err) { say("Not loaded: " + err.message); return; }
      var before = orphans.length, found = 0;
      decisions.forEach(function (d) { if (applyDecision(d)) { found++; } });
      refresh();
      say("Loaded " + found + " decision(s) from " + file.name +
          (orphans.length > before ? "; " + (orphans.length - before) +
           " no longer find their incident (listed under their article, kept when saved)" : ""));
    };
    reader.readAsText(file);
  }

  // ------------------------------------------------------------ drawing
  function option(select, value, text) {
    var o = el("option", null, text);
    o.value = value;
    select.appendChild(o);
    return o;
  }
  function choices(list, blank) {
    var s = el("select");
    if (blank !== undefined) { option(s, "", blank); }
    list.forEach(function (v) { option(s, v, v); });
    return s;
  }
  function provinceSelect(current) {
    var s = el("select");
    option(s, "", "none (along the border / not located)");
    var groups = {};
    DATA.provinces.forEach(function (p) {
      if (!groups[p.country]) { groups[p.country] = el("optgroup"); groups[p.country].label = p.country; s.appendChild(groups[p.country]); }
      option(groups[p.country], p.code, p.name + " (" + p.code + ")");
    });
    if (current && !DATA.provinces.some(function (p) { return p.code === current; })) {
      option(s, current, "several: " + current);
    }
    return s;
  }
  function labelled(text, control, cls) {
    var label = el("label", cls || "rv-field");
    label.appendChild(el("span", null, text));
    label.appendChild(control);
    return label;
  }
  function bind(row, field, control) {
    row.controls[field] = control;
    control.addEventListener("change", function () {
      var value = control.value;
      var why = problem(field, value);
      control.setAttribute("aria-invalid", why ? "true" : "false");
      control.title = why;
      if (why) { say(field + " " + JSON.stringify(value) + ": " + why + "; not kept"); return; }
      if (/_(low|best|high)$/.test(field)) { value = value.trim() === "" ? "" : String(parseInt(value.replace(/,/g, ""), 10)); }
      if (field === "country") { value = value.trim().toUpperCase(); }
      row.values[field] = value;
      row.made[field] = { reviewer: reviewer(), time: now() };
      refresh();
    });
  }
  function quoteBlock(row) {
    var q = el("blockquote", "rv-quote");
    if (row.inc) {
      q.appendChild(document.createTextNode(row.inc.before));
      q.appendChild(el("mark", null, row.inc.quote));
      q.appendChild(document.createTextNode(row.inc.after));
    } else {
      q.appendChild(el("mark", null, row.quote));
    }
    return q;
  }
  function drawRow(row) {
    var box = el("section", "rv-incident");
    box.setAttribute("aria-label", (row.added ? "added incident: " : "incident ") + row.quote.slice(0, 60));
    var head = el("div", "rv-head");
    head.appendChild(el("span", "rv-id", row.added ? "added by a reviewer" : row.id));
    if (row.inc) { head.appendChild(el("span", "rv-place", row.inc.place + " · " + row.inc.precision)); }
    if (row.inc && typeof row.inc.confidence === "number") {
      head.appendChild(el("span", "rv-sure", "confidence " + row.inc.confidence.toFixed(2)));
    }
    var badge = el("span", "rv-badge");
    head.appendChild(badge);
    box.appendChild(head);
    box.appendChild(quoteBlock(row));
    var grid = el("div", "rv-grid");
    var status;
    if (row.added) {
      status = el("button", "rv-remove", "Remove this added incident");
      status.type = "button";
      status.addEventListener("click", function () {
        rows.splice(rows.indexOf(row), 1);
        row.view.rows.splice(row.view.rows.indexOf(row), 1);
        box.remove();
        refresh();
      });
      grid.appendChild(status);
    } else {
      status = el("select", "rv-status");
      option(status, "", "not yet reviewed");
      option(status, "keep", "keep (checked)");
      option(status, "drop", "drop (not an incident)");
      status.addEventListener("change", function () {
        row.status = status.value;
        row.made.status = { reviewer: reviewer(), time: now() };
        refresh();
      });
      row.controls.status = status;
      grid.appendChild(labelled("Decision", status));
    }
    var simple = [
      ["event_type", "Type", choices(DATA.event_types)],
      ["scope", "Scope", choices(["event", "aggregate"])],
      ["date", "Date", el("input")],
      ["country", "Country", el("input")],
      ["province", "Province", provinceSelect(row.orig.province)],
      ["district", "District", el("input")],
      ["site", "Site", el("input")],
      ["attribution", "Who said it", el("input")]
    ];
    simple.forEach(function (s) {
      if (s[2].tagName === "INPUT") { s[2].type = "text"; }
      if (s[0] === "date") { s[2].placeholder = "YYYY-MM-DD"; s[2].size = 10; }
      if (s[0] === "country") { s[2].size = 4; s[2].maxLength = 3; }
      bind(row, s[0], s[2]);
      grid.appendChild(labelled(s[1], s[2]));
    });
    box.appendChild(grid);
    var table = el("table", "rv-counts");
    var hr = el("tr");
    ["", "low", "best", "high", "qualifier", "victims"].forEach(function (h) { hr.appendChild(el("th", null, h)); });
    table.appendChild(hr);
    KINDS.forEach(function (kind) {
      var tr = el("tr");
      tr.appendChild(el("th", null, kind));
      BOUNDS.forEach(function (b) {
        var input = el("input");
        input.type = "text";
        input.inputMode = "numeric";
        input.size = 6;
        input.setAttribute("aria-label", kind + " " + b);
        bind(row, kind + "_" + b, input);
        var td = el("td");
        td.appendChild(input);
        tr.appendChild(td);
      });
      [["qualifier", DATA.qualifiers], ["victims", DATA.victims]].forEach(function (q) {
        var s = choices(q[1], "—");
        s.setAttribute("aria-label", kind + " " + q[0]);
        bind(row, kind + "_" + q[0], s);
        var td = el("td");
        td.appendChild(s);
        tr.appendChild(td);
      });
      table.appendChild(tr);
    });
    box.appendChild(table);
    var note = el("textarea", "rv-note");
    note.rows = 1;
    note.addEventListener("change", function () { row.note = note.value; refresh(); });
    row.controls.note = note;
    box.appendChild(labelled("Note", note, "rv-field rv-wide"));
    var trail = el("p", "rv-trail");
    box.appendChild(trail);
    row.box = box;
    row.badge = badge;
    row.trail = trail;
    row.view.list.appendChild(box);
    show(row);
  }
  function show(row) {
    DATA.fields.forEach(function (f) {
      var c = row.controls[f];
      if (!c) { return; }
      if (c.tagName === "SELECT" && row.values[f] && !Array.prototype.some.call(c.options, function (o) { return o.value === row.values[f]; })) {
        option(c, row.values[f], row.values[f]);
      }
      c.value = row.values[f];
    });
    if (row.controls.status) { row.controls.status.value = row.status; }
    row.controls.note.value = row.note;
    row.box.classList.toggle("rv-dropped", row.status === "drop");
    row.box.classList.toggle("rv-done", reviewed(row));
    row.badge.textContent = row.added ? "added" : row.status === "drop" ? "dropped" : reviewed(row) ? "reviewed" : "not yet reviewed";
    var changes = DATA.fields.filter(function (f) { return row.values[f] !== row.orig[f]; }).map(function (f) {
      return f + " " + (row.orig[f] || "—") + " → " + (row.values[f] || "—");
    });
    row.trail.textContent = changes.join("; ");
  }
  function drawText(view) {
    var text = view.data.text, marks = [];
    view.data.incidents.forEach(function (inc) { if (inc.start >= 0) { marks.push([inc.start, inc.end]); } });
    marks.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var div = el("div", "rv-text"), at = 0;
    div.tabIndex = 0;
    div.setAttribute("aria-label", "article text: select words, then Add incident from selection");
    marks.forEach(function (m) {
      if (m[0] < at) { return; }
      div.appendChild(document.createTextNode(text.slice(at, m[0])));
      div.appendChild(el("mark", null, text.slice(m[0], m[1])));
      at = m[1];
    });
    div.appendChild(document.createTextNode(text.slice(at)));
    return div;
  }
  function selected(view) {
    var sel = window.getSelection();
    if (sel && norm(sel.toString()) && view.text.contains(sel.anchorNode) &&
        view.text.contains(sel.focusNode)) {
      return sel.toString().trim();
    }
    // from the keyboard: the words typed or pasted, if the article has them
    var typed = view.words.value.trim();
    return typed && norm(view.data.text).indexOf(norm(typed)) >= 0 ? typed : "";
  }
  function addFromSelection(view) {
    var words = selected(view);
    if (!words) {
      say("Select the words of the missed incident in this article's text " +
          "(or type them, as written, in the box beside the button) first");
      return;
    }
    view.words.value = "";
    var row = makeRow(view, null, { quote: words, reviewer: reviewer(), time: now() });
    drawRow(row);
    refresh();
    row.controls.event_type.focus();
    say("Added an incident from the selection: set its type, place and figures");
  }
  function drawArticle(view) {
    var a = view.data;
    var section = el("article", "rv-article");
    section.appendChild(el("h2", null, a.title || a.id));
    var meta = el("p", "rv-meta");
    meta.appendChild(el("span", null, [a.published, a.file].filter(Boolean).join(" · ")));
    if (/^https?:\/\//i.test(a.url)) {
      var link = el("a", null, " open the article");
      link.href = a.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      meta.appendChild(link);
    }
    section.appendChild(meta);
    var details = el("details", "rv-article-text");
    details.appendChild(el("summary", null, "Article text"));
    view.text = drawText(view);
    details.appendChild(view.text);
    var add = el("button", "rv-add", "Add incident from selection");
    add.type = "button";
    add.addEventListener("click", function () { addFromSelection(view); });
    view.words = el("input", "rv-words");
    view.words.type = "text";
    view.words.size = 40;
    details.appendChild(labelled("or the words, as written", view.words));
    details.appendChild(add);
    section.appendChild(details);
    view.lost = el("ul", "rv-lost");
    section.appendChild(view.lost);
    view.list = el("div", "rv-list");
    section.appendChild(view.list);
    view.section = section;
    document.getElementById("rv-articles").appendChild(section);
    view.rows.forEach(drawRow);
  }
  function refresh() {
    var art = document.getElementById("rv-filter-article").value;
    var type = document.getElementById("rv-filter-type").value;
    var open = document.getElementById("rv-filter-open").checked;
    var done = 0, dropped = 0, added = 0;
    rows.forEach(function (row) {
      show(row);
      if (reviewed(row)) { done++; }
      if (row.status === "drop") { dropped++; }
      if (row.added) { added++; }
      var hide = (type && row.values.event_type !== type) || (open && reviewed(row));
      row.box.hidden = !!hide;
    });
    views().forEach(function (view) {
      view.section.hidden = !!(art && view.data.key !== art);
      view.lost.textContent = "";
      orphans.filter(function (d) { return byKey[d.article] === view; }).forEach(function (d) {
        view.lost.appendChild(el("li", null, "An earlier decision no longer finds its incident (kept when saved): " +
          d.action + (d.field ? " " + d.field + " → " + d["new"] : "") + " — “" + d.quote + "”"));
      });
    });
    var away = orphans.filter(function (d) { return !byKey[d.article]; }).length;
    document.getElementById("rv-summary").textContent =
      DATA.articles.length + " article(s), " + rows.length + " incident(s): " + done + " reviewed, " +
      dropped + " dropped, " + added + " added" +
      (orphans.length ? "; " + orphans.length + " earlier decision(s) no longer apply" : "") +
      (away ? " (" + away + " about articles not on this page)" : "");
  }
  var VIEWS = [];
  function views() { return VIEWS; }
  // "least sure first": the incidents an analyst should check first at the top,
  // articles ordered by their least sure incident; rows without a confidence
  // (added by a reviewer) last; ties keep the articles' own order
  function sureOf(row) {
    return row.inc && typeof row.inc.confidence === "number" ? row.inc.confidence : 2;
  }
  function leastSure(view) {
    return view.rows.reduce(function (m, r) { return Math.min(m, sureOf(r)); }, 3);
  }
  function order() {
    var bySure = document.getElementById("rv-sort").value === "confidence";
    var list = VIEWS.slice();
    if (bySure) {
      list.sort(function (a, b) { return leastSure(a) - leastSure(b) || VIEWS.indexOf(a) - VIEWS.indexOf(b); });
    }
    var main = document.getElementById("rv-articles");
    list.forEach(function (view) {
      var own = view.rows.slice();
      if (bySure) {
        own.sort(function (a, b) { return sureOf(a) - sureOf(b) || view.rows.indexOf(a) - view.rows.indexOf(b); });
      }
      own.forEach(function (r) { if (r.box) { view.list.appendChild(r.box); } });
      main.appendChild(view.section);
    });
  }

  DATA.articles.forEach(function (a) {
    var view = { data: a, rows: [] };
    VIEWS.push(view);
    [a.key, a.id, a.url].forEach(function (k) { if (k && !byKey[k]) { byKey[k] = view; } });
    a.incidents.forEach(function (inc) { makeRow(view, inc); });
  });
  DATA.decisions.forEach(applyDecision);
  var savedAs = toCsv(allDecisions().map(timeless));  // what the page came with
  // closing the page with decisions not yet saved asks first: no work is lost
  window.addEventListener("beforeunload", function (e) {
    if (unsaved()) { e.preventDefault(); e.returnValue = ""; }
  });
  var artFilter = document.getElementById("rv-filter-article");
  DATA.articles.forEach(function (a) { option(artFilter, a.key, a.title || a.id); });
  var typeFilter = document.getElementById("rv-filter-type");
  DATA.event_types.forEach(function (t) { option(typeFilter, t, t); });
  VIEWS.forEach(drawArticle);
  ["rv-filter-article", "rv-filter-type", "rv-filter-open"].forEach(function (id) {
    document.getElementById(id).addEventListener("change", refresh);
  });
  document.getElementById("rv-sort").addEventListener("change", order);
  order();  // a browser may restore the choice on reload
  document.getElementById("rv-controls").addEventListener("submit", function (e) { e.preventDefault(); });
  document.getElementById("rv-save").addEventListener("click", save);
  document.getElementById("rv-load").addEventListener("change", function (e) {
    if (e.target.files[0]) { load(e.target.files[0]); }
    e.target.value = "";
  });
  refresh();
}());
