import { Pax8ClientPicker } from './client-picker.component';

export { Pax8ClientPicker };
if (!customElements.get('pax8-client-picker')) customElements.define('pax8-client-picker', Pax8ClientPicker);
declare global {
  interface HTMLElementTagNameMap {
    'pax8-client-picker': Pax8ClientPicker;
  }
}
