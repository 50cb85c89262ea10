// Search as you type, with the desktop's query language (kind:, tenant:,
// registry:, project:, dtype:, tag keys, view:feature). Only the latest
// query's answer is shown; the server cancels the ones it supersedes.
import { el, clear, table, messageBar } from '../dom.js';
import { navigate, objectHref } from '../router.js';
import { Cancelled } from '../rpc.js';

export const hitColumns = [
  { title: 'Kind', cell: (h) => h.kind },
  { title: 'Name', cell: (h) => el('a', { href: objectHref(h) }, h.feature_view ? `${h.feature_view}:${h.name}` : h.name) },
  { title: 'Type', cell: (h) => h.dtype || '' },
  { title: 'Project', cell: (h) => h.project },
  { title: 'Tenant', cell: (h) => h.tenant || '' },
  { title: 'Connection', cell: (h) => h.registry },
  { title: 'Description', className: 'wide', cell: (h) => h.description || '' },
];

// Runs searches on `rpc`; `show(result)` gets the latest query's answer only.
export function latestSearch(rpc, show, fail) {
  let latest = 0;
  return (query, limit = 50) => {
    const ticket = ++latest;
    rpc.request('search', { query, limit }).then((result) => {
      if (ticket === latest) show(result);
    }, (error) => {
      if (ticket === latest && error.code !== Cancelled) fail(error);
    });
  };
}

export function render(container, route, { rpc }) {
  const input = el('input', { type: 'search', id: 'search-input', value: route.params.q || '', autofocus: true,
    placeholder: 'name, kind:feature, tenant:team-a, dtype:float …', 'aria-label': 'Search' });
  const results = el('div', { id: 'search-results' });
  container.append(el('h1', {}, 'Search'), input, results);
  // The best 50 while typing (a keystroke paints fast); more on request.
  const firstHits = 50;
  let limit = firstHits;
  const search = latestSearch(rpc, (result) => {
    results.dataset.query = result.query; // which query's answer is on screen
    const more = result.total > result.hits.length && limit === firstHits
      ? el('button', { type: 'button', class: 'more', onclick: () => { limit = 500; search(input.value, limit); } },
        `Show up to 500 of ${result.total}`) : null;
    clear(results).append(el('p', { class: 'summary' }, `${result.total} match(es) in ${result.elapsed_ms.toFixed(1)} ms`),
      table(hitColumns, result.hits), ...(more ? [more] : []));
  }, (error) => clear(results).append(messageBar('error', error.message)));
  input.addEventListener('input', () => {
    navigate('search', { q: input.value }, { replace: true, silent: true });
    limit = firstHits;
    if (input.value.trim()) search(input.value, limit);
    else clear(results);
  });
  if (input.value.trim()) search(input.value, limit);
  input.focus();
  return () => {};
}
