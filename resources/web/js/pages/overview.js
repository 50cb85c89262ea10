// The overview: every connection's state and every tenant's health, kept
// live by the server's pushes.
import { el, clear, table, messageBar, formatTime } from '../dom.js';
import { routeHref } from '../router.js';

function stateCell(c) {
  const text = c.state === 'loading' && c.progress_percent !== null && c.progress_percent !== undefined
    ? `loading ${c.progress_percent}%` : c.state;
  return el('span', { class: `state state-${c.state}${c.stale ? ' stale' : ''}` }, c.stale ? `${text} (stale)` : text);
}

const connectionColumns = [
  { title: 'Connection', cell: (c) => el('a', { href: routeHref('catalog', { registry: c.name }) }, c.name) },
  { title: 'State', cell: stateCell },
  { title: 'Loaded', cell: (c) => formatTime(c.last_success) },
  { title: 'Next retry', cell: (c) => formatTime(c.next_retry) },
  { title: 'Error', className: 'wide', cell: (c) => (c.error ? `${c.error.category}: ${c.error.message}` : '') },
];

const number = (v) => (v === null || v === undefined ? '–' : String(v));

const healthColumns = [
  { title: 'Level', cell: (r) => el('span', { class: `level level-${r.level}` }, r.level) },
  { title: 'Connection', cell: (r) => r.registry },
  { title: 'Tenant', cell: (r) => (r.tenant ? el('a', { href: routeHref('catalog', { registry: r.registry, tenant: r.tenant }) }, r.tenant) : '–') },
  { title: 'Projects', className: 'num', cell: (r) => number(r.projects) },
  { title: 'Features', className: 'num', cell: (r) => number(r.features) },
  { title: 'Stale views', className: 'num', cell: (r) => number(r.stale_views) },
  { title: 'Never materialized', className: 'num', cell: (r) => number(r.never_materialized) },
  { title: 'Lint errors', className: 'num', cell: (r) => number(r.lint_errors) },
  { title: 'Latency', cell: (r) => (r.p99_ms === null ? r.latency : `${r.latency} (p99 ${r.p99_ms.toFixed(1)} ms)`) },
  { title: 'Why', className: 'wide', cell: (r) => r.reasons.join('; ') },
];

export function render(container, route, { rpc }) {
  const connections = el('section', { 'aria-label': 'Connections' });
  const health = el('section', { 'aria-label': 'Health' });
  container.append(el('h1', {}, 'Overview'), connections, health);
  const showConnections = (result) => {
    clear(connections).append(el('h2', {}, `Connections of ${result.workspace || 'the workspace'}`),
      table(connectionColumns, result.connections));
  };
  const showHealth = (result) => {
    clear(health).append(el('h2', {}, 'Health'), result.rows.length ? table(healthColumns, result.rows)
      : messageBar('info', 'No tenant has loaded yet.'));
  };
  const fail = (error) => connections.append(messageBar('error', error.message));
  rpc.request('connections.list').then(showConnections, fail);
  rpc.request('health.list').then(showHealth, fail);
  const offConnections = rpc.subscribe('connections', showConnections);
  const offHealth = rpc.subscribe('health', showHealth);
  return () => { offConnections(); offHealth(); };
}
