// Who can do what, read-only, answered by the permission engine the CLI's
// `permissions check`, `who-can`, `what-can` and `matrix` use: one tool at a
// time (the URL's `tool`), its form in the URL too. An answer the console
// cannot know (a registry not loaded, a pattern it cannot judge) says so;
// it is never shown as allowed or denied.
import { el, append, clear, table, messageBar, progressNote } from '../dom.js';
import { navigate, routeHref } from '../router.js';

const tools = [
  { id: 'check', title: 'Check', fields: ['user', 'resource', 'action'] },
  { id: 'who', title: 'Who can', fields: ['resource', 'action', 'identities'] },
  { id: 'what', title: 'What can', fields: ['user', 'project', 'kind'] },
  { id: 'matrix', title: 'Access matrix', fields: ['identities', 'project', 'kind'] },
];

const labels = {
  user: ['User', 'name=alice;roles=a,b;groups=g;namespaces=ns'],
  resource: ['Resource', 'feature_view:PROJECT:NAME'],
  action: ['Action', 'read_online (or read, write, crud, all; comma: all required)'],
  identities: ['Extra identities', 'name=ops;namespaces=prod | name=bo;roles=x'],
  project: ['Project', 'every project'],
  kind: ['Kind', 'every kind (feature_view, entity, …)'],
};

const pageSize = 50;
const splitIdentities = (text) => text.split('|').map((s) => s.trim()).filter(Boolean);

// Replaces what the answer area shows (absent parts are skipped).
function show(out, ...children) {
  append(clear(out), children);
}

function verdict(decision) {
  return el('span', { class: `verdict verdict-${decision}` }, decision);
}

function incompleteBar(incomplete) {
  return incomplete && incomplete.length
    ? messageBar('warning', `Incomplete: the permissions of ${incomplete.join(', ')} are not loaded; their resources are missing below.`)
    : null;
}

function showCheck(out, answer) {
  show(out,
    el('p', { class: `decision decision-${answer.decision}` }, verdict(answer.decision), ' ', answer.explanation),
    answer.permissions.length ? el('p', {}, `Deciding permissions: ${answer.permissions.join(', ')}`) : null,
    el('p', { class: 'summary' }, `Asked of connection ${answer.registry}.`),
    answer.resource_found ? null
      : messageBar('info', 'The registry has no such object: judged as a new, untagged object of that kind.'));
}

function showWho(out, answer) {
  const rows = answer.principals;
  show(out,
    answer.project_unsecured ? messageBar('warning', 'The project has no permissions: every authenticated user can.') : null,
    rows.length ? table([
      { title: 'Principal', cell: (p) => p.principal },
      { title: 'Decision', cell: (p) => verdict(p.decision) },
      { title: 'Permissions', cell: (p) => p.permissions.join(', ') || '–' },
      { title: 'Why', className: 'wide', cell: (p) => p.explanation },
    ], rows, { caption: `${rows.length} principal(s) on ${answer.registry}` })
      : messageBar('info', 'Nobody the policies name is allowed.'));
}

function showWhat(out, answer) {
  const rows = answer.rows;
  show(out, incompleteBar(answer.incomplete),
    rows.length ? table([
      { title: 'Connection', cell: (r) => r.registry },
      { title: 'Project', cell: (r) => r.project },
      { title: 'Kind', cell: (r) => r.kind },
      { title: 'Name', cell: (r) => r.name },
      { title: 'Allowed', cell: (r) => r.actions.join(', ') || '–' },
      { title: 'Undecided', cell: (r) => (r.undecided ? [verdict('error'), ` ${r.undecided.join(', ')}`] : '') },
    ], rows, { caption: `${rows.length} resource(s)` })
      : messageBar('info', 'This user may do nothing here.'));
}

