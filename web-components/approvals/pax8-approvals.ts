import { Pax8Approvals } from './approvals.component';

export { Pax8Approvals };
if (!customElements.get('pax8-approvals')) customElements.define('pax8-approvals', Pax8Approvals);
declare global {
  interface HTMLElementTagNameMap {
    'pax8-approvals': Pax8Approvals;
  }
}
