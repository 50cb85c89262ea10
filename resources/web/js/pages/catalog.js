// Browsing: connection -> tenant -> project -> kind with counts, and the
// items the choice selects in a list that pages from the server as it
// scrolls. Which columns show is remembered; a column header orders the list
// (the server sorts once, then pages; `sort` and `desc` are in the URL).
import { el, clear, messageBar } from '../dom.js';
import { navigate, routeHref, objectHref } from '../router.js';
import { VirtualList } from '../virtuallist.js';

const columnsKey = 'feast-console.catalog.columns';

const allColumns = [
  { id: 'kind', title: 'Kind', width: '10rem', cell: (i, names) => names[i.kind] || i.kind },
  { id: 'name', title: 'Name', width: 'minmax(12rem, 2fr)', cell: (i) => el('a', { href: objectHref(i) }, i.name) },
  { id: 'feature_view', title: 'Feature view', width: 'minmax(8rem, 1fr)', cell: (i) => i.feature_view || '' },
  { id: 'dtype', title: 'Type', width: '7rem', cell: (i) => i.dtype || '' },
  { id: 'project', title: 'Project', width: 'minmax(8rem, 1fr)', cell: (i) => i.project },
  { id: 'tenant', title: 'Tenant', width: 'minmax(6rem, 1fr)', cell: (i) => i.tenant || '' },
  { id: 'registry', title: 'Connection', width: 'minmax(6rem, 1fr)', cell: (i) => i.registry },
  { id: 'description', title: 'Description', width: 'minmax(10rem, 3fr)', cell: (i) => i.description || '' },
];

function shownColumns() {
  try {
    const saved = JSON.parse(localStorage.getItem(columnsKey));
    if (Array.isArray(saved) && saved.length) return allColumns.filter((c) => saved.includes(c.id));
  } catch { /* the defaults */ }
  return allColumns;
}

function treeLink(label, count, params, current) {
  const active = ['registry', 'tenant', 'project', 'kind'].every((k) => (params[k] || '') === (current[k] || ''));
  return el('a', { href: routeHref('catalog', params), class: active ? 'active' : null, 'aria-current': active ? 'page' : null },
    label, count !== undefined ? el('span', { class: 'count' }, String(count)) : null);
}

function navigationTree(tree, current, kindTitles) {
  const root = el('ul', { class: 'tree' });
  for (const connection of tree.connections) {
    const tenants = el('ul');
    for (const tenant of connection.tenants) {
      const projects = el('ul');
      for (const project of tenant.projects) {
        const kinds = el('ul');
        for (const [kind, count] of Object.entries(project.counts))
          kinds.append(el('li', {}, treeLink(kindTitles[kind] || kind, count,
            { registry: connection.name, tenant: tenant.tenant, project: project.project, kind }, current)));
        projects.append(el('li', {}, treeLink(project.project, undefined,
          { registry: connection.name, tenant: tenant.tenant, project: project.project }, current), kinds));
      }
      tenants.append(el('li', {}, treeLink(tenant.tenant || '(no tenant)', undefined,
        { registry: connection.name, tenant: tenant.tenant }, current), projects));
    }
    root.append(el('li', {}, treeLink(connection.name, undefined, { registry: connection.name }, current), tenants));
  }
  return el('nav', { class: 'navigation', 'aria-label': 'Connections, tenants and projects' }, root);
}

function columnChooser(columns, onChange) {
  const boxes = allColumns.map((c) => {
    const box = el('input', { type: 'checkbox', checked: columns.includes(c), onchange: () => {
      const chosen = allColumns.filter((_, i) => boxes[i].checked).map((x) => x.id);
      if (!chosen.length) return;
      localStorage.setItem(columnsKey, JSON.stringify(chosen));
      onChange();
    } });
    return box;
  });
  return el('details', { class: 'columns' }, el('summary', {}, 'Columns'),
    allColumns.map((c, i) => el('label', {}, boxes[i], c.title)));
}

export function render(container, route, { rpc, kinds }) {
  const filter = ['registry', 'tenant', 'project', 'kind'].reduce((f, k) => (route.params[k] ? { ...f, [k]: route.params[k] } : f), {});
  const sortable = new Set(['kind', 'name', 'feature_view', 'dtype', 'project', 'tenant', 'registry']);
  const sort = sortable.has(route.params.sort) ? route.params.sort : '';
  const descending = sort && route.params.desc === '1';
  const order = sort ? { sort, descending } : {};
  const kindTitles = Object.fromEntries(kinds.map((k) => [k.id, k.title]));
  const kindNames = Object.fromEntries(kinds.map((k) => [k.id, k.name]));
  const columns = shownColumns();
  const template = columns.map((c) => c.width).join(' ');
  const header = el('div', { class: 'vlist-row header', role: 'row' }, columns.map((c) => {
    if (!sortable.has(c.id)) return el('span', { role: 'columnheader' }, c.title);
    const current = sort === c.id;
    const next = current && !descending ? { sort: c.id, desc: '1' } : (current ? {} : { sort: c.id });
    return el('span', { role: 'columnheader', 'aria-sort': current ? (descending ? 'descending' : 'ascending') : 'none' },
      el('a', { href: routeHref('catalog', { ...filter, ...next }), class: 'sort', title: `Order by ${c.title.toLowerCase()}` },
        c.title, current ? (descending ? ' ▼' : ' ▲') : ''));
  }));
  header.style.setProperty('--columns', template);
  const list = new VirtualList({
    renderRow: (item) => {
      const row = el('div', { class: 'vlist-row', role: 'row' }, columns.map((c) => el('span', { role: 'cell', title: item[c.id] || '' }, c.cell(item, kindNames))));
      row.style.setProperty('--columns', template);
      return row;
    },
    fetchPage: (offset, limit) => rpc.request('catalog.list', { ...filter, ...order, offset, limit }).then((r) => r.items),
  });
  const kindSelect = el('select', { 'aria-label': 'Kind', onchange: () => navigate('catalog', { ...filter, kind: kindSelect.value, sort, desc: descending ? '1' : '' }) },
    el('option', { value: '' }, 'Every kind'), kinds.map((k) => el('option', { value: k.id, selected: k.id === filter.kind }, k.title)));
  const summary = el('span', { class: 'summary', role: 'status' }, 'loading…');
  const treeSlot = el('div', { class: 'tree-slot' });
  const message = el('div');
  container.append(el('div', { class: 'catalog' }, treeSlot,
    el('section', { class: 'listing' }, el('h1', {}, 'Catalog'),
      el('div', { class: 'toolbar' }, kindSelect, columnChooser(columns, () => window.dispatchEvent(new Event('routechange'))), summary),
      message, header, list.element)));
  const fail = (error) => clear(message).append(messageBar('error', error.message));
  rpc.request('navigation.tree').then((tree) => treeSlot.append(navigationTree(tree, filter, kindTitles)), fail);
  const onProgress = ({ done, total }) => { if (total > 0) summary.textContent = `ordering… ${Math.floor(100 * Math.min(1, done / total))} %`; };
  if (sort) summary.textContent = 'ordering…';
  rpc.request('catalog.list', { ...filter, ...order, offset: 0, limit: 200 }, { onProgress }).then((page) => {
    summary.textContent = `${page.total.toLocaleString()} item(s)`;
    list.reset(page.total, page.items);
  }, fail);
  return () => {};
}
