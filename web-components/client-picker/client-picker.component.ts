import { css, html, LitElement, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { Pax8ApiClient } from '../shared/api-client';
import { icons } from '../shared/icons';
import { baseStyles } from '../shared/styles';
import type { HostClientOption, Suggestion } from '../shared/types';
import { pickerStrings as t, reasonText } from './client-picker.strings';

interface Option {
  id: string;
  name: string;
  detail: string;
  disabled: boolean;
  group: 'suggested' | 'clients';
}

const SEARCH_DELAY_MS = 200;
const SEARCH_LIMIT = 20;
let instances = 0;

/**
 * @summary An accessible combobox (ARIA 1.2 pattern) to pick one host client: the matcher's suggestions
 * first with their reason, then the host's clients searched on the server as you type. Arrow keys move,
 * Enter or a click chooses, Escape closes; nothing is committed until an explicit choice.
 * @event pax8-client-chosen - `detail: { clientId, clientName }`, on an explicit choice only.
 * @csspart input - the text box.
 * @csspart listbox - the list of options.
 */
export class Pax8ClientPicker extends LitElement {
  static styles = [
    baseStyles,
    css`
      :host { display: block; min-width: 0; }
      .wrap { position: relative; }
      .wrap svg.i { position: absolute; left: 9px; top: 9px; color: var(--_muted); pointer-events: none; }
      input { padding-left: 30px !important; }
      [role='listbox'] {
        margin: 4px 0 0; padding: 4px; list-style: none; border: 1px solid var(--_border); border-radius: 6px;
        background: var(--_surface); max-height: 260px; overflow: auto; box-shadow: 0 6px 18px rgb(0 0 0 / 0.12);
      }
      .group { padding: 6px 8px 2px; font-size: 0.75rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: var(--_muted); }
      [role='option'] { padding: 6px 8px; border-radius: 4px; cursor: pointer; display: flex; justify-content: space-between; gap: 8px; flex-wrap: wrap; }
      [role='option'][aria-selected='true'] { background: var(--_info-bg); outline: 2px solid var(--_focus); outline-offset: -2px; }
      [role='option'][aria-disabled='true'] { cursor: not-allowed; color: var(--_muted); }
      .detail { font-size: 0.8rem; color: var(--_muted); }
      .state { padding: 6px 8px; color: var(--_muted); }
    `,
  ];

  /** Where to search the host's clients (set by the companies element). */
  @property({ attribute: false }) api: Pax8ApiClient | null = null;
  @property({ attribute: false }) suggestions: Suggestion[] = [];
  @property({ attribute: 'company-name' }) companyName = '';
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private open = false;
  @state() private text = '';
  @state() private results: HostClientOption[] = [];
  @state() private searching = false;
  @state() private searchError = '';
  @state() private active = -1;
  @query('input') private input!: HTMLInputElement;

  private readonly uid = `pk${++instances}`;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private searchSeq = 0;

  /** Puts the focus in the text box (e.g. after a refused choice). */
  focus(): void {
    this.input?.focus();
  }

  private get options(): Option[] {
    const q = this.text.trim().toLowerCase();
    const suggested = this.suggestions
      .filter((s) => !q || s.clientName.toLowerCase().includes(q))
      .map<Option>((s) => ({ id: s.clientId, name: s.clientName, detail: reasonText(s.rule, s.score), disabled: false, group: 'suggested' }));
    const seen = new Set(suggested.map((o) => o.id));
    const clients = this.results
      .filter((c) => !seen.has(c.id))
      .map<Option>((c) => ({ id: c.id, name: c.name, detail: c.mappedTo ? t.mappedElsewhere : (c.accountNumber ?? ''), disabled: !!c.mappedTo, group: 'clients' }))
      // Clients already mapped elsewhere go last: they cannot be chosen.
      .sort((a, b) => Number(a.disabled) - Number(b.disabled));
    return [...suggested, ...clients];
  }

  private openList(): void {
    if (this.disabled || this.open) return;
    this.open = true;
    if (!this.results.length) this.search();
  }

  private close(): void {
    this.open = false;
    this.active = -1;
  }

  private search(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      if (!this.api) return;
      const seq = ++this.searchSeq;
      this.searching = true;
      try {
        const q = encodeURIComponent(this.text.trim());
        const { items } = await this.api.request<{ items: HostClientOption[] }>('GET', `/clients?limit=${SEARCH_LIMIT}${q ? `&search=${q}` : ''}`);
        if (seq !== this.searchSeq) return; // a newer search answered meanwhile
        this.results = items;
        this.searchError = '';
      } catch (err) {
        if (seq === this.searchSeq) this.searchError = t.failed((err as Error).message);
      } finally {
        if (seq === this.searchSeq) this.searching = false;
      }
    }, SEARCH_DELAY_MS);
  }

  private handleInput(e: Event): void {
    this.text = (e.target as HTMLInputElement).value;
    this.open = true;
    this.active = -1;
    this.search();
  }

  private move(delta: number): void {
    const opts = this.options;
    if (!opts.length) return;
    let i = this.active;
    for (let n = 0; n < opts.length; n++) {
      i = (i + delta + opts.length) % opts.length;
      if (!opts[i].disabled) break;
    }
    this.active = i;
    void this.updateComplete.then(() => this.renderRoot.querySelector(`#${this.uid}-o${i}`)?.scrollIntoView({ block: 'nearest' }));
  }

  private handleKey(e: KeyboardEvent): void {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!this.open) this.openList();
        this.move(1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!this.open) this.openList();
        this.move(-1);
        break;
      case 'Enter':
        if (this.open && this.active >= 0) {
          e.preventDefault();
          this.choose(this.options[this.active]);
        }
        break;
      case 'Escape':
        if (this.open) {
          e.preventDefault();
          e.stopPropagation();
          this.close();
        } else if (this.text) {
          this.text = '';
        }
        break;
      case 'Tab':
        this.close();
        break;
    }
  }

  private choose(option: Option | undefined): void {
    if (!option || option.disabled) return;
    this.close();
    this.text = '';
    this.dispatchEvent(new CustomEvent('pax8-client-chosen', { detail: { clientId: option.id, clientName: option.name }, bubbles: true, composed: true }));
  }

  render() {
    const opts = this.open ? this.options : [];
    const listId = `${this.uid}-list`;
    let group: Option['group'] | null = null;
    return html`<div class="wrap" @focusout=${(e: FocusEvent) => {
        if (!this.renderRoot.contains(e.relatedTarget as Node)) this.close();
      }}>
      ${icons.search}
      <input type="text" part="input" role="combobox" autocomplete="off" spellcheck="false"
        aria-label=${t.label(this.companyName)} placeholder=${t.placeholder}
        aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${listId} aria-autocomplete="list"
        aria-activedescendant=${this.open && this.active >= 0 ? `${this.uid}-o${this.active}` : nothing}
        .value=${this.text} ?disabled=${this.disabled}
        @input=${this.handleInput} @keydown=${this.handleKey} @click=${this.openList} />
      <ul id=${listId} role="listbox" part="listbox" aria-label=${t.label(this.companyName)} ?hidden=${!this.open} tabindex="-1">
        ${opts.map((o, i) => {
          const heading = o.group !== group ? ((group = o.group), html`<li role="presentation" class="group">${o.group === 'suggested' ? t.suggested : t.clients}</li>`) : nothing;
          return html`${heading}<li id="${this.uid}-o${i}" role="option" aria-selected=${i === this.active ? 'true' : 'false'} aria-disabled=${o.disabled ? 'true' : 'false'}
              data-client=${o.id} @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.choose(o)}>
              <span>${o.name}</span>${o.detail ? html`<span class="detail">${o.detail}</span>` : nothing}</li>`;
        })}
        ${this.searching && !opts.length ? html`<li role="presentation" class="state">${t.searching}</li>` : nothing}
        ${this.searchError ? html`<li role="presentation" class="state error-text">${this.searchError}</li>` : nothing}
        ${!this.searching && !this.searchError && !opts.length ? html`<li role="presentation" class="state">${this.text ? t.noMatch : t.typeToSearch}</li>` : nothing}
      </ul>
      <span class="sr-only" role="status">${this.open && !this.searching ? t.count(opts.filter((o) => !o.disabled).length) : ''}</span>
    </div>`;
  }
}
