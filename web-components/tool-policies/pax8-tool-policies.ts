import { Pax8ToolPolicies } from './tool-policies.component';

export { Pax8ToolPolicies };
if (!customElements.get('pax8-tool-policies')) customElements.define('pax8-tool-policies', Pax8ToolPolicies);
declare global {
  interface HTMLElementTagNameMap {
    'pax8-tool-policies': Pax8ToolPolicies;
  }
}
