// The SRE's latency dashboard: per tenant, p50/p95/p99 of every server and
// source (scrape, Prometheus, probe) over a time range, with the tenant's
// SLO lines, live or paused, a crosshair with every value, PNG and CSV. The
// figures are the server's store, filled by the same feeds as the desktop's
// dashboard; the chart library (uPlot, vendored) loads with this page only.
import { el, append, clear, messageBar } from '../dom.js';
import { navigate } from '../router.js';

const ranges = [['15m', 900], ['1h', 3600], ['6h', 21600], ['24h', 86400], ['7d', 604800]];
const metricLabel = { request_latency_p50_ms: 'p50', request_latency_p95_ms: 'p95', request_latency_p99_ms: 'p99', errors_per_s: 'errors/s' };
const palette = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
const refreshMs = 1000; // at most one refetch a second while live

let uPlotModule = null;
async function loadUPlot() {
  if (!uPlotModule) {
    const link = el('link', { rel: 'stylesheet', href: '/vendor/uplot/uPlot.min.css' });
    document.head.append(link);
    uPlotModule = (await import('/vendor/uplot/uPlot.esm.js')).default;
  }
  return uPlotModule;
}

function seriesName(s) {
  const host = s.target.replace(/^https?:\/\//, '').replace(/\/metrics$/, '');
  return `${metricLabel[s.metric] || s.metric} · ${s.source} · ${host}`;
}

// One tenant's lines aligned on one time axis (uPlot.join; a time one line
// lacks is bridged, a null from the server is a gap), with SLO lines across
// the whole range.
function tenantChart(uPlot, tenant, lines, width, range) {
  const latency = lines.filter((s) => s.metric !== 'errors_per_s');
  const edges = [[range.from, range.to], [null, null]];
  const joined = uPlot.join([edges, ...latency.map((s) => [s.t, s.v])]);
  const xs = joined[0];
  const data = [xs, ...joined.slice(2)];
  const series = [{}, ...latency.map((s, i) => ({
    label: seriesName(s), stroke: palette[i % palette.length], width: 1.5,
    points: { show: s.t.length < 30, size: 5 },
    value: (u, v) => (v === null || v === undefined ? '–' : `${v.toFixed(2)} ms`),
  }))];
  for (const [quantile, value] of [['p50', tenant.slo.p50_ms], ['p99', tenant.slo.p99_ms]]) {
    data.push(xs.map(() => value));
    series.push({ label: `${quantile} SLO ${value} ms`, stroke: quantile === 'p99' ? '#d62728' : '#ff7f0e', dash: [6, 4], width: 1,
      points: { show: false }, value: () => `${value} ms` });
  }
  const opts = {
    width, height: 260, series,
    scales: { x: { time: true, min: range.from, max: range.to }, y: { range: (u, min, max) => [0, Math.max(max, tenant.slo.p99_ms) * 1.1] } },
    axes: [{ stroke: 'currentColor', grid: { stroke: 'rgba(127,127,127,.2)' } },
      { stroke: 'currentColor', grid: { stroke: 'rgba(127,127,127,.2)' }, label: 'ms', values: (u, ticks) => ticks.map((t) => `${t}`) }],
    cursor: { sync: { key: 'latency' } },
    legend: { live: true },
  };
  const holder = el('div', { class: 'chart' });
  const plot = new uPlot(opts, data, holder);
  return { holder, plot, empty: latency.length === 0 };
}

// A latency histogram as a heat map under the tenant's chart: one column per
// scrape interval, one row per bucket (the fastest at the bottom), the share
// of that interval's requests in the bucket as the colour; blank where the
// interval saw none.
function heatmapCanvas(map, width, range) {
  const rows = map.upper_bounds_ms.length;
  const rowHeight = 12;
  const left = 90;
  const canvas = el('canvas', { class: 'heatmap', width, height: rows * rowHeight + 4, role: 'img',
    'aria-label': `Heat map of ${map.metric} at ${map.target} (${map.source})` });
  const ctx = canvas.getContext('2d');
  const style = getComputedStyle(document.body);
  ctx.fillStyle = style.color || '#333';
  ctx.font = '10px sans-serif';
  ctx.textBaseline = 'middle';
  map.labels.forEach((label, r) => ctx.fillText(label, 2, (rows - 1 - r) * rowHeight + rowHeight / 2 + 2));
  const plot = width - left - 10;
  const x = (t) => left + ((t - range.from) / (range.to - range.from)) * plot;
  map.t.forEach((t, c) => {
    const x0 = Math.max(left, x(c ? map.t[c - 1] : t - 1));
    const x1 = Math.max(x0 + 1, x(t));
    map.cells[c].forEach((share, r) => {
      if (share === null) return;
      ctx.fillStyle = `rgba(214, 39, 40, ${0.08 + 0.92 * Math.min(1, share)})`;
      ctx.fillRect(x0, (rows - 1 - r) * rowHeight + 2, x1 - x0, rowHeight - 1);
    });
  });
  return canvas;
}

function downloadBlob(blob, name) {
  const link = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 0);
}

