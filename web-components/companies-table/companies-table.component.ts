import { placeholderElement } from '../shared/placeholder';

/** @summary Companies and mapping (placeholder until the mapping feature lands). */
export class Pax8CompaniesTable extends placeholderElement('Companies and mapping', 'the mapping feature') {}
