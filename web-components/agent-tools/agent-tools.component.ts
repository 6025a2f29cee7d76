import { placeholderElement } from '../shared/placeholder';

/** @summary Agent tools and approvals (placeholder until the agent-tools feature lands). */
export class Pax8AgentTools extends placeholderElement('Agent tools and approvals', 'the agent-tools feature') {}
