import { Pax8ConnectionCard } from './connection-card.component';

export { Pax8ConnectionCard };
if (!customElements.get('pax8-connection-card')) customElements.define('pax8-connection-card', Pax8ConnectionCard);
declare global {
  interface HTMLElementTagNameMap {
    'pax8-connection-card': Pax8ConnectionCard;
  }
}
