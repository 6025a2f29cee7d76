import { placeholderElement } from '../shared/placeholder';

/** @summary Subscription billing (placeholder until the billing feature lands). */
export class Pax8BillingDialog extends placeholderElement('Subscription billing', 'the billing feature') {}
