import '../billing-dialog/pax8-billing-dialog';
import '../client-picker/pax8-client-picker';
import { Pax8CompaniesTable } from './companies-table.component';

export { Pax8CompaniesTable };
if (!customElements.get('pax8-companies-table')) customElements.define('pax8-companies-table', Pax8CompaniesTable);
declare global {
  interface HTMLElementTagNameMap {
    'pax8-companies-table': Pax8CompaniesTable;
  }
}
