import { html, nothing } from 'lit';
import { formatDate, formatMoney } from '../shared/format';
import type { BillingSubscription } from '../shared/types';
import { companiesStrings } from './companies-table.strings';

const t = companiesStrings.subs;

export interface PanelState {
  items: BillingSubscription[] | null;
  total: number;
  error: string | null;
  status: string; // 'Active' by default, 'all', or one status
}

export interface PanelContext {
  companyId: string;
  companyName: string;
  mapped: boolean;
  canManage: boolean;
  onStatus: (status: string) => void;
  onBilling: (subscriptionId: string, opener: HTMLElement) => void;
}

/** The statuses to offer: Active first, then each status present, then All. */
export function statusOptions(subs: BillingSubscription[]): string[] {
  const present = [...new Set(subs.map((s) => s.status ?? 'Unknown'))].filter((s) => s !== 'Active').sort();
  return ['Active', ...present, 'all'];
}

const badgeKind = (status: string | null) =>
  status === 'Active' ? 'ok' : status === 'Cancelled' ? 'neutral' : status?.startsWith('Pending') || status === 'WaitingForDetails' ? 'warn' : 'neutral';

export function renderSubscriptions(state: PanelState, ctx: PanelContext) {
  if (state.error) return html`<p class="note error" role="alert">${state.error}</p>`;
  if (!state.items) return html`<p class="muted row" role="status"><span class="spinner"></span>${t.loading}</p>`;
  const subs = state.items;
  if (!subs.length) return html`<p class="muted">${t.noSubscriptions}</p>`;
  const shown = state.status === 'all' ? subs : subs.filter((s) => (s.status ?? 'Unknown') === state.status);
  const selectId = `status-${ctx.companyId}`;
  const hintId = `billing-hint-${ctx.companyId}`;
  const money = (s: BillingSubscription, v: string | null | undefined) => formatMoney(v, s.currencyCode) || '—';
  return html`<div class="subs-head row">
      <label for=${selectId} class="inline">${t.status}</label>
      <select id=${selectId} data-testid="status-filter" @change=${(e: Event) => ctx.onStatus((e.target as HTMLSelectElement).value)}>
        ${statusOptions(subs).map((s) => html`<option value=${s} ?selected=${s === state.status}>${s === 'all' ? t.statusAll : s}</option>`)}
      </select>
      <span class="muted small" role="status">${t.count(shown.length, state.total)}</span>
    </div>
    ${!ctx.mapped ? html`<p class="muted small" id=${hintId}>${t.billingNeedsMapping}</p>` : nothing}
    ${shown.length
      ? html`<div class="subs-scroll" tabindex="0" role="region" aria-label=${companiesStrings.expand(ctx.companyName)}>
          <table class="subs" data-testid="subscriptions">
            <thead>
              <tr>
                <th scope="col">${t.product}</th><th scope="col">${t.vendor}</th><th scope="col" class="num">${t.qty}</th>
                <th scope="col" class="num">${t.cost}</th><th scope="col">${t.markup}</th><th scope="col" class="num">${t.billPrice}</th>
                <th scope="col">${t.invoice}</th><th scope="col">${t.status}</th><th scope="col">${t.term}</th><th scope="col">${t.commitmentEnd}</th>
                <th scope="col"><span class="sr-only">${t.billing}</span></th>
              </tr>
            </thead>
            <tbody>
              ${shown.map(
                (s) => html`<tr data-subscription=${s.id}>
                  <td data-label=${t.product}><span class="v"><span class="strong">${s.productName ?? '—'}</span>${s.sku ? html`<br /><span class="muted small">${s.sku}</span>` : nothing}</span></td>
                  <td data-label=${t.vendor}><span class="v">${s.vendorName ?? '—'}</span></td>
                  <td data-label=${t.qty} class="num"><span class="v">${s.quantity}</span></td>
                  <td data-label=${t.cost} class="num"><span class="v">${money(s, s.cost)}${s.retail ? html` <span class="muted small" data-testid="retail" title=${t.retailHint}>${t.retail}</span>` : nothing}</span></td>
                  <td data-label=${t.markup}><span class="v" data-testid="markup">${s.markupLabel}${s.priceSource !== 'cost' && s.priceSource !== 'subscription' && s.priceSource !== 'override' ? html`<br /><span class="muted small">${s.priceSource}</span>` : nothing}</span></td>
                  <td data-label=${t.billPrice} class="num"><span class="v" data-testid="bill-price">${s.billPrice ? money(s, s.billPrice.unitPrice) : html`<span class="muted" title=${s.priceProblem ?? ''}>—</span>`}</span></td>
                  <td data-label=${t.invoice}><span class="v" data-testid="invoice">${s.invoiceLink ? html`<span class="badge ok">${t.linked}</span><br /><span class="muted small">${s.invoiceLink.invoiceName}</span>` : html`<span class="badge neutral">${t.notLinked}</span>`}</span></td>
                  <td data-label=${t.status}><span class="v"><span class="badge ${badgeKind(s.status)}">${s.status ?? 'Unknown'}</span></span></td>
                  <td data-label=${t.term}><span class="v">${s.termDescription || [s.billingTerm, s.commitmentTerm].filter(Boolean).join(' · ') || '—'}</span></td>
                  <td data-label=${t.commitmentEnd}><span class="v">${formatDate(s.commitmentEndDate) || '—'}</span></td>
                  <td class="actions"><button type="button" class="icon" data-testid="billing" ?disabled=${!ctx.mapped} aria-describedby=${ctx.mapped ? nothing : hintId}
                      aria-label=${t.billingLabel(s.productName ?? s.id)} @click=${(e: Event) => ctx.onBilling(s.id, e.currentTarget as HTMLElement)}>${ctx.canManage ? t.billingEdit : t.billingView}</button></td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>`
      : html`<p class="muted">${t.none}</p>`}`;
}
