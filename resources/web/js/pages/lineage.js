// A project's lineage as the desktop lays it out (the server computes the
// layered drawing): data sources and entities on the left, what uses them to
// the right. Focused on one object (`kind` and `name` in the URL) it shows
// everything upstream and downstream of it. Each box opens its object; "focus"
// narrows to it. Drawn as SVG built node by node (names are text).
import { el, clear, messageBar } from '../dom.js';
import { navigate, routeHref, objectHref } from '../router.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function fit(text, width) {
  const max = Math.max(4, Math.floor(width / 7.2));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function drawing(answer) {
  const { graph, registry, project } = answer;
  const margin = 12;
  const root = svg('svg', { class: 'lineage', width: graph.width + 2 * margin, height: graph.height + 2 * margin,
    viewBox: `${-margin} ${-margin} ${graph.width + 2 * margin} ${graph.height + 2 * margin}`, role: 'img',
    'aria-label': `Lineage of ${project}` });
  root.append(svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }))));
  for (const edge of graph.edges) {
    const d = edge.route.map(([x, y], i) => `${i ? 'L' : 'M'} ${x} ${y}`).join(' ');
    root.append(svg('path', { d, class: 'edge', 'marker-end': 'url(#arrow)' }));
  }
  for (const node of graph.nodes) {
    const classes = ['node', `kind-${node.kind}`, node.external ? 'external' : '', node.missing ? 'missing' : ''].filter(Boolean).join(' ');
    const box = svg('g', { class: classes, transform: `translate(${node.x} ${node.y})` },
      svg('title', {}, `${node.kind} ${node.project}/${node.name}${node.missing ? ' (missing: referenced, not in the registry)' : ''}`),
      svg('rect', { width: node.w, height: node.h, rx: 6 }),
      svg('text', { x: 10, y: 18, class: 'kind' }, fit(node.kind.replace(/_/g, ' ') + (node.subtype ? ` · ${node.subtype}` : ''), node.w - 20)),
      svg('text', { x: 10, y: 36, class: 'name' }, fit(node.external ? `${node.project}/${node.name}` : node.name, node.w - 20)));
    const link = node.missing ? box : svg('a', { href: objectHref({ registry: node.registry || registry, kind: node.kind, project: node.project, name: node.name }) }, box);
    root.append(link);
  }
  return root;
}

export function render(container, route, { rpc }) {
  const { project = '', registry = '', kind = '', name = '' } = route.params;
  const projectSelect = el('select', { 'aria-label': 'Project', onchange: () => navigate('lineage', { project: projectSelect.value }) },
    el('option', { value: '' }, 'Choose a project…'));
  const focus = el('input', { type: 'text', placeholder: 'Focus: kind:name (e.g. feature_view:driver_stats)', 'aria-label': 'Focus',
    value: kind && name ? `${kind}:${name}` : '',
    onchange: () => {
      const [k, ...rest] = focus.value.trim().split(':');
      navigate('lineage', { project, registry, kind: rest.length ? k : '', name: rest.join(':') });
    } });
  const showAll = el('a', { class: 'button', href: routeHref('lineage', { project, registry }) }, 'Show all');
  const summary = el('span', { class: 'summary' });
  const out = el('div', { class: 'lineage-scroll' });
  container.append(el('h1', {}, kind && name ? `Lineage of ${name}` : 'Lineage'),
    el('div', { class: 'toolbar' }, projectSelect, focus, kind && name ? showAll : null, summary), out);

  rpc.request('navigation.tree').then((tree) => {
    const projects = [...new Set(tree.connections.flatMap((c) => c.tenants.flatMap((t) => t.projects.map((p) => p.project))))].sort();
    for (const p of projects) projectSelect.append(el('option', { value: p, selected: p === project }, p));
  }, () => {});
  if (!project) {
    out.append(messageBar('info', 'Choose a project to draw its lineage.'));
    return () => {};
  }
  const params = { project, ...(registry ? { registry } : {}), ...(kind && name ? { kind, name } : {}) };
  rpc.request('lineage.graph', params).then((answer) => {
    summary.textContent = `${answer.graph.nodes.length} objects, ${answer.graph.edges.length} links on ${answer.registry}` +
      (answer.graph.crossings ? `, ${answer.graph.crossings} crossings` : '');
    clear(out).append(answer.graph.nodes.length ? drawing(answer) : messageBar('info', 'This project has no objects with lineage.'));
  }, (error) => clear(out).append(messageBar('error', error.message)));
  return () => {};
}
