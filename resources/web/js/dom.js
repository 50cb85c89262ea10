// Building the page from data: every name, tag and description is set as
// text (textContent), never parsed as HTML.

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

// A table from column definitions {title, cell(row) -> Node|string, className}.
export function table(columns, rows, { caption } = {}) {
  const head = el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.className }, c.title)));
  const body = rows.map((row) => el('tr', {}, columns.map((c) => el('td', { class: c.className }, c.cell(row)))));
  return el('table', { class: 'grid' }, caption ? el('caption', {}, caption) : null,
    el('thead', {}, head), el('tbody', {}, body));
}

export function messageBar(kind, text) {
  return el('div', { class: `message ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

export function formatTime(iso) {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

// "Comparing… 40 %" with a progress bar, for a request the server reports
// `progress` on; update() takes the notification's params.
export function progressNote(text) {
  const bar = el('progress', { max: 1, 'aria-label': text });
  const label = el('span', {}, text);
  const element = el('p', { class: 'summary working', role: 'status' }, label, ' ', bar);
  bar.removeAttribute('value'); // indeterminate until the first report
  return {
    element,
    update({ done, total }) {
      if (!(total > 0)) return;
      const share = Math.min(1, done / total);
      bar.value = share;
      label.textContent = `${text} ${Math.floor(share * 100)} %`;
    },
  };
}
