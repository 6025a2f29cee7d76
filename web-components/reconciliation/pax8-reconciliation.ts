import { Pax8Reconciliation } from './reconciliation.component';

export { Pax8Reconciliation };
if (!customElements.get('pax8-reconciliation')) customElements.define('pax8-reconciliation', Pax8Reconciliation);
declare global {
  interface HTMLElementTagNameMap {
    'pax8-reconciliation': Pax8Reconciliation;
  }
}
