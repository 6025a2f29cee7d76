import { Pax8AgentTools } from './agent-tools.component';

export { Pax8AgentTools };
if (!customElements.get('pax8-agent-tools')) customElements.define('pax8-agent-tools', Pax8AgentTools);
declare global {
  interface HTMLElementTagNameMap {
    'pax8-agent-tools': Pax8AgentTools;
  }
}
