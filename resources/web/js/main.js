// The web console: one WebSocket to the server that serves this page, one
// page at a time, chosen by the URL.
import { el, messageBar } from './dom.js';
import { RpcClient } from './rpc.js';
import { currentRoute, onRouteChange } from './router.js';
import { initTheme } from './theme.js';
import { initPalette } from './palette.js';

// Pages load when first shown (the first load fetches only the overview's).
const pages = {
  overview: () => import('./pages/overview.js'),
  catalog: () => import('./pages/catalog.js'),
  object: () => import('./pages/object.js'),
  search: () => import('./pages/search.js'),
  lineage: () => import('./pages/lineage.js'),
  compare: () => import('./pages/compare.js'),
  latency: () => import('./pages/latency.js'),
  materialization: () => import('./pages/materialization.js'),
  permissions: () => import('./pages/permissions.js'),
  access: () => import('./pages/access.js'),
  export: () => import('./pages/export.js'),
};

const rpc = new RpcClient(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
const context = { rpc, kinds: [] };
const main = document.getElementById('page');
let cleanup = () => {};
let shown = null; // the fragment on screen

// Each page renders into its own element: answers that arrive after the user
// moved on land in a detached node, never on the next page.
function show(event) {
  if (event && event.type !== 'routechange' && location.hash === shown) return; // popstate and hashchange both fire
  shown = location.hash;
  const route = currentRoute();
  cleanup();
  cleanup = () => {};
  const container = el('div', { class: 'page' });
  main.replaceChildren(container);
  for (const link of document.querySelectorAll('nav.pages a'))
    link.toggleAttribute('aria-current', link.dataset.page === route.page);
  const load = Object.hasOwn(pages, route.page) ? pages[route.page] : null;
  if (!load) {
    container.append(messageBar('error', `There is no page "${route.page}".`));
    return;
  }
  document.title = `${route.page[0].toUpperCase()}${route.page.slice(1)} – Feast Console`;
  const showing = shown;
  load().then((page) => {
    if (showing !== shown || !container.isConnected) return; // the user moved on meanwhile
    cleanup = page.render(container, route, context) || (() => {});
  }, (error) => container.append(messageBar('error', `The page could not be loaded: ${error.message}`)));
}

const linkState = document.getElementById('link-state');
rpc.addEventListener('state', (event) => {
  const open = event.detail === 'open';
  linkState.textContent = open ? 'live' : 'reconnecting…';
  linkState.className = `link-state ${open ? 'live' : 'down'}`;
  if (open && !context.kinds.length) {
    rpc.request('hello').then((hello) => {
      context.kinds = hello.kinds;
      shown = null;
      show();
    }, (error) => main.replaceChildren(messageBar('error', error.message)));
  }
});

initTheme(document.getElementById('theme'));
initPalette(rpc);
onRouteChange(show);
main.append(el('p', { class: 'summary' }, 'Connecting to the console…'));
