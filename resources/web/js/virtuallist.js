// A list of `total` rows of fixed height that only builds the rows in view,
// fetching pages from the server as they scroll into view (a million rows
// scroll like a hundred). fetchPage(offset, limit) -> Promise<items[]>.
import { el, clear } from './dom.js';

const pageSize = 200;

export class VirtualList {
  constructor({ rowHeight = 28, renderRow, fetchPage }) {
    this.rowHeight = rowHeight;
    this.renderRow = renderRow;
    this.fetchPage = fetchPage;
    this.pages = new Map();
    this.total = 0;
    this.spacer = el('div', { class: 'vlist-spacer' });
    this.rows = el('div', { class: 'vlist-rows', role: 'rowgroup' });
    this.element = el('div', { class: 'vlist', role: 'table', tabindex: '0' }, this.spacer, this.rows);
    this.element.addEventListener('scroll', () => this.schedule());
    new ResizeObserver(() => this.schedule()).observe(this.element);
  }

  // A new listing: `firstPage` holds the items from offset 0.
  reset(total, firstPage) {
    this.total = total;
    this.pages = new Map([[0, firstPage]]);
    this.generation = (this.generation || 0) + 1;
    this.version = (this.version || 0) + 1;
    this.spacer.style.height = `${total * this.rowHeight}px`;
    this.element.scrollTop = 0;
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  draw() {
    const first = Math.floor(this.element.scrollTop / this.rowHeight);
    const count = Math.ceil(this.element.clientHeight / this.rowHeight) + 2;
    const last = Math.min(this.total, first + count);
    // Rows are rebuilt only when what they show changed: a row being clicked stays.
    const key = `${first}:${last}:${this.version}`;
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    clear(this.rows);
    this.rows.style.transform = `translateY(${first * this.rowHeight}px)`;
    for (let index = first; index < last; ++index) {
      const page = Math.floor(index / pageSize);
      const items = this.pages.get(page);
      if (!items) {
        this.load(page);
        this.rows.append(el('div', { class: 'vlist-row loading', role: 'row' }, '…'));
        continue;
      }
      const row = this.renderRow(items[index - page * pageSize], index);
      row.style.height = `${this.rowHeight}px`;
      this.rows.append(row);
    }
  }

  load(page) {
    if (this.pages.has(page)) return;
    this.pages.set(page, null); // asked for
    const generation = this.generation;
    this.fetchPage(page * pageSize, pageSize).then((items) => {
      if (generation !== this.generation) return;
      this.pages.set(page, items);
      this.version += 1;
      this.schedule();
    }, () => this.pages.delete(page));
  }
}

export { pageSize };
