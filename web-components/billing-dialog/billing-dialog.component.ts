import { css, html, nothing } from 'lit';
import { query, state } from 'lit/decorators.js';
import type { PriceResult } from '../../server/billing/pricing/price';

type PricingModule = typeof import('../../server/billing/pricing/price');
/** The server's own pricing module (with decimal.js), loaded on the first open: a split build keeps it out of the initial download. */
let pricing: Promise<PricingModule> | null = null;
const loadPricing = () => (pricing ??= import('../../server/billing/pricing/price'));
import { Pax8ApiError } from '../shared/api-client';
import { formatMoney } from '../shared/format';
import { Pax8Element } from '../shared/pax8-element';
import { baseStyles } from '../shared/styles';
import type { BillingDetail, InvoiceOption, MarkupView } from '../shared/types';
import { billingStrings as t } from './billing-dialog.strings';

type Mode = 'follow' | 'percent' | 'fixed';
type Field = 'markup.value' | 'overridePrice' | 'recurringInvoiceId';

/**
 * @summary The billing of one subscription in a modal dialog: your cost and quantity, markup type and
 * value, override price, a live preview computed by the same pricing module as the server (unit price,
 * monthly total, price source), and the recurring invoice of the mapped client it bills on. Focus stays
 * inside while open and returns to the opener on close.
 * @method open(subscriptionId) - loads and shows the dialog.
 * @event pax8-billing-saved - `detail: { subscriptionId, companyId }`.
 * @csspart dialog - the dialog box.
 * @csspart preview - the live price preview.
 */
export class Pax8BillingDialog extends Pax8Element {
  static styles = [
    baseStyles,
    css`
      :host { display: contents; }
      dialog { border: 1px solid var(--_border); border-radius: var(--_radius); padding: 0; width: min(560px, calc(100vw - 24px)); background: var(--_surface); color: var(--_text); }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      form { padding: 20px; }
      .facts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; background: var(--_subtle); border-radius: 6px; padding: 10px 12px; margin: 10px 0; }
      .facts dt { color: var(--_muted); font-size: 0.86rem; }
      .facts dd { margin: 0; font-weight: 600; }
      .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; }
      @media (max-width: 480px) { .grid, .facts { grid-template-columns: 1fr; } }
      .hint { color: var(--_muted); font-size: 0.84rem; margin: 4px 0 0; }
      .preview { border: 1px solid var(--_border); border-radius: 6px; padding: 10px 12px; margin-top: 14px; }
      .preview dl { display: grid; grid-template-columns: 1fr auto; gap: 4px 12px; margin: 6px 0 0; }
      .preview dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
      .actions { display: flex; gap: 8px; justify-content: flex-end; margin-top: 16px; flex-wrap: wrap; }
    `,
  ];

  @state() private detail: BillingDetail | null = null;
  @state() private invoices: InvoiceOption[] = [];
  @state() private mode: Mode = 'follow';
  @state() private value = '';
  @state() private override = '';
  @state() private invoiceId = '';
  @state() private errors: Partial<Record<Field, string>> = {};
  @query('dialog') private dialog!: HTMLDialogElement;
  @state() private pricing: PricingModule | null = null;
  private opener: HTMLElement | null = null;
  private subscriptionId = '';

  protected async load(): Promise<void> {}

  /** Opens the dialog for one subscription (the opener gets the focus back on close). */
  async open(subscriptionId: string, opener?: HTMLElement | null): Promise<void> {
    this.opener = opener ?? null;
    this.subscriptionId = subscriptionId;
    this.detail = null;
    this.errors = {};
    this.notice = null;
    await this.updateComplete;
    this.dialog.showModal();
    const id = encodeURIComponent(subscriptionId);
    const loaded = await this.attempt(async () => {
      this.pricing ??= await loadPricing();
      const detail = await this.api.request<BillingDetail>('GET', `/subscriptions/${id}/billing`);
      const invoices = detail.mapped ? (await this.api.request<{ items: InvoiceOption[] }>('GET', `/subscriptions/${id}/invoices`)).items : [];
      return { detail, invoices };
    });
    if (!loaded) return;
    const own = loaded.detail.settings;
    this.detail = loaded.detail;
    this.invoices = loaded.invoices;
    this.mode = own?.markup ? own.markup.type : 'follow';
    this.value = own?.markup?.value ?? '';
    this.override = own?.overridePrice ?? '';
    this.invoiceId = loaded.detail.subscription.invoiceLink?.recurringInvoiceId ?? '';
    await this.updateComplete;
    (this.renderRoot.querySelector('#mode') as HTMLElement | null)?.focus();
  }

