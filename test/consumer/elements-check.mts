/** The element entries as a host's front-end code (an ES module) sees them, types included. */
import type { Pax8ConnectionCard, Pax8CompaniesTable } from '@openmsp/pax8-plugin/elements';
import type { Pax8ConnectionCard as SingleCard } from '@openmsp/pax8-plugin/elements/pax8-connection-card';

declare const card: SingleCard;
const same: Pax8ConnectionCard = card;
const tag: keyof HTMLElementTagNameMap = 'pax8-companies-table';
const table: Pax8CompaniesTable | undefined = undefined;
export const checked = [same.basePath, tag, table];
