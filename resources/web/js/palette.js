// Ctrl+K: search everything from any page; Enter opens the first hit.
import { el, clear, append } from './dom.js';
import { objectHref } from './router.js';
import { latestSearch } from './pages/search.js';

export function initPalette(rpc) {
  const dialog = document.getElementById('palette');
  const input = document.getElementById('palette-input');
  const list = document.getElementById('palette-results');
  let hits = [];
  const search = latestSearch(rpc, (result) => {
    hits = result.hits;
    append(clear(list), hits.map((h) => el('li', {}, el('a', { href: objectHref(h), onclick: () => dialog.close() },
      el('span', { class: 'kind' }, h.kind), ' ', h.feature_view ? `${h.feature_view}:${h.name}` : h.name,
      el('span', { class: 'where' }, ` ${h.project} · ${h.registry}`)))));
  }, (error) => clear(list).append(el('li', { class: 'error' }, error.message)));
  const open = () => {
    dialog.showModal();
    input.select();
  };
  document.getElementById('palette-open').addEventListener('click', open);
  window.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
      event.preventDefault();
      open();
    }
  });
  input.addEventListener('input', () => (input.value.trim() ? search(input.value, 20) : clear(list)));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && hits.length) {
      location.hash = objectHref(hits[0]);
      dialog.close();
    }
  });
}
