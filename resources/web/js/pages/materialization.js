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
    clear(body).append(views.length ? table(columns, views, { caption: `${views.length} of ${result.views.length} views` })
      : messageBar('info', problemsOnly ? 'No view is stale or unmaterialized.' : 'No materialized views loaded yet.'));
  };
  rpc.request('materialization.list').then(show, (e) => body.append(messageBar('error', e.message)));
  return rpc.subscribe('materialization', show);
}