  close(): void {
    this.dialog?.close();
  }

  private handleClosed(): void {
    this.opener?.focus();
    this.opener = null;
  }

  private get markup(): MarkupView | null {
    return this.mode === 'follow' ? null : { type: this.mode, value: this.value.trim() };
  }

  /** The same checks and arithmetic as the server (server/billing/pricing), as the user types. */
  private preview(): { result: PriceResult | null; source: string; problems: Partial<Record<Field, string>> } {
    const d = this.detail!;
    const s = d.subscription;
    const { checkMarkup, checkOverridePrice, priceSubscription, PricingError } = this.pricing!;
    const override = this.override.trim() || null;
    const problems: Partial<Record<Field, string>> = {};
    for (const p of [...checkMarkup(this.markup), ...checkOverridePrice(override)]) problems[p.field as Field] = p.reason;
    const source = override ? 'override' : this.markup ? 'subscription' : d.inherited.source;
    if (Object.keys(problems).length || (s.cost === null && !override)) return { result: null, source, problems };
    try {
      const result = priceSubscription({
        cost: s.cost ?? '0',
        quantity: s.quantity,
        billingTerm: s.billingTerm ?? '',
        markup: this.markup ?? (override ? null : d.inherited.markup),
        overridePrice: override,
        chargeType: s.chargeType,
      });
      return { result, source, problems };
    } catch (err) {
      if (!(err instanceof PricingError)) throw err;
      for (const p of err.problems) problems[(p.field === 'cost' ? 'markup.value' : p.field) as Field] = p.reason;
      return { result: null, source, problems };
    }
  }

  private async handleSave(e: Event): Promise<void> {
    e.preventDefault();
    const d = this.detail;
    if (!d || !this.canManage) return;
    const { problems } = this.preview();
    if (Object.keys(problems).length) {
      this.errors = problems;
      this.notice = { kind: 'error', text: t.invalid };
      return;
    }
    const id = encodeURIComponent(this.subscriptionId);
    const linked = d.subscription.invoiceLink?.recurringInvoiceId ?? '';
    const saved = await this.attempt(
      async () => {
        await this.api.request('PUT', `/subscriptions/${id}/billing`, { markup: this.markup, overridePrice: this.override.trim() || null });
        if (this.invoiceId !== linked) {
          if (this.invoiceId) await this.api.request('PUT', `/subscriptions/${id}/invoice-link`, { recurringInvoiceId: this.invoiceId });
          else await this.api.request('DELETE', `/subscriptions/${id}/invoice-link`);
        }
        return true;
      },
      (err) => {
        const fields = err instanceof Pax8ApiError ? err.fieldErrors : {};
        this.errors = { 'markup.value': fields['markup.value'] ?? fields['markup.type'], overridePrice: fields.overridePrice, recurringInvoiceId: fields.recurringInvoiceId };
        this.notice = { kind: 'error', text: (err as Error).message };
      },
    );
    if (!saved) return;
    this.emit('pax8-billing-saved', { subscriptionId: this.subscriptionId, companyId: d.subscription.pax8CompanyId });
    this.close();
  }

  render() {
    return html`<dialog part="dialog" aria-labelledby="billing-title" @close=${this.handleClosed}>
      <form method="dialog" @submit=${this.handleSave} novalidate>
        <div class="head"><h2 id="billing-title">${t.title}</h2></div>
        ${this.detail ? this.renderForm() : this.notice ? nothing : html`<p class="muted row" role="status"><span class="spinner"></span>${t.loading}</p>`}
        ${this.renderNotice()}
        ${!this.detail ? html`<div class="actions"><button type="button" @click=${() => this.close()}>${t.close}</button></div>` : nothing}
      </form>
    </dialog>`;
  }

