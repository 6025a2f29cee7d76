// The plugin's migrations in order. scripts/generate-migration.ts appends new ones here.
import { BillingListInsertOrder1795559229472 } from '../1795559229472-BillingListInsertOrder';
import { CompanySummaryIndex1795494302894 } from '../1795494302894-CompanySummaryIndex';
import { DropRedundantSubscriptionIndexes1795477515459 } from '../1795477515459-DropRedundantSubscriptionIndexes';
import { MappingListIndexes1795475842806 } from '../1795475842806-MappingListIndexes';
import { InvoiceItemsBasis1795475011147 } from '../1795475011147-InvoiceItemsBasis';
import { BillingSpeedIndexes1795469550511 } from '../1795469550511-BillingSpeedIndexes';
import { Reconciliation1795462373130 } from '../1795462373130-Reconciliation';
import { AgentTools1795457645718 } from '../1795457645718-AgentTools';
import { DelegatedOAuthAndWebhooks1795457840496 } from '../1795457840496-DelegatedOAuthAndWebhooks';
import { Reliability1795457850292 } from '../1795457850292-Reliability';
import { Billing1795460157941 } from '../1795460157941-Billing';
import { InitialSchema1795432313010 } from '../1795432313010-InitialSchema';
export const PAX8_MIGRATIONS: Function[] = [InitialSchema1795432313010, AgentTools1795457645718, DelegatedOAuthAndWebhooks1795457840496, Reliability1795457850292, Billing1795460157941, Reconciliation1795462373130, BillingSpeedIndexes1795469550511, InvoiceItemsBasis1795475011147, MappingListIndexes1795475842806, DropRedundantSubscriptionIndexes1795477515459, CompanySummaryIndex1795494302894, BillingListInsertOrder1795559229472];
