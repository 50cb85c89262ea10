// Feast permissions, read-only: every connection's in the order Feast
// enforces them (the first matching permission that accepts the user
// grants), each with its field warnings, and the lint's findings.
import { el, clear, table, messageBar } from '../dom.js';
import { navigate } from '../router.js';

const list = (values) => (values && values.length ? values.join(', ') : '–');

function policyText(policy) {
  switch (policy.kind) {
    case 'allow_all': return 'allow all';
    case 'role': return `roles: ${list(policy.roles)}`;
    case 'group': return `groups: ${list(policy.groups)}`;
    case 'namespace': return `namespaces: ${list(policy.namespaces)}`;
    default: return `groups: ${list(policy.groups)}; namespaces: ${list(policy.namespaces)}`;
  }
}

const permissionColumns = [
  { title: '#', className: 'num', cell: (p) => String(p.order) },
  { title: 'Connection', cell: (p) => p.registry },
  { title: 'Project', cell: (p) => p.project },
  { title: 'Name', cell: (p) => p.name },
  { title: 'Policy', cell: (p) => policyText(p.policy) },
  { title: 'Types', cell: (p) => list(p.types) },
  { title: 'Name patterns', cell: (p) => list(p.name_patterns) },
  { title: 'Actions', cell: (p) => list(p.actions) },
  { title: 'Warnings', className: 'wide', cell: (p) => p.warnings.join(' ') },
];

const findingColumns = [
  { title: 'Severity', cell: (f) => el('span', { class: `level level-${f.severity === 'error' ? 'error' : 'warning'}` }, f.severity) },
  { title: 'Connection', cell: (f) => f.registry },
  { title: 'Project', cell: (f) => f.project || (f.tenant ? `tenant ${f.tenant}` : '–') },
  { title: 'Permission', cell: (f) => f.permission || '–' },
  { title: 'Finding', cell: (f) => f.kind },
  { title: 'Why', className: 'wide', cell: (f) => f.message },
];

export function render(container, route, { rpc }) {
  const project = route.params.project || '';
  const filter = el('input', { type: 'search', value: project, placeholder: 'Only this project', 'aria-label': 'Project',
    onchange: () => navigate('permissions', { project: filter.value.trim() }) });
  const body = el('div');
  container.append(el('h1', {}, 'Permissions'), el('div', { class: 'toolbar' }, filter,
    el('span', { class: 'summary' }, 'Read-only; in the order Feast enforces them.')), body);
  rpc.request('permissions.list', project ? { project } : {}).then((result) => {
    const ordered = result.permissions.map((p, i) => ({ ...p, order: i + 1 }));
    clear(body).append(
      el('h2', {}, `Findings (${result.findings.length})`),
      result.findings.length ? table(findingColumns, result.findings) : messageBar('info', 'The lint finds nothing.'),
      el('h2', {}, `Permissions (${ordered.length})`),
      ordered.length ? table(permissionColumns, ordered)
        : messageBar('warning', 'No permission: Feast lets every user do everything here.'));
  }, (error) => clear(body).append(messageBar('error', error.message)));
  return () => {};
}
