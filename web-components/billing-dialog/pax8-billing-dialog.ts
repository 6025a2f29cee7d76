import { Pax8BillingDialog } from './billing-dialog.component';

export { Pax8BillingDialog };
if (!customElements.get('pax8-billing-dialog')) customElements.define('pax8-billing-dialog', Pax8BillingDialog);
declare global {
  interface HTMLElementTagNameMap {
    'pax8-billing-dialog': Pax8BillingDialog;
  }
}
