// Materialization of every batch and stream feature view against its TTL,
// live: the server pushes a new table when a registry reloads or the
// thresholds change.
import { el, clear, table, messageBar, formatTime } from '../dom.js';
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

function spanOf(views) {
  const starts = views.flatMap((v) => v.intervals.map(([start]) => Date.parse(start))).filter(Number.isFinite);
  if (!starts.length) return null;
  return { from: Math.min(...starts), to: Math.max(Date.now(), ...views.flatMap((v) => v.intervals.map(([, end]) => Date.parse(end)))) };
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

export function render(container, route, { rpc }) {
  const problemsOnly = route.params.problems === '1';
  const toggle = el('input', { type: 'checkbox', id: 'problems-only', checked: problemsOnly,
    onchange: () => navigate('materialization', { problems: toggle.checked ? '1' : '' }, { replace: true }) });
  const body = el('div');
  container.append(el('h1', {}, 'Materialization'),
    el('div', { class: 'toolbar' }, toggle, el('label', { for: 'problems-only' }, 'Only stale and never materialized')), body);
  const show = (result) => {
    const views = result.views.filter((v) => !problemsOnly || v.state === 'stale' || v.state === 'never');
    const span = spanOf(result.views);
    const withSpan = columns.map((c) => ({ ...c, cell: (v) => c.cell(v, span) }));
    const axis = span ? ` · timeline ${new Date(span.from).toLocaleDateString()} – now` : '';
    clear(body).append(views.length ? table(withSpan, views, { caption: `${views.length} of ${result.views.length} views${axis}` })
      : messageBar('info', problemsOnly ? 'No view is stale or unmaterialized.' : 'No materialized views loaded yet.'));
  };
  rpc.request('materialization.list').then(show, (e) => body.append(messageBar('error', e.message)));
  return rpc.subscribe('materialization', show);
}
