import '../client-picker/pax8-client-picker';
import { Pax8PricingRules } from './pricing-rules.component';

export { Pax8PricingRules };
if (!customElements.get('pax8-pricing-rules')) customElements.define('pax8-pricing-rules', Pax8PricingRules);
declare global {
  interface HTMLElementTagNameMap {
    'pax8-pricing-rules': Pax8PricingRules;
  }
}
