// Dark mode follows the system unless the user chose; the choice is remembered.
const key = 'feast-console.theme';

export function initTheme(select) {
  const apply = (choice) => {
    if (choice === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = choice;
  };
  const saved = localStorage.getItem(key) || 'system';
  select.value = saved;
  apply(saved);
  select.addEventListener('change', () => {
    localStorage.setItem(key, select.value);
    apply(select.value);
  });
}
