// Materialization of every batch and stream feature view against its TTL,
// a page at a time (a registry may hold tens of thousands of views): the
// server counts every view's state and sends the window asked for; when a
// registry reloads or the thresholds change it pushes the new counts and the
// page asks again for its window.
import { el, append, clear, table, messageBar, formatTime } from '../dom.js';
import { navigate, routeHref } from '../router.js';

const duration = (s) => {
  if (s === null || s === undefined) return '–';
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
};

const SVG = 'http://www.w3.org/2000/svg';
const TIMELINE_WIDTH = 260;

function svgNode(tag, attributes, title) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
  if (title) {
    const t = document.createElementNS(SVG, 'title');
    t.textContent = title;
    node.append(t);
  }
  return node;
}

// Every view's materialized intervals (and the gaps between them) on one
// time axis shared by the rows, from the earliest interval to now.
function timeline(view, span) {
  const root = svgNode('svg', { class: 'timeline', width: TIMELINE_WIDTH, height: 14, role: 'img',
    'aria-label': `${view.intervals.length} interval(s), ${view.gaps.length} gap(s)` });
  if (!span) return root;
  const x = (iso) => ((Date.parse(iso) - span.from) / (span.to - span.from)) * TIMELINE_WIDTH;
  root.append(svgNode('rect', { x: 0, y: 6, width: TIMELINE_WIDTH, height: 2, class: 'axis' }));
  for (const [kind, list] of [['interval', view.intervals], ['gap', view.gaps]]) {
    for (const [start, end] of list) {
      const left = Math.max(0, x(start));
      root.append(svgNode('rect', { x: left, y: kind === 'gap' ? 1 : 2, width: Math.max(1.5, Math.min(TIMELINE_WIDTH, x(end)) - left),
        height: kind === 'gap' ? 12 : 10, class: kind },
      `${kind === 'gap' ? 'gap' : 'materialized'}: ${formatTime(start)} – ${formatTime(end)}`));
    }
  }
  return root;
}

const columns = [
  { title: 'State', cell: (v) => el('span', { class: `fresh fresh-${v.state}` }, v.state) },
  { title: 'View', cell: (v) => el('a', { href: routeHref('object', { registry: v.registry, kind: v.kind, project: v.project, name: v.feature_view }) }, v.feature_view) },
  { title: 'Project', cell: (v) => v.project },
  { title: 'Tenant', cell: (v) => v.tenant },
  { title: 'Connection', cell: (v) => v.registry },
  { title: 'Materialized up to', cell: (v) => formatTime(v.last_materialized_end) },
  { title: 'Age', className: 'num', cell: (v) => duration(v.freshness_s) },
  { title: 'TTL', className: 'num', cell: (v) => (v.ttl_s ? duration(v.ttl_s) : 'none') },
  { title: 'Gaps', className: 'num', cell: (v) => String(v.gaps.length) },
  { title: 'Timeline', cell: (v, span) => timeline(v, span) },
];

const PAGE = 200;

export function render(container, route, { rpc }) {
  const problemsOnly = route.params.problems === '1';
  const filter = route.params.filter || '';
  const offset = Math.max(0, Number.parseInt(route.params.offset || '0', 10) || 0);
  const go = (changes) => navigate('materialization', { problems: problemsOnly ? '1' : '', filter, offset: '', ...changes }, { replace: true });
  const toggle = el('input', { type: 'checkbox', id: 'problems-only', checked: problemsOnly,
    onchange: () => go({ problems: toggle.checked ? '1' : '' }) });
  const search = el('input', { type: 'search', value: filter, placeholder: 'View, project, tenant or connection',
    'aria-label': 'Filter views', onchange: () => go({ filter: search.value.trim() }) });
  const counts = el('p', { class: 'summary', role: 'status' }, 'loading…');
  const body = el('div');
  container.append(el('h1', {}, 'Materialization'),
    el('div', { class: 'toolbar' }, toggle, el('label', { for: 'problems-only' }, 'Only stale and never materialized'), search),
    counts, body);
  let latest = 0;
  const show = (result) => {
    const c = result.counts;
    const all = Object.values(c).reduce((a, b) => a + b, 0);
    counts.textContent = `${all.toLocaleString()} views: ${c.fresh} fresh, ${c.stale} stale, ${c.never} never materialized` +
      (c.offline ? `, ${c.offline} offline` : '');
    const span = result.span ? { from: result.span.from_ms, to: result.span.to_ms } : null;
    const withSpan = columns.map((col) => ({ ...col, cell: (v) => col.cell(v, span) }));
    const axis = span ? ` · timeline ${new Date(span.from).toLocaleDateString()} – now` : '';
    const last = result.offset + result.views.length;
    const pager = el('div', { class: 'toolbar pager' },
      el('button', { type: 'button', disabled: result.offset === 0, onclick: () => go({ offset: String(Math.max(0, result.offset - PAGE)) }) }, '← Previous'),
      el('span', { class: 'summary' }, result.total ? `${result.offset + 1}–${last} of ${result.total.toLocaleString()}` : ''),
      el('button', { type: 'button', disabled: last >= result.total, onclick: () => go({ offset: String(result.offset + PAGE) }) }, 'Next →'));
    append(clear(body), result.views.length
      ? [pager, table(withSpan, result.views, { caption: `${result.views.length} of ${result.total} views${axis}` })]
      : [messageBar('info', problemsOnly || filter ? 'No view matches.' : 'No materialized views loaded yet.')]);
  };
  const ask = () => {
    const ticket = ++latest;
    rpc.request('materialization.list', { offset, limit: PAGE, problems: problemsOnly, filter })
      .then((result) => { if (ticket === latest) show(result); }, (e) => clear(body).append(messageBar('error', e.message)));
  };
  ask();
  // A push says the counts moved: the window is asked again (at most once a second).
  let pending = null;
  const off = rpc.subscribe('materialization', () => {
    if (!pending) pending = setTimeout(() => { pending = null; ask(); }, 1000);
  });
  return () => { off(); clearTimeout(pending); latest = -1; };
}