function showMatrix(out, answer, { rpc, params, offset, go }) {
  const counts = Object.entries(answer.counts).map(([k, n]) => `${n} ${k}`).join(', ');
  const head = el('tr', {}, ['Connection', 'Tenant', 'Project', 'Kind', 'Name'].map((t) => el('th', { scope: 'col', rowspan: 2 }, t)),
    answer.principals.map((p) => el('th', { scope: 'colgroup', colspan: answer.actions.length, class: 'principal' }, p)));
  const actions = el('tr', {}, answer.principals.flatMap(() => answer.actions.map((a) => el('th', { scope: 'col', class: 'action', title: a }, a.replace('_', ' ')))));
  const body = answer.rows.map((r) => el('tr', {}, el('td', {}, r.registry), el('td', {}, r.tenant || '–'), el('td', {}, r.project),
    el('td', {}, r.kind), el('td', {}, r.name),
    r.cells.flatMap((cell) => cell.map((v) => el('td', { class: `cell verdict-${v}`, title: v }, v[0].toUpperCase())))));
  const last = Math.min(answer.total, offset + answer.rows.length);
  const pager = el('div', { class: 'toolbar' },
    el('button', { type: 'button', disabled: offset === 0, onclick: () => go(Math.max(0, offset - pageSize)) }, '← Previous'),
    el('span', { class: 'summary' }, answer.total ? `Resources ${offset + 1}–${last} of ${answer.total}` : 'No resource'),
    el('button', { type: 'button', disabled: last >= answer.total, onclick: () => go(offset + pageSize) }, 'Next →'),
    el('button', { type: 'button', class: 'csv', onclick: () => downloadCsv(rpc, params, pager) }, 'Download CSV'));
  show(out, incompleteBar(answer.incomplete),
    el('p', { class: 'summary' }, `${answer.principals.length} principals × ${answer.total} resources × ${answer.actions.length} actions: ${counts}. G granted, D denied, U unsecured, E error.`),
    pager, el('div', { class: 'matrix-scroll' }, el('table', { class: 'grid matrix' }, el('thead', {}, head, actions), el('tbody', {}, body))));
}

function downloadCsv(rpc, params, where) {
  rpc.request('permissions.matrix', { ...params, format: 'csv' }).then((answer) => {
    const link = el('a', { href: URL.createObjectURL(new Blob([answer.csv], { type: 'text/csv' })), download: 'access-matrix.csv' });
    where.append(link);
    link.click();
    setTimeout(() => { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  }, (error) => where.append(messageBar('error', error.message)));
}

export function render(container, route, { rpc }) {
  const tool = tools.find((t) => t.id === route.params.tool) || tools[0];
  const state = { ...route.params };
  const tabs = el('nav', { class: 'tabs', 'aria-label': 'Questions' }, tools.map((t) =>
    el('a', { href: routeHref('access', { ...state, tool: t.id, offset: '' }), 'aria-current': t === tool ? 'page' : null }, t.title)));
  const controls = {};
  const form = el('form', { class: 'export-form access-form' }, tool.fields.map((name) => {
    controls[name] = el('input', { type: 'text', name, value: state[name] || '', placeholder: labels[name][1], 'aria-label': labels[name][0] });
    return el('label', { class: 'field' }, el('span', {}, labels[name][0]), controls[name]);
  }), el('div', { class: 'field' }, el('span', {}, '\u00a0'), el('button', { type: 'submit' }, 'Ask')));
  const out = el('div', { class: 'answer', 'aria-live': 'polite' });
  container.append(el('h1', {}, 'Access'), tabs, form, out);

  const values = () => Object.fromEntries(tool.fields.map((name) => [name, controls[name].value.trim()]));
  const paramsOf = (v) => {
    const p = {};
    for (const [name, value] of Object.entries(v)) {
      if (!value) continue;
      p[name] = name === 'identities' ? splitIdentities(value) : value;
    }
    return p;
  };
  let latest = 0;
  const ask = (offset) => {
    const v = values();
    const needed = tool.fields.filter((f) => ['user', 'resource', 'action'].includes(f) && !v[f]);
    if (needed.length) {
      show(out, messageBar('info', `Fill in ${needed.map((f) => labels[f][0].toLowerCase()).join(', ')}.`));
      return;
    }
    const params = paramsOf(v);
    const ticket = ++latest;
    const working = progressNote('Asking…');
    show(out, working.element);
    const method = { check: 'permissions.check', who: 'permissions.whoCan', what: 'permissions.whatCan', matrix: 'permissions.matrix' }[tool.id];
    const request = tool.id === 'matrix' ? { ...params, offset, limit: pageSize } : params;
    rpc.request(method, request, { onProgress: (p) => working.update(p) }).then((answer) => {
      if (ticket !== latest) return;
      if (tool.id === 'check') showCheck(out, answer);
      else if (tool.id === 'who') showWho(out, answer);
      else if (tool.id === 'what') showWhat(out, answer);
      else showMatrix(out, answer, { rpc, params, offset, go: (next) => submit(next) });
    }, (error) => {
      if (ticket !== latest) return;
      const undecidable = error.code === -32004;
      show(out, messageBar(undecidable ? 'warning' : 'error', undecidable ? `Cannot know: ${error.message}` : error.message));
    });
  };
  const submit = (offset = 0) => {
    navigate('access', { ...values(), tool: tool.id, offset: offset ? String(offset) : '' }, { silent: true });
    ask(offset);
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); submit(0); });
  const offset = Math.max(0, Number.parseInt(state.offset || '0', 10) || 0);
  if (tool.id === 'matrix' || tool.fields.every((f) => !['user', 'resource', 'action'].includes(f) || state[f])) ask(offset);
  return () => { latest = -1; };
}
