// The web console: one WebSocket to the server that serves this page, one
// page at a time, chosen by the URL.
import { el, messageBar } from './dom.js';
import { RpcClient } from './rpc.js';
import { currentRoute, onRouteChange } from './router.js';
import { initTheme } from './theme.js';
import { initPalette } from './palette.js';
import * as overview from './pages/overview.js';
import * as catalog from './pages/catalog.js';
import * as object from './pages/object.js';
import * as search from './pages/search.js';
import * as materialization from './pages/materialization.js';
import * as permissions from './pages/permissions.js';
import * as access from './pages/access.js';
import * as latency from './pages/latency.js';
import * as lineage from './pages/lineage.js';
import * as compare from './pages/compare.js';
import * as exportPage from './pages/export.js';

const pages = { overview, catalog, object, search, lineage, compare, latency, materialization, permissions, access, export: exportPage };

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
  const container = el('div', { class: 'page' });
  main.replaceChildren(container);
  for (const link of document.querySelectorAll('nav.pages a'))
    link.toggleAttribute('aria-current', link.dataset.page === route.page);
  const page = pages[route.page];
  if (!page) {
    container.append(messageBar('error', `There is no page "${route.page}".`));
    cleanup = () => {};
    return;
  }
  document.title = `${route.page[0].toUpperCase()}${route.page.slice(1)} – Feast Console`;
  cleanup = page.render(container, route, context) || (() => {});
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
