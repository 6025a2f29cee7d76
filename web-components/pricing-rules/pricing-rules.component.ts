import { css, html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { Pax8ApiError } from '../shared/api-client';
import type { Pax8EventMap, Pax8EventName } from '../shared/page-state';
import { Pax8Element } from '../shared/pax8-element';
import { baseStyles } from '../shared/styles';
import type { PricingRuleView } from '../shared/types';
import { rulesStrings as t } from './pricing-rules.strings';

type Scope = PricingRuleView['scope'];

/**
 * @summary The tenant's pricing rules (default, vendor, product, client markups), each with how many
 * subscriptions it prices now; add and delete for managers.
 * @event pax8-pricing-rules-changed - `detail: { ruleId, action }`.
 * @csspart base - the card.
 * @csspart table - the rules table.
 */
export class Pax8PricingRules extends Pax8Element {
  static styles = [
    baseStyles,
    css`
      .card { container-type: inline-size; }
      table { width: 100%; border-collapse: collapse; margin: 8px 0; }
      th { text-align: left; font-size: 0.78rem; text-transform: uppercase; letter-spacing: 0.03em; color: var(--_muted); padding: 6px 8px; border-bottom: 1px solid var(--_border); }
      td { padding: 8px; border-bottom: 1px solid var(--_border); vertical-align: top; overflow-wrap: break-word; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      .form { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)) auto; gap: 8px; align-items: end; }
      .form label { margin: 0 0 4px; }
      @container (max-width: 620px) { .form { grid-template-columns: 1fr 1fr; } .form .submit { grid-column: 1 / -1; } }
      @container (max-width: 380px) { .form { grid-template-columns: 1fr; } }
      @container (max-width: 480px) {
        table, tbody, tr { display: block; }
        thead { display: none; }
        tr { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; padding: 8px 0; border-bottom: 1px solid var(--_border); }
        td { display: block; border: 0; padding: 0; text-align: left !important; }
        td:first-child { grid-column: 1 / -1; font-weight: 500; }
        td:last-child:has(button) { grid-row: 2 / span 2; grid-column: 2; align-self: center; }
      }
    `,
  ];

  @state() private rules: PricingRuleView[] | null = null;
  @state() private scope: Scope = 'vendor';
  @state() private target = '';
  @state() private clientName = '';
  @state() private type: 'percent' | 'fixed' = 'percent';
  @state() private value = '';
  @state() private errors: Record<string, string> = {};

  protected async load(): Promise<void> {
    const page = await this.attempt(() => this.api.request<{ items: PricingRuleView[] }>('GET', '/pricing-rules'));
    if (page) this.rules = page.items;
  }

  protected pageEvent<K extends Pax8EventName>(name: K, _d: Pax8EventMap[K]): void {
    // Counts move when mappings, billing settings or the synced subscriptions change.
    if (['pax8-sync-finished', 'pax8-company-mapped', 'pax8-company-unlinked', 'pax8-auto-mapped', 'pax8-billing-saved', 'pax8-disconnected'].includes(name)) void this.load();
  }

  private async handleCreate(e: Event): Promise<void> {
    e.preventDefault();
    this.notice = null;
    const body = { scope: this.scope, ...(this.scope === 'default' ? {} : { target: this.target.trim() }), markup: { type: this.type, value: this.value.trim() } };
    const rule = await this.attempt(
      () => this.api.request<PricingRuleView>('POST', '/pricing-rules', body),
      (err) => {
        this.errors = err instanceof Pax8ApiError ? err.fieldErrors : {};
        this.notice = { kind: 'error', text: (err as Error).message };
      },
    );
    if (!rule) return;
    this.errors = {};
    this.target = '';
    this.clientName = '';
    this.value = '';
    this.notice = { kind: 'ok', text: t.created(this.describeTarget(rule), rule.subscriptionCount) };
    await this.load();
    this.emit('pax8-pricing-rules-changed', { ruleId: rule.id, action: 'created' });
  }

  private async handleDelete(rule: PricingRuleView): Promise<void> {
    this.notice = null;
    const done = await this.attempt(() => this.api.request('DELETE', `/pricing-rules/${encodeURIComponent(rule.id)}`));
    if (!done) return;
    this.notice = { kind: 'ok', text: t.removed };
    await this.load();
    this.emit('pax8-pricing-rules-changed', { ruleId: rule.id, action: 'deleted' });
  }

  private describeTarget(r: PricingRuleView): string {
    if (r.scope === 'default') return t.everything;
    const what = r.scope === 'client' ? (r.clientName ?? t.unknownClient(r.target ?? '')) : (r.target ?? '');
    return `${t.scopes[r.scope]}: ${what}`;
  }

  render() {
    const gate = this.gate(t.title);
    if (gate) return gate;
    return html`<section class="card" part="base" aria-labelledby="rules-title">
      <div class="head"><h2 id="rules-title">${t.title}</h2></div>
      <p class="muted small">${t.intro}</p>
      ${this.readOnlyHint()} ${this.renderNotice()}
      ${this.rules === null
        ? html`<p class="muted row" role="status"><span class="spinner"></span>${t.loading}</p>`
        : this.rules.length
          ? html`<table part="table" data-testid="rules">
              <thead><tr><th scope="col">${t.columns.scope}</th><th scope="col">${t.columns.markup}</th><th scope="col" class="num">${t.columns.count}</th>${this.canManage ? html`<th scope="col"><span class="sr-only">${t.remove}</span></th>` : nothing}</tr></thead>
              <tbody>
                ${this.rules.map(
                  (r) => html`<tr data-rule=${r.id}>
                    <td>${this.describeTarget(r)}</td>
                    <td>${r.markupLabel}</td>
                    <td class="num" data-testid="count">${t.prices(r.subscriptionCount)}</td>
                    ${this.canManage
                      ? html`<td><button type="button" class="icon danger" aria-label=${t.removeLabel(this.describeTarget(r))} ?disabled=${this.busy} @click=${() => this.handleDelete(r)}>${t.remove}</button></td>`
                      : nothing}
                  </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="muted" data-testid="no-rules">${t.none}</p>`}
      ${this.canManage ? this.renderForm() : nothing}
    </section>`;
  }

  private renderForm() {
    const err = (f: string) => (this.errors[f] ? html`<p class="field-error" id="err-${f.replace('.', '-')}">${this.errors[f]}</p>` : nothing);
    const described = (f: string) => (this.errors[f] ? `err-${f.replace('.', '-')}` : nothing);
    return html`<form @submit=${this.handleCreate} novalidate aria-labelledby="add-title">
      <h3 id="add-title">${t.add}</h3>
      <div class="form">
        <div>
          <label for="scope">${t.scope}</label>
          <select id="scope" @change=${(e: Event) => ((this.scope = (e.target as HTMLSelectElement).value as Scope), (this.target = ''), (this.errors = {}))}>
            ${(['default', 'vendor', 'product', 'client'] as const).map((s) => html`<option value=${s} ?selected=${s === this.scope}>${t.scopes[s]}</option>`)}
          </select>
        </div>
        <div>
          ${this.scope === 'default'
            ? nothing
            : this.scope === 'client'
              ? html`<label id="target-label">${t.target.client}</label>
                  ${this.target ? html`<p class="small">${t.chosenClient(this.clientName)}</p>` : nothing}
                  <pax8-client-picker theme=${this.theme} company-name="a client rule" .api=${this.api}
                    @pax8-client-chosen=${(e: CustomEvent<{ clientId: string; clientName: string }>) => ((this.target = e.detail.clientId), (this.clientName = e.detail.clientName))}></pax8-client-picker>`
              : html`<label for="target">${t.target[this.scope]}</label>
                  <input id="target" type="text" .value=${this.target} placeholder=${t.targetPlaceholder[this.scope]} aria-invalid=${this.errors.target ? 'true' : 'false'} aria-describedby=${described('target')}
                    @input=${(e: Event) => (this.target = (e.target as HTMLInputElement).value)} />`}
          ${err('target')}
        </div>
        <div>
          <label for="type">${t.type}</label>
          <select id="type" @change=${(e: Event) => (this.type = (e.target as HTMLSelectElement).value as 'percent' | 'fixed')}>
            <option value="percent" ?selected=${this.type === 'percent'}>${t.percent}</option>
            <option value="fixed" ?selected=${this.type === 'fixed'}>${t.fixed}</option>
          </select>
        </div>
        <div>
          <label for="value">${t.value}</label>
          <input id="value" type="text" inputmode="decimal" .value=${this.value} aria-invalid=${this.errors['markup.value'] ? 'true' : 'false'} aria-describedby=${described('markup.value')}
            @input=${(e: Event) => (this.value = (e.target as HTMLInputElement).value)} />
          ${err('markup.value')}
        </div>
        <div class="submit"><button type="submit" class="primary" ?disabled=${this.busy || !this.value.trim()}>${t.create}</button></div>
      </div>
    </form>`;
  }
}
