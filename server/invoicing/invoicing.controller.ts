import { Controller, Get, Header, HttpCode, NotFoundException, Param, Post, Query, Res, UseFilters, UseGuards, UsePipes } from '@nestjs/common';
import type { Response } from 'express';
import { Access } from '../common/http/access.decorator';
import { DomainErrorFilter } from '../common/http/domain-error.filter';
import { Pax8RequestGuard } from '../common/http/pax8-request.guard';
import { Principal } from '../common/http/principal.decorator';
import { pax8ValidationPipe } from '../common/http/validation.pipe';
import type { RequestPrincipal } from '../host/tenant-context.port';
import { checkPeriod, InvoicesQueryDto, LeaksQueryDto, ReconciliationQueryDto } from './dto/invoicing.dto';
import { InvoicingService } from './invoicing.service';
import { IssuedLinesService } from './ledger/issued-lines.service';
import { ReconciliationService } from './reconcile/reconciliation.service';
import { reportCsv } from './reconcile/report-csv';

/**
 * Pax8 invoices, subscription history, the issued-lines ledger and the reconciliation report.
 * Reading is `view`; importing and committing lines is `manage`.
 */
@Controller()
@UseGuards(Pax8RequestGuard)
@UsePipes(pax8ValidationPipe())
@UseFilters(DomainErrorFilter)
export class InvoicingController {
  constructor(
    private readonly invoicing: InvoicingService,
    private readonly ledger: IssuedLinesService,
    private readonly recon: ReconciliationService,
  ) {}

  @Post('invoicing/import')
  @HttpCode(200)
  @Access('manage')
  importNow(@Principal() p: RequestPrincipal) {
    return this.invoicing.importNow(p.tenantId);
  }

  @Get('invoicing/invoices')
  @Access('view')
  invoices(@Principal() p: RequestPrincipal, @Query() q: InvoicesQueryDto) {
    return this.invoicing.listInvoices(p.tenantId, q.limit ?? 50, q.offset ?? 0);
  }

  @Get('invoicing/invoices/:pax8InvoiceId/items')
  @Access('view')
  items(@Principal() p: RequestPrincipal, @Param('pax8InvoiceId') id: string) {
    return this.invoicing.invoiceItems(p.tenantId, id);
  }

  @Get('invoicing/subscriptions/:pax8SubscriptionId/history')
  @Access('view')
  history(@Principal() p: RequestPrincipal, @Param('pax8SubscriptionId') id: string) {
    return this.invoicing.subscriptionHistory(p.tenantId, id);
  }

  /** Commits the lines of a recurring invoice for a period (201 the first time, 200 with the same lines after). */
  @Post('invoicing/recurring-invoices/:recurringInvoiceId/periods/:period/lines')
  @Access('manage')
  async commit(@Principal() p: RequestPrincipal, @Param('recurringInvoiceId') invoiceId: string, @Param('period') period: string, @Res({ passthrough: true }) res: Response) {
    const out = await this.ledger.commit(p.tenantId, invoiceId, checkPeriod(period), p.userId);
    res.status(out.alreadyIssued ? 200 : 201);
    return out;
  }

  @Get('invoicing/recurring-invoices/:recurringInvoiceId/periods/:period/lines')
  @Access('view')
  async issued(@Principal() p: RequestPrincipal, @Param('recurringInvoiceId') invoiceId: string, @Param('period') period: string) {
    const out = await this.ledger.read(p.tenantId, invoiceId, checkPeriod(period));
    if (!out) throw new NotFoundException('No lines were committed for this recurring invoice and period.');
    return out;
  }

  @Get('reconciliation')
  @Access('view')
  async report(@Principal() p: RequestPrincipal, @Query() q: ReconciliationQueryDto) {
    const report = await this.recon.report(p.tenantId, q.period, q.clientId ?? null);
    return q.class ? { ...report, rows: report.rows.filter((r) => r.class === q.class) } : report;
  }

  @Get('reconciliation/export')
  @Access('view')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(@Principal() p: RequestPrincipal, @Query() q: ReconciliationQueryDto, @Res({ passthrough: true }) res: Response) {
    const report = await this.recon.report(p.tenantId, q.period, q.clientId ?? null);
    res.setHeader('Content-Disposition', `attachment; filename="pax8-reconciliation-${q.period}.csv"`);
    return reportCsv(q.class ? { ...report, rows: report.rows.filter((r) => r.class === q.class) } : report);
  }

  @Get('reconciliation/leaks')
  @Access('view')
  leaks(@Principal() p: RequestPrincipal, @Query() q: LeaksQueryDto) {
    return this.invoicing.currentLeaks(p.tenantId, q.clientId ?? null);
  }
}
