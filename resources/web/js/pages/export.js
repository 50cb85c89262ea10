// Feast Operator FeatureStore CRs for a topology: the form carries
// `export-cr`'s option names, the server validates against the Operator's
// CRD, the page shows the YAML, its problems and a download. The form's
// state lives in the URL.
import { el, clear, messageBar } from '../dom.js';
import { navigate } from '../router.js';

const choices = {
  topology: ['minimal', 'standard', 'enterprise-shared', 'enterprise-isolated', 'airgapped'],
  auth: ['', 'none', 'kubernetes', 'oidc'],
  traffic: ['', 'low', 'medium', 'high'],
  env: ['', 'generic', 'aws', 'gcp', 'on-premises'],
  tls: ['', 'yes', 'no'],
};
const texts = ['name', 'namespace', 'project', 'tenants', 'online_store', 'offline_store'];

function field(label, control) {
  return el('label', { class: 'field' }, el('span', {}, label), control);
}

export function render(container, route, { rpc }) {
  const state = { topology: 'minimal', ...route.params };
  const controls = {};
  for (const [name, values] of Object.entries(choices)) {
    controls[name] = el('select', { name }, values.map((v) => el('option', { value: v, selected: v === (state[name] || '') }, v || 'default')));
  }
  for (const name of texts) controls[name] = el('input', { type: 'text', name, value: state[name] || '' });
  controls.from_workspace = el('input', { type: 'checkbox', name: 'from_workspace', checked: state.from_workspace === '1' });
  const problems = el('div', { class: 'problems' });
  const yaml = el('pre', { class: 'definition yaml' });
  const download = el('a', { class: 'button', download: 'featurestore.yaml', href: '#' }, 'Download YAML');
  const form = el('form', { class: 'export-form' },
    field('Topology', controls.topology), field('Name', controls.name), field('Namespace', controls.namespace),
    field('Project', controls.project), field('Tenants (a,b,…)', controls.tenants),
    el('label', { class: 'field check' }, controls.from_workspace, el('span', {}, 'One tenant per project of the workspace')),
    field('Online store', controls.online_store), field('Offline store', controls.offline_store),
    field('Auth', controls.auth), field('Traffic', controls.traffic), field('Environment', controls.env), field('TLS', controls.tls));
  container.append(el('h1', {}, 'Export FeatureStore CRs'), form, problems, el('div', { class: 'toolbar' }, download), yaml);

  let latest = 0;
  const generate = () => {
    const params = {};
    const url = {};
    for (const [name, control] of Object.entries(controls)) {
      if (name === 'from_workspace') {
        params.from_workspace = control.checked;
        url.from_workspace = control.checked ? '1' : '';
      } else if (name === 'tls') {
        if (control.value) params.tls = control.value === 'yes';
        url.tls = control.value;
      } else {
        params[name] = control.value;
        url[name] = control.value;
      }
    }
    navigate('export', url, { replace: true, silent: true });
    const ticket = ++latest;
    rpc.request('crexport.generate', params).then((result) => {
      if (ticket !== latest) return;
      const errors = result.reports.flatMap((r) => r.errors.map((e) => `${r.document}: ${e.path ? `${e.path}: ` : ''}${e.message}`));
      clear(problems).append(result.valid ? messageBar('info', `Valid against the Feast Operator's CRD: ${result.reports.length} document(s).`)
        : messageBar('error', [...result.option_problems, ...errors].join('\n') || 'Not valid.'));
      if (result.templates.length) {
        problems.append(el('details', { class: 'templates' },
          el('summary', {}, `${result.templates.length} template(s) to fill in and create first`),
          el('ul', {}, result.templates.map((t) => el('li', {}, `${t.kind} ${t.namespace}/${t.name} – ${t.purpose}`)))));
      }
      yaml.textContent = result.yaml;
      URL.revokeObjectURL(download.href);
      download.href = URL.createObjectURL(new Blob([result.yaml], { type: 'application/yaml' }));
    }, (error) => {
      if (ticket !== latest) return;
      clear(problems).append(messageBar('error', error.message));
      yaml.textContent = '';
    });
  };
  form.addEventListener('input', generate);
  form.addEventListener('change', generate);
  form.addEventListener('submit', (event) => event.preventDefault());
  generate();
  return () => URL.revokeObjectURL(download.href);
}