export function render(container, route, { rpc }) {
  const rangeId = ranges.some(([id]) => id === route.params.range) ? route.params.range : '15m';
  const rangeS = ranges.find(([id]) => id === rangeId)[1];
  let live = route.params.paused !== '1';
  let pausedAt = Number.parseInt(route.params.to || '', 10) || null;

  const rangeSelect = el('select', { 'aria-label': 'Time range', onchange: () => navigate('latency', { range: rangeSelect.value, paused: live ? '' : '1', to: live ? '' : String(pausedAt) }) },
    ranges.map(([id]) => el('option', { value: id, selected: id === rangeId }, id)));
  const liveButton = el('button', { type: 'button', class: 'live-toggle', 'aria-pressed': String(live) }, live ? 'Pause' : 'Live');
  const csvButton = el('button', { type: 'button' }, 'Download CSV');
  const pngButton = el('button', { type: 'button' }, 'Download PNG');
  const status = el('span', { class: 'summary' });
  const charts = el('div', { class: 'charts' });
  const errors = el('div', { class: 'errors' });
  container.append(el('h1', {}, 'Latency'),
    el('div', { class: 'toolbar' }, el('label', {}, 'Range ', rangeSelect), liveButton, csvButton, pngButton, status),
    errors, charts);

  let plots = [];
  let latest = 0;
  let current = null; // the answer on screen, extended by the pushes while live
  let lastDraw = 0;
  let timer = null;
  let gone = false;
  const windowParams = () => ({ range_s: rangeS, ...(live ? {} : { to_ms: pausedAt }) });

  const draw = async (answer) => {
    const uPlot = await loadUPlot();
    if (gone) return;
    lastDraw = Date.now();
    for (const p of plots) p.destroy();
    plots = [];
    const width = Math.max(320, charts.clientWidth || container.clientWidth || 900);
    const range = { from: answer.from_ms / 1000, to: answer.to_ms / 1000 };
    const sections = [];
    for (const tenant of answer.tenants) {
      const lines = answer.series.filter((s) => s.tenant === tenant.tenant);
      const { holder, plot, empty } = tenantChart(uPlot, tenant, lines, width, range);
      plots.push(plot);
      const title = tenant.label && tenant.label !== tenant.tenant ? `${tenant.label} (${tenant.tenant})` : tenant.tenant;
      const points = lines.reduce((n, l) => n + l.t.length, 0);
      const maps = (answer.heatmaps || []).filter((m) => m.tenant === tenant.tenant).map((m) =>
        el('figure', { class: 'heatmap-figure' }, el('figcaption', { class: 'summary' },
          `Share of requests per bucket of ${m.metric.replace(/_/g, " ")} · ${m.source} · ${m.target.replace(/^https?:\/\//, '')}`), heatmapCanvas(m, width, range)));
      sections.push(el('section', { class: 'tenant-chart', 'data-tenant': tenant.tenant, 'data-points': points },
        el('h2', {}, title, el('span', { class: 'summary' }, ` ${tenant.store_type || 'online store unknown'}; SLO p50 ${tenant.slo.p50_ms} ms, p99 ${tenant.slo.p99_ms} ms`)),
        empty ? messageBar('info', 'No latency figures in this range: give the connection a metrics_url, a Prometheus or a probe.') : null,
        holder, maps));
    }
    append(clear(charts), sections.length ? sections : [messageBar('info', 'No tenant has figures or objectives yet.')]);
    append(clear(errors), answer.errors.map((e) => messageBar('error', `${e.tenant} · ${e.source} · ${e.target}: ${e.metric}: ${e.error}`)));
    const when = new Date(answer.to_ms).toLocaleTimeString();
    status.textContent = `${answer.series.length} series; ${live ? `live, updated ${when}` : `paused at ${new Date(answer.to_ms).toLocaleString()}`}`;
  };

  const fetch = () => {
    const ticket = ++latest;
    rpc.request('latency.series', windowParams()).then((answer) => {
      if (ticket !== latest || gone) return null;
      current = answer;
      return draw(answer);
    }).catch((error) => {
      if (ticket === latest && !gone) append(clear(errors), [messageBar('error', error.message)]);
    });
  };
  const later = (what) => {
    if (timer) return;
    timer = setTimeout(() => { timer = null; what(); }, Math.max(0, refreshMs - (Date.now() - lastDraw)));
  };
  // A push carries the new points of the series that changed: appended to
  // the lines on screen (the window slides to now), redrawn at most once a
  // second. A new series, new objectives or errors: the whole answer again.
  const onPush = (delta) => {
    if (!live || gone || !current) return;
    const key = (s) => `${s.tenant}\n${s.target}\n${s.source}\n${s.metric}`;
    const byKey = new Map(current.series.map((s) => [key(s), s]));
    let resync = delta.resync;
    for (const d of delta.series) {
      const line = byKey.get(key(d));
      if (!line) { resync = true; continue; }
      const last = line.t.length ? line.t[line.t.length - 1] : -Infinity;
      d.t.forEach((t, i) => { if (t > last) { line.t.push(t); line.v.push(d.v[i]); } });
    }
    if (resync) { later(fetch); return; }
    current.to_ms = Date.now();
    current.from_ms = current.to_ms - rangeS * 1000;
    const from = current.from_ms / 1000;
    for (const line of current.series) {
      let cut = 0;
      while (cut + 1 < line.t.length && line.t[cut + 1] < from) cut += 1; // keep one point before the edge
      if (cut) { line.t.splice(0, cut); line.v.splice(0, cut); }
    }
    later(() => draw(current));
  };

  liveButton.addEventListener('click', () => {
    live = !live;
    pausedAt = live ? null : Date.now();
    liveButton.textContent = live ? 'Pause' : 'Live';
    liveButton.setAttribute('aria-pressed', String(live));
    navigate('latency', { range: rangeId, paused: live ? '' : '1', to: live ? '' : String(pausedAt) }, { replace: true, silent: true });
    fetch();
  });
  csvButton.addEventListener('click', () => {
    rpc.request('latency.series', { ...windowParams(), format: 'csv' }).then(
      (answer) => downloadBlob(new Blob([answer.csv], { type: 'text/csv' }), 'latency.csv'),
      (error) => append(clear(errors), [messageBar('error', error.message)]));
  });
  pngButton.addEventListener('click', () => {
    // Every tenant's chart, one under the other, as the page shows them.
    const canvases = plots.map((p) => p.ctx.canvas);
    if (!canvases.length) return;
    const out = document.createElement('canvas');
    out.width = Math.max(...canvases.map((c) => c.width));
    out.height = canvases.reduce((h, c) => h + c.height, 0);
    const ctx = out.getContext('2d');
    ctx.fillStyle = getComputedStyle(document.body).backgroundColor || '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
    let y = 0;
    for (const c of canvases) { ctx.drawImage(c, 0, y); y += c.height; }
    out.toBlob((blob) => downloadBlob(blob, 'latency.png'), 'image/png');
  });

  const off = rpc.subscribe('latency', onPush);
  fetch();
  // Heat maps and anything a push does not carry: the whole answer again now and then.
  const refresh = setInterval(() => { if (live && !gone) fetch(); }, 30000);
  return () => {
    gone = true;
    off();
    clearInterval(refresh);
    clearTimeout(timer);
    for (const p of plots) p.destroy();
  };
}
