// coordc plan -o html: draws the plan embedded in this page as a zoomable
// timeline. Times come from the page's data (UTC seconds and the offsets Go
// computed), never from the browser's time zone.
(function () {
  'use strict';
  var SVGNS = 'http://www.w3.org/2000/svg';
  var LEFT = 210, RIGHT = 24, TOP = 8, LANE = 96;
  var DETAIL_LIMIT = 1500; // actions per lane drawn one by one
  var DAY = 86400;

  // Record fields (see htmlRenderer.action).
  var NUM = 0, ID = 1, NOM = 2, OFF = 3, BITS = 4, WFROM = 5, WUNTIL = 6, URIS = 7,
    CHANGE = 8, OLD = 9, PINS = 10, FLAGS = 11, INS = 12, OUTS = 13, CONF = 14;
  var BIT_DSTDAY = 1, BIT_GAP = 2, BIT_OVERLAP = 4, BIT_CLAMPED = 8, BIT_CRON = 16;
  var DST_BITS = BIT_DSTDAY | BIT_GAP | BIT_OVERLAP | BIT_CRON;

  var meta = JSON.parse(document.getElementById('coordc-meta').textContent);
  var lanes = [];
  // Data blocks follow their lane's description, in page order.
  document.querySelectorAll('script.coordc-lane, script.coordc-actions').forEach(function (el) {
    if (el.classList.contains('coordc-lane')) {
      var info = JSON.parse(el.textContent);
      info.acts = [];
      lanes.push(info);
    } else {
      var acts = lanes[lanes.length - 1].acts;
      var block = JSON.parse(el.textContent);
      for (var i = 0; i < block.length; i++) acts.push(block[i]);
    }
  });
  lanes.forEach(function (l, i) {
    var m = meta.lanes[i];
    l.offset = m.offset; l.transitions = m.transitions; l.removed = m.removed; l.coordChanges = m.coordinator_changes;
    l.pins = meta.pins.filter(function (p) { return p.coordinator === l.name; });
    l.first = Infinity; l.last = -Infinity; l.lead = 0;
    l.acts.forEach(function (a) {
      l.lead = Math.max(l.lead, a[NOM] - (a[WUNTIL] ? a[WFROM] : a[NOM]), a[NOM] - (a[OLD] || a[NOM]));
      l.first = Math.min(l.first, a[NOM], a[WUNTIL] ? a[WFROM] : a[NOM], a[OLD] || a[NOM]);
      l.last = Math.max(l.last, a[NOM], a[WUNTIL] || a[NOM], a[OLD] || a[NOM]);
    });
    l.removed.forEach(function (r) { l.first = Math.min(l.first, r[2]); l.last = Math.max(l.last, r[2]); });
  });

  var full = [Infinity, -Infinity];
  lanes.forEach(function (l) { full[0] = Math.min(full[0], l.first); full[1] = Math.max(full[1], l.last); });
  if (!isFinite(full[0])) full = [0, DAY];
  var pad = Math.max(3600, (full[1] - full[0]) / 50);
  full = [full[0] - pad, full[1] + pad];
  var view = full.slice();
  var selected = null; // [lane, index]
  var svg = document.getElementById('timeline');
  var width = 1200;

  // offsetAt is the lane's UTC offset at Unix time t.
  function offsetAt(l, t) {
    var off = l.offset;
    for (var i = 0; i < l.transitions.length && l.transitions[i].at <= t; i++) off = l.transitions[i].after;
    return off;
  }
  function pad2(n) { return (n < 10 ? '0' : '') + n; }
  var WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function wall(t, off) { return new Date((t + off) * 1000); }
  function fmtUTC(t) {
    var d = wall(t, 0);
    return d.getUTCFullYear() + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate()) + 'T' + pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) + 'Z';
  }
  function fmtOffset(off) {
    var s = off < 0 ? '-' : '+'; off = Math.abs(off);
    return s + pad2(Math.floor(off / 3600)) + ':' + pad2(Math.floor(off / 60) % 60);
  }
  function fmtLocal(t, off) {
    var d = wall(t, off);
    return WEEKDAYS[d.getUTCDay()] + ' ' + d.getUTCFullYear() + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate()) + ' ' +
      pad2(d.getUTCHours()) + ':' + pad2(d.getUTCMinutes()) + ' ' + fmtOffset(off);
  }
  function fmtDuration(s) {
    var m = Math.round(s / 60), d = Math.floor(m / 1440), h = Math.floor(m / 60) % 24, mm = m % 60, out = [];
    if (d) out.push(d + 'd'); if (h) out.push(h + 'h'); if (mm) out.push(mm + 'm');
    return out.length ? out.join(' ') : '0m';
  }
  // localMidnight is the Unix time of the local midnight starting the local
  // day that is k days after the one containing t.
  function localMidnight(l, t, k) {
    var off = offsetAt(l, t);
    var day = Math.floor((t + off) / DAY) + k;
    var guess = day * DAY - off;
    return day * DAY - offsetAt(l, guess);
  }

  function el(name, attrs, parent, text) {
    var e = document.createElementNS(SVGNS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function x(t) { return LEFT + (width - LEFT - RIGHT) * (t - view[0]) / (view[1] - view[0]); }
  function tAt(px) { return view[0] + (px - LEFT) * (view[1] - view[0]) / (width - LEFT - RIGHT); }
  function clampX(v) { return Math.max(LEFT, Math.min(width - RIGHT, v)); }

  // lowerBound is the first index whose nominal time is >= t.
  function lowerBound(acts, t) {
    var lo = 0, hi = acts.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (acts[mid][NOM] < t) lo = mid + 1; else hi = mid; }
    return lo;
  }

  function header() {
    var s = meta.summary;
    var t = 'coordc plan · ' + s.coordinators + (s.coordinators === 1 ? ' coordinator' : ' coordinators') + ' · ' +
      s.actions + (s.actions === 1 ? ' action' : ' actions');
    if (s.dst_days) t += ' · ' + s.dst_days + ' on DST-transition days';
    if (meta.diff) {
      var c = meta.changes;
      t += ' · Changes: ' + c.added + ' added, ' + c.removed + ' removed, ' + c.shifted + ' shifted, ' + c.changed + ' changed';
    }
    document.getElementById('title').textContent = t;
    var sub = [];
    if (meta.tzdata) sub.push('tzdata ' + meta.tzdata);
    if (meta.window) sub.push(meta.window);
    sub.push("times in each coordinator's local time; grid lines are local midnights");
    meta.global_changes.forEach(function (g) { sub.push(g); });
    document.getElementById('subtitle').textContent = sub.join(' · ');
  }

  function render() {
    width = Math.max(600, document.getElementById('view').clientWidth || 1200);
    var height = TOP + LANE * lanes.length + 10;
    svg.setAttribute('width', width); svg.setAttribute('height', height);
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var defs = el('defs', {}, svg), clip = el('clipPath', { id: 'plot-area' }, defs);
    el('rect', { x: LEFT, y: 0, width: width - LEFT - RIGHT, height: height }, clip);
    var arrow = el('marker', { id: 'arrow', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M0 0L8 4L0 8z', fill: '#2f855a' }, arrow);
    var aggregated = false;
    lanes.forEach(function (l, i) { if (drawLane(l, i, TOP + LANE * i)) aggregated = true; });
    drawLinks();
    document.getElementById('range').textContent = fmtUTC(Math.round(view[0])) + ' – ' + fmtUTC(Math.round(view[1]));
    document.getElementById('mode').textContent = aggregated ? '(zoomed out: actions counted per day or week; zoom in for single actions)' : '';
  }

  function drawLane(l, i, y) {
    var g = el('g', { 'class': 'lane', 'data-name': l.name, 'data-timezone': l.timezone, 'data-actions': l.acts.length }, svg);
    el('rect', { 'class': i % 2 ? 'lane-bg odd' : 'lane-bg', x: 0, y: y, width: width, height: LANE }, g);
    el('text', { 'class': 'lane-name', x: 12, y: y + 20 }, g, l.name);
    el('text', { 'class': 'lane-info', x: 12, y: y + 36 }, g, l.timezone);
    el('text', { 'class': 'lane-info', x: 12, y: y + 50 }, g, l.frequency);
    el('text', { 'class': 'lane-info', x: 12, y: y + 64 }, g, l.acts.length + (l.acts.length === 1 ? ' action' : ' actions'));
    l.coordChanges.forEach(function (c, k) {
      var cg = el('g', { 'class': 'lane-change' }, g);
      el('title', {}, cg, c[1]);
      el('text', { 'class': 'lane-change', x: 12, y: y + 80 + 12 * k }, cg, c[0]);
    });
    l.transitions.forEach(function (tr) {
      if (tr.next_day < view[0] || tr.day > view[1]) return;
      var x0 = clampX(x(tr.day)), x1 = clampX(x(tr.next_day));
      var r = el('rect', { 'class': 'dst', 'data-name': tr.name, x: x0, y: y, width: Math.max(x1 - x0, 2), height: LANE }, g);
      el('title', {}, r, tr.name + ' ' + tr.note);
      var xa = clampX(x(tr.at));
      el('line', { 'class': 'dst-at', x1: xa, y1: y, x2: xa, y2: y + LANE }, g);
      var d = wall(tr.day, tr.before);
      el('text', { 'class': 'dst-name', x: xa + 3, y: y + LANE - 6 }, g, tr.name + ' ' + MONTHS[d.getUTCMonth()] + ' ' + d.getUTCDate());
    });
    drawGrid(l, g, y);
    g = el('g', { 'class': 'plot', 'clip-path': 'url(#plot-area)' }, g);
    // Actions just before the view may have windows or old times in it.
    var lo = lowerBound(l.acts, view[0] - l.lead), hi = lowerBound(l.acts, view[1] + 1);
    if (hi - lowerBound(l.acts, view[0]) > DETAIL_LIMIT) { drawBins(l, g, y, lowerBound(l.acts, view[0]), hi); return true; }
    l.removed.forEach(function (r) {
      var rg = el('g', { 'class': 'action diff-removed', 'data-id': r[0], 'data-number': r[1] }, g);
      el('title', {}, rg, 'removed ' + r[0] + ' (was at ' + fmtUTC(r[2]) + ')');
      el('circle', { 'class': 'marker removed', cx: x(r[2]), cy: y + 36, r: 4.5 }, rg);
    });
    for (var k = lo; k < hi; k++) drawAction(l, i, k, g, y);
    return false;
  }

  // drawGrid draws local midnights: every day, or Mondays, or the first
  // of each month as days get narrower.
  function drawGrid(l, g, y) {
    var perDay = (width - LEFT - RIGHT) * DAY / (view[1] - view[0]);
    var step = perDay >= 6 ? 1 : perDay * 7 >= 6 ? 7 : 30;
    var t = localMidnight(l, Math.max(view[0], full[0] - DAY), 0), end = Math.min(view[1], full[1] + DAY);
    for (var n = 0; t <= end && n < 100000; n++) {
      var d = wall(t, offsetAt(l, t)), px = x(t);
      var show = step === 1 || (step === 7 && d.getUTCDay() === 1) || (step === 30 && d.getUTCDate() === 1);
      if (show && px >= LEFT) {
        el('line', { 'class': 'grid', x1: px, y1: y, x2: px, y2: y + LANE }, g);
        var label = '';
        if (step === 1 && perDay >= 34) label = WEEKDAYS[d.getUTCDay()] + ' ' + pad2(d.getUTCDate());
        else if (step === 1 && perDay >= 14 && d.getUTCDay() === 1) label = MONTHS[d.getUTCMonth()] + ' ' + pad2(d.getUTCDate());
        else if (d.getUTCDate() <= (step === 7 ? 7 : 1) && (step < 30 || perDay * 30 > 40 || d.getUTCMonth() === 0)) label = MONTHS[d.getUTCMonth()] + ' ' + d.getUTCFullYear();
        if (label) el('text', { 'class': 'day', x: px + 2, y: y + 11 }, g, label);
      }
      t = localMidnight(l, t + 3600, 1);
    }
  }

  // drawBins counts the visible actions per local day (per week when days
  // are narrower than 2 px) and draws one bar per bin.
  function drawBins(l, g, y, lo, hi) {
    var perDay = (width - LEFT - RIGHT) * DAY / (view[1] - view[0]);
    var weeks = perDay < 2, unit = weeks ? 7 : 1;
    var hg = el('g', { 'class': 'histogram', 'data-unit': weeks ? 'week' : 'day' }, g);
    var bins = [], cur = null, peak = 1;
    for (var k = lo; k < hi; k++) {
      var a = l.acts[k];
      var day = Math.floor((a[NOM] + a[OFF]) / DAY);
      var key = Math.floor((day + 4) / unit); // weeks start on Monday
      if (!cur || cur.key !== key) {
        cur = { key: key, from: localMidnight(l, a[NOM], -(((day + 4) % unit + unit) % unit)), count: 0, dst: 0, changed: 0 };
        cur.to = localMidnight(l, cur.from + 3600, unit);
        bins.push(cur);
      }
      cur.count++;
      if (a[BITS] & DST_BITS) cur.dst++;
      if (a[CHANGE]) cur.changed++;
      peak = Math.max(peak, cur.count);
    }
    bins.forEach(function (b) {
      var x0 = x(b.from), x1 = x(b.to), h = 60 * b.count / peak;
      var cls = 'bin' + (b.dst ? ' dst-affected' : '') + (b.changed ? ' diff-changed' : '');
      var r = el('rect', { 'class': cls, 'data-count': b.count, x: x0, y: y + LANE - 8 - h, width: Math.max(x1 - x0 - 0.3, 0.3), height: h }, hg);
      el('title', {}, r, fmtLocal(b.from, offsetAt(l, b.from)).slice(0, 14) + ': ' + b.count + ' actions' +
        (b.dst ? ', ' + b.dst + ' DST-affected' : '') + (b.changed ? ', ' + b.changed + ' changed' : ''));
      r.addEventListener('click', function () { zoomTo(b.from, b.to); });
    });
  }

  function drawAction(l, li, k, g, y) {
    var a = l.acts[k];
    var cls = 'action' + (a[CHANGE] ? ' diff-' + a[CHANGE] : '') + (a[BITS] & DST_BITS ? ' dst-affected' : '');
    if (selected && selected[0] === li && selected[1] === k) cls += ' selected';
    if (linked[li + ':' + k]) cls += ' linked';
    var ag = el('g', { 'class': cls, 'data-id': a[ID], 'data-number': a[NUM] }, g);
    var tip = a[ID] + ' · #' + a[NUM] + ' · ' + fmtLocal(a[NOM], a[OFF]);
    if (a[WUNTIL]) tip += ' · inputs ' + fmtDuration(a[WUNTIL] - a[WFROM]) + ', ' + a[URIS] + ' URIs';
    if (a[CHANGE]) tip += ' · ' + a[CHANGE];
    el('title', {}, ag, tip);
    var px = x(a[NOM]);
    if (a[WUNTIL]) {
      var x0 = x(a[WFROM]), x1 = x(a[WUNTIL]), wy = y + 50 + (a[NUM] % 3) * 12, dur = a[WUNTIL] - a[WFROM];
      var odd = dur % DAY !== 0 && dur % 3600 === 0 && dur > 12 * 3600;
      el('rect', { 'class': odd ? 'window odd-length' : 'window', 'data-uris': a[URIS], x: x0 + 0.5, y: wy, width: Math.max(x1 - x0 - 1, 1), height: 9, rx: 2 }, ag);
      if (x1 - x0 > 44) el('text', { 'class': 'window-label', x: x0 + 3, y: wy + 8 }, ag, fmtDuration(dur) + ' · ' + a[URIS]);
    }
    if (a[CHANGE] === 'shifted' && a[OLD]) {
      var ox = x(a[OLD]);
      el('line', { 'class': 'shift', x1: ox, y1: y + 36, x2: px, y2: y + 36 }, ag);
      el('circle', { 'class': 'marker ghost', cx: ox, cy: y + 36, r: 3.5 }, ag);
    }
    var mc = 'marker';
    if (a[BITS] & BIT_GAP) mc = 'marker gap';
    else if (a[BITS] & BIT_OVERLAP) mc = 'marker overlap';
    else if (a[BITS] & DST_BITS) mc = 'marker on-dst';
    else if (a[BITS] & BIT_CLAMPED) mc = 'marker clamped';
    el('circle', { 'class': mc, cx: px, cy: y + 36, r: 4 }, ag);
    a[PINS].forEach(function (pi, n) {
      var p = meta.pins[pi], py = y + 24 - n * 9;
      var pg = el('g', { 'class': 'pin ' + p.severity, 'data-rule': p.rule }, ag);
      el('title', {}, pg, p.rule + ' ' + p.severity + ': ' + p.message + ' (' + p.where + ')');
      el('line', { 'class': 'pin-stem', x1: px, y1: py, x2: px, y2: y + 32 }, pg);
      el('text', { 'class': 'pin-label', x: px + 2, y: py }, pg, '⚑' + p.rule);
    });
    ag.addEventListener('click', function (ev) { ev.stopPropagation(); select(li, k); });
  }

  function laneIndex(name) {
    for (var i = 0; i < lanes.length; i++) if (lanes[i].name === name) return i;
    return -1;
  }

  function drawLinks() {
    meta.links.forEach(function (ln) {
      var p = laneIndex(ln.producer), c = laneIndex(ln.consumer);
      if (p < 0 || c < 0 || p === c) return;
      var y0 = TOP + LANE * p + LANE / 2, y1 = TOP + LANE * c + LANE / 2, lx = LEFT - 14;
      var g = el('g', { 'class': 'link', 'data-producer': ln.producer, 'data-consumer': ln.consumer }, svg);
      el('title', {}, g, ln.producer + ' writes ' + ln.dataset + ', which ' + ln.consumer + ' reads');
      el('path', { 'class': 'link-path', d: 'M' + lx + ' ' + y0 + ' C' + (lx + 10) + ' ' + y0 + ' ' + (lx + 10) + ' ' + y1 + ' ' + lx + ' ' + y1, 'marker-end': 'url(#arrow)' }, g);
      el('text', { 'class': 'link-label', x: lx - 2, y: (y0 + y1) / 2 }, g, ln.dataset);
    });
    if (!selected) return;
    var a = lanes[selected[0]].acts[selected[1]];
    Object.keys(linked).forEach(function (key) {
      var parts = key.split(':'), l = lanes[+parts[0]], b = l.acts[+parts[1]];
      if (b[NOM] < view[0] - DAY || b[NOM] > view[1] + DAY) return;
      var ya = TOP + LANE * selected[0] + 36, yb = TOP + LANE * +parts[0] + 36;
      el('line', { 'class': 'link-action', x1: x(b[NOM]), y1: yb, x2: x(a[NOM]), y2: ya }, svg);
    });
  }

  // Producer/consumer actions: an output URI of one is an input URI of the
  // other. The index is built on the first click.
  var outIndex = null, inIndex = null, linked = {};
  function buildIndex() {
    outIndex = new Map(); inIndex = new Map();
    lanes.forEach(function (l, li) {
      l.acts.forEach(function (a, k) {
        a[OUTS].forEach(function (o) { o[1].forEach(function (u) { if (!outIndex.has(u)) outIndex.set(u, []); outIndex.get(u).push([li, k]); }); });
        a[INS].forEach(function (o) { o[1].forEach(function (u) { if (!inIndex.has(u)) inIndex.set(u, []); inIndex.get(u).push([li, k]); }); });
      });
    });
  }

  function select(li, k) {
    if (!outIndex && lanes.length > 1) buildIndex(); // links join lanes
    if (!outIndex) { outIndex = new Map(); inIndex = new Map(); }
    selected = [li, k];
    linked = {};
    var a = lanes[li].acts[k], producers = [], consumers = [];
    a[INS].forEach(function (e) { e[1].forEach(function (u) { (outIndex.get(u) || []).forEach(function (p) { if (p[0] !== li) { linked[p[0] + ':' + p[1]] = 1; producers.push(p); } }); }); });
    a[OUTS].forEach(function (e) { e[1].forEach(function (u) { (inIndex.get(u) || []).forEach(function (p) { if (p[0] !== li) { linked[p[0] + ':' + p[1]] = 1; consumers.push(p); } }); }); });
    showDetails(lanes[li], a, producers, consumers);
    render();
  }

  function add(parent, tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    parent.appendChild(e);
    return e;
  }
  function list(parent, title, items) {
    if (!items.length) return;
    add(parent, 'h3', title);
    var ul = add(parent, 'ul');
    items.forEach(function (s) { add(ul, 'li', s); });
  }

  function showDetails(l, a, producers, consumers) {
    var d = document.getElementById('details');
    d.textContent = '';
    add(d, 'h2', a[ID]);
    var t = add(d, 'table');
    [['coordinator', l.name], ['number', String(a[NUM])], ['nominal (UTC)', fmtUTC(a[NOM])], ['local', fmtLocal(a[NOM], a[OFF])],
      ['zone', l.timezone], ['flags', a[FLAGS].join(', ') || '–']].forEach(function (row) {
      var tr = add(t, 'tr'); add(tr, 'td', row[0]); add(tr, 'td', row[1]);
    });
    if (a[WUNTIL]) {
      var tr = add(t, 'tr'); add(tr, 'td', 'input window');
      add(tr, 'td', fmtLocal(a[WFROM], offsetAt(l, a[WFROM])) + ' to ' + fmtLocal(a[WUNTIL], offsetAt(l, a[WUNTIL])) +
        ' (' + fmtDuration(a[WUNTIL] - a[WFROM]) + ', ' + a[URIS] + ' URIs)');
    }
    if (a[CHANGE]) {
      var cr = add(t, 'tr'); add(cr, 'td', 'change'); add(cr, 'td', a[CHANGE] + (a[OLD] ? ' from ' + fmtUTC(a[OLD]) : ''));
    }
    list(d, 'Findings', a[PINS].map(function (pi) { var p = meta.pins[pi]; return p.rule + ' (' + p.severity + ') ' + p.message + ' — ' + p.where; }));
    a[INS].forEach(function (e) { list(d, 'in ' + e[0] + ' (' + e[1].length + ' URIs)', e[1].concat(e[2] ? ['unresolved: ' + e[2]] : [])); });
    a[OUTS].forEach(function (e) { list(d, 'out ' + e[0], e[1]); });
    list(d, 'Configuration', a[CONF].map(function (p) { return p[0] + ' = ' + p[1]; }));
    list(d, 'Produced by', producers.slice(0, 50).map(function (p) { return lanes[p[0]].acts[p[1]][ID]; }));
    list(d, 'Consumed by', consumers.slice(0, 50).map(function (p) { return lanes[p[0]].acts[p[1]][ID]; }));
  }

  function zoomTo(t0, t1) {
    var span = Math.max(t1 - t0, 3600);
    var mid = (t0 + t1) / 2;
    view = [mid - span / 2, mid + span / 2];
    render();
  }
  function zoom(factor, at) {
    var c = at === undefined ? (view[0] + view[1]) / 2 : at;
    zoomTo(c - (c - view[0]) * factor, c + (view[1] - c) * factor);
  }
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(0.5); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(2); });
  document.getElementById('zoom-fit').addEventListener('click', function () { zoomTo(full[0], full[1]); });
  var viewEl = document.getElementById('view');
  viewEl.addEventListener('wheel', function (ev) {
    ev.preventDefault();
    var rect = svg.getBoundingClientRect();
    zoom(ev.deltaY > 0 ? 1.25 : 0.8, tAt(ev.clientX - rect.left));
  }, { passive: false });
  var drag = null;
  viewEl.addEventListener('mousedown', function (ev) { drag = { x: ev.clientX, view: view.slice() }; viewEl.classList.add('dragging'); });
  window.addEventListener('mouseup', function () { drag = null; viewEl.classList.remove('dragging'); });
  window.addEventListener('mousemove', function (ev) {
    if (!drag) return;
    var dt = (ev.clientX - drag.x) * (drag.view[1] - drag.view[0]) / (width - LEFT - RIGHT);
    if (Math.abs(ev.clientX - drag.x) < 3) return;
    view = [drag.view[0] - dt, drag.view[1] - dt];
    render();
  });
  window.addEventListener('keydown', function (ev) {
    if (ev.key === '+' || ev.key === '=') zoom(0.5);
    else if (ev.key === '-') zoom(2);
    else if (ev.key === '0') zoomTo(full[0], full[1]);
  });
  window.addEventListener('resize', render);
  // For tests and scripts: zoom to [from, to] in Unix seconds.
  window.coordcTimeline = { zoomTo: zoomTo, select: select, lanes: lanes };

  header();
  render();
})();