  private renderForm() {
    const d = this.detail!;
    const s = d.subscription;
    const editable = this.canManage && d.mapped;
    const { result, source, problems } = this.preview();
    const shown = { ...problems, ...this.errors };
    const money = (v: string | null | undefined) => formatMoney(v, s.currencyCode) || '—';
    const fieldError = (f: Field, id: string) => (shown[f] ? html`<p class="field-error" id="${id}-error">${shown[f]}</p>` : nothing);
    const described = (f: Field, id: string, hint?: string) => (shown[f] ? `${id}-error` : hint ?? nothing);
    return html`<p class="muted">${s.productName ?? s.id}${s.companyName ? html` · ${s.companyName}` : nothing}</p>
      <dl class="facts">
        <div><dt>${t.cost}</dt><dd data-testid="cost">${money(s.cost)} <span class="muted small">${t.perUnit}</span></dd>${s.retail ? html`<dd class="muted small">${t.retail}</dd>` : nothing}</div>
        <div><dt>${t.quantity}</dt><dd data-testid="quantity">${s.quantity}</dd></div>
      </dl>
      ${!d.mapped ? html`<p class="note warn">${t.needsMapping}</p>` : !this.canManage ? html`<p class="note info">${t.readOnly}</p>` : nothing}
      <div class="grid">
        <div>
          <label for="mode">${t.markupType}</label>
          <select id="mode" ?disabled=${!editable} @change=${(e: Event) => ((this.mode = (e.target as HTMLSelectElement).value as Mode), (this.errors = {}))}>
            <option value="follow" ?selected=${this.mode === 'follow'}>${t.follow(d.inherited.markupLabel, t.sources[d.inherited.source] ?? d.inherited.source)}</option>
            <option value="percent" ?selected=${this.mode === 'percent'}>${t.percent}</option>
            <option value="fixed" ?selected=${this.mode === 'fixed'}>${t.fixed}</option>
          </select>
        </div>
        <div>
          <label for="value">${t.markupValue}</label>
          <input id="value" type="text" inputmode="decimal" autocomplete="off" .value=${this.value} ?disabled=${!editable || this.mode === 'follow'}
            aria-invalid=${shown['markup.value'] ? 'true' : 'false'} aria-describedby=${described('markup.value', 'value', 'value-hint')}
            @input=${(e: Event) => ((this.value = (e.target as HTMLInputElement).value), (this.errors = {}))} />
          <p class="hint" id="value-hint">${this.mode === 'fixed' ? t.markupHintFixed : t.markupHintPercent}</p>
          ${fieldError('markup.value', 'value')}
        </div>
      </div>
      <label for="override">${t.override}</label>
      <input id="override" type="text" inputmode="decimal" autocomplete="off" .value=${this.override} ?disabled=${!editable}
        aria-invalid=${shown.overridePrice ? 'true' : 'false'} aria-describedby=${described('overridePrice', 'override', 'override-hint')}
        @input=${(e: Event) => ((this.override = (e.target as HTMLInputElement).value), (this.errors = {}))} />
      <p class="hint" id="override-hint">${t.overrideHint}</p>
      ${fieldError('overridePrice', 'override')}
      <label for="invoice">${t.invoice}</label>
      <select id="invoice" ?disabled=${!editable} aria-describedby=${described('recurringInvoiceId', 'invoice', 'invoice-hint')}
        @change=${(e: Event) => ((this.invoiceId = (e.target as HTMLSelectElement).value), (this.errors = {}))}>
        <option value="" ?selected=${!this.invoiceId}>${t.noInvoice}</option>
        ${this.invoices.map((i) => html`<option value=${i.id} ?selected=${i.id === this.invoiceId} ?disabled=${!i.active}>${i.name}${i.currencyMismatch ? ` (${t.currencyMismatch})` : ''}</option>`)}
      </select>
      <p class="hint" id="invoice-hint">${t.invoicesOf}</p>
      ${fieldError('recurringInvoiceId', 'invoice')}
      <section class="preview" part="preview" aria-live="polite" data-testid="preview">
        <h3>${t.preview}</h3>
        <dl>
          <dt>${t.unitPrice}</dt><dd data-testid="unit-price">${result ? money(result.unitPrice) : '—'}</dd>
          <dt>${result?.monthlyTotal !== null ? t.monthly : t.period}</dt>
          <dd data-testid="monthly">${result ? money(result.monthlyTotal ?? result.periodTotal) : '—'}</dd>
          <dt>${t.source}</dt><dd data-testid="source">${t.sources[source] ?? source}</dd>
        </dl>
      </section>
      <div class="actions">
        <button type="button" @click=${() => this.close()}>${editable ? t.cancel : t.close}</button>
        ${editable ? html`<button type="submit" class="primary" ?disabled=${this.busy}>${t.save}</button>` : nothing}
      </div>`;
  }
}
