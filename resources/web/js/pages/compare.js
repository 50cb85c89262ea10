// Two scopes side by side - a connection, a tenant of it or one project -
// compared object by object over Feast's full definitions, as the desktop's
// compare page does (the same code, on the server): what is only on one side,
// what changed and in which fields. The two scopes live in the URL.
import { el, append, clear, table, messageBar, progressNote } from '../dom.js';
import { navigate, objectHref } from '../router.js';
import { Cancelled } from '../rpc.js';

const statusText = { only_left: 'only left', only_right: 'only right', changed: 'changed' };

// "registry", "registry|tenant:T" or "registry|project:P" for a <select>.
function scopeOptions(tree) {
  const options = [];
  for (const c of tree.connections) {
    options.push({ value: c.name, label: c.name });
    for (const t of c.tenants) {
      if (t.tenant) options.push({ value: `${c.name}|tenant:${t.tenant}`, label: `${c.name} › tenant ${t.tenant}` });
      for (const p of t.projects) options.push({ value: `${c.name}|project:${p.project}`, label: `${c.name} › ${p.project}` });
    }
  }
  return options;
}

function scopeParams(value) {
  const [registry, rest = ''] = value.split('|');
  const [what, ...name] = rest.split(':');
  return { registry, ...(what === 'tenant' ? { tenant: name.join(':') } : {}), ...(what === 'project' ? { project: name.join(':') } : {}) };
}

function fieldsTable(fields) {
  return table([
    { title: 'Field', cell: (f) => el('code', {}, f.path) },
    { title: 'Left', className: 'wide', cell: (f) => (f.on_left ? f.left : el('em', {}, 'absent')) },
    { title: 'Right', className: 'wide', cell: (f) => (f.on_right ? f.right : el('em', {}, 'absent')) },
  ], fields);
}

function differenceRow(d, answer) {
  const link = (project, side) => (project
    ? el('a', { href: objectHref({ registry: answer[side].registry, kind: d.kind, project, name: d.name }) }, project) : '–');
  const features = [['only left', d.features_only_left], ['only right', d.features_only_right], ['changed', d.features_changed]]
    .filter(([, list]) => list.length).map(([what, list]) => `features ${what}: ${list.join(', ')}`).join('; ');
  const summary = el('summary', {}, el('span', { class: `diff diff-${d.status}` }, statusText[d.status]), ` ${d.kind} `,
    el('strong', {}, d.name), ' — left ', link(d.left_project, 'left'), ', right ', link(d.right_project, 'right'),
    d.fields.length ? ` · ${d.fields.length} field(s)` : '');
  return el('details', { class: 'difference' }, summary, features ? el('p', {}, features) : null,
    d.fields.length ? fieldsTable(d.fields) : null);
}

export function render(container, route, { rpc }) {
  const { left = '', right = '' } = route.params;
  const leftSelect = el('select', { 'aria-label': 'Left' }, el('option', { value: '' }, 'Left…'));
  const rightSelect = el('select', { 'aria-label': 'Right' }, el('option', { value: '' }, 'Right…'));
  const go = el('button', { type: 'button' }, 'Compare');
  const out = el('div', { class: 'answer', 'aria-live': 'polite' });
  container.append(el('h1', {}, 'Compare'), el('div', { class: 'toolbar' }, leftSelect, '⇄', rightSelect, go), out);
  go.addEventListener('click', () => navigate('compare', { left: leftSelect.value, right: rightSelect.value }));

  rpc.request('navigation.tree').then((tree) => {
    for (const o of scopeOptions(tree)) {
      leftSelect.append(el('option', { value: o.value, selected: o.value === left }, o.label));
      rightSelect.append(el('option', { value: o.value, selected: o.value === right }, o.label));
    }
  }, (error) => out.append(messageBar('error', error.message)));

  if (!left || !right) {
    out.append(messageBar('info', 'Choose two scopes: connections, tenants or projects.'));
    return () => {};
  }
  let gone = false;
  const working = progressNote('Comparing…');
  const { id, promise } = rpc.requestWithId('compare.run', { left: scopeParams(left), right: scopeParams(right) },
    { onProgress: (p) => working.update(p) });
  const stop = el('button', { type: 'button', onclick: () => rpc.request('cancel', { id }).catch(() => {}) }, 'Cancel');
  working.element.append(' ', stop);
  out.append(working.element);
  let settled = false;
  promise.finally(() => { settled = true; }).catch(() => {});
  promise.then((answer) => {
    if (gone) return;
    const c = answer.counts;
    append(clear(out), [
      el('p', { class: 'summary' }, `${answer.left.label} ⇄ ${answer.right.label}: ${answer.identical} identical, ${c.changed} changed, ` +
        `${c.only_left} only left, ${c.only_right} only right` + (answer.by_name_across_projects ? ' (paired by name across the two projects)' : '')),
      answer.errors.length ? messageBar('warning', `Not compared (unreadable): ${answer.errors.join('; ')}`) : null,
      answer.truncated ? messageBar('warning', `Showing the first ${answer.differences.length} of ${answer.total} differences.`) : null,
      answer.differences.length ? answer.differences.map((d) => differenceRow(d, answer))
        : messageBar('info', 'No difference.'),
    ]);
  }, (error) => {
    if (gone) return;
    clear(out).append(error.code === Cancelled ? messageBar('info', 'Comparison cancelled.') : messageBar('error', error.message));
  });
  return () => {
    gone = true;
    if (!settled) rpc.request('cancel', { id }).catch(() => {}); // nobody will read it

  };
}
