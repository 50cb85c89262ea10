// One object: what the registry holds about it, its features, the objects
// it refers to (links), and its definition as the registry stores it.
// On-demand transformations are shown as text and never run.
import { el, table, messageBar, formatTime } from '../dom.js';
import { routeHref, objectHref } from '../router.js';

function tags(tagsObject) {
  const entries = Object.entries(tagsObject || {});
  return entries.length ? el('ul', { class: 'tags' }, entries.map(([k, v]) => el('li', {}, `${k}=${v}`))) : '–';
}

function facts(object) {
  const rows = [
    ['Kind', object.kind + (object.subtype ? ` (${object.subtype})` : '')],
    ['Project', el('a', { href: routeHref('catalog', { registry: object.registry, project: object.project }) }, object.project)],
    ['Tenant', object.tenant || '–'],
    ['Connection', object.registry],
    ['Owner', object.owner || '–'],
    ['Feature view', object.feature_view ? el('a', { href: objectHref({ registry: object.registry, project: object.project,
      kind: object.feature_view_kind || 'feature_view', name: object.feature_view }) }, object.feature_view) : null],
    ['Type', object.dtype || null],
    ['Created', object.created !== undefined ? formatTime(object.created) : null],
    ['Updated', object.updated !== undefined ? formatTime(object.updated) : null],
    ['Tags', tags(object.tags)],
  ].filter(([, v]) => v !== null);
  return el('dl', { class: 'facts' }, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

const lineageKinds = new Set(['data_source', 'entity', 'feature_view', 'on_demand_feature_view', 'stream_feature_view',
  'batch_feature_view', 'feature_service', 'saved_dataset', 'validation_reference', 'label_view']);

function lineageLink(object) {
  if (!lineageKinds.has(object.kind)) return null;
  return el('p', {}, el('a', { class: 'button', href: routeHref('lineage', { registry: object.registry, project: object.project,
    kind: object.kind, name: object.name }) }, 'Lineage: what it uses and what uses it'));
}

function references(object) {
  if (!object.references || !object.references.length) return null;
  return el('section', {}, el('h2', {}, 'Refers to'), el('ul', { class: 'refs' }, object.references.map((ref) =>
    el('li', {}, el('a', { href: objectHref({ ...ref, registry: object.registry, project: ref.project || object.project }) },
      `${ref.kind} ${ref.name}`)))));
}

function features(object) {
  if (!object.features) return null;
  return el('section', {}, el('h2', {}, `Features (${object.features.length})`), table([
    { title: 'Name', cell: (f) => el('a', { href: objectHref({ kind: 'feature', registry: object.registry, project: object.project, feature_view: object.name, name: f.name }) }, f.name) },
    { title: 'Type', cell: (f) => f.dtype },
    { title: 'Description', className: 'wide', cell: (f) => f.description || '' },
  ], object.features));
}

export function render(container, route, { rpc }) {
  const { registry, kind, project, name } = route.params;
  container.append(el('h1', {}, name || 'Object'));
  rpc.request('catalog.show', { registry, kind, project, name }).then((result) => {
    for (const object of result.objects) {
      container.append(el('article', { class: 'object' },
        object.description ? el('p', { class: 'description' }, object.description) : null,
        facts(object), lineageLink(object), features(object), references(object),
        object.detail ? el('section', {}, el('h2', {}, 'Definition'),
          el('pre', { class: 'definition' }, JSON.stringify(object.detail, null, 2))) : null,
        object.detail_error ? messageBar('warning', object.detail_error) : null));
    }
  }, (error) => container.append(messageBar('error', error.message)));
  return () => {};
}
