// Every page's state lives in the URL's fragment: "#/catalog?kind=feature".
// Reload, back/forward and a copied link restore it.

export function currentRoute() {
  const hash = location.hash.startsWith('#/') ? location.hash.slice(2) : 'overview';
  const [path, query = ''] = hash.split('?');
  const params = Object.fromEntries(new URLSearchParams(query));
  const [page, ...rest] = path.split('/').map(decodeURIComponent);
  return { page: page || 'overview', rest, params };
}

export function routeHref(page, params = {}, rest = []) {
  const clean = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const query = new URLSearchParams(clean).toString();
  const path = [page, ...rest].map(encodeURIComponent).join('/');
  return `#/${path}${query ? `?${query}` : ''}`;
}

// Changes the URL: `replace` for typing (no history entry per key), push
// otherwise. `silent` when the page already shows the new state itself.
export function navigate(page, params = {}, { replace = false, rest = [], silent = false } = {}) {
  const href = routeHref(page, params, rest);
  if (href === location.hash) return;
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  if (!silent) window.dispatchEvent(new Event('routechange'));
}

export function onRouteChange(handler) {
  window.addEventListener('hashchange', handler);
  window.addEventListener('popstate', handler);
  window.addEventListener('routechange', handler);
}

export function objectHref(item) {
  const params = { registry: item.registry, kind: item.kind, project: item.project };
  const name = item.kind === 'feature' && item.feature_view ? `${item.feature_view}:${item.name}` : item.name;
  return routeHref('object', { ...params, name });
}
