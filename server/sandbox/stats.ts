/** The request record behind handle.stats() (SandboxRequestStats). */
import type { SandboxRequestStats } from './sandbox.types';
import { SlidingWindow } from './rate-limit';

export class RequestStats {
  private total = 0;
  private byRoute: Record<string, number> = {};
  private byStatus: Record<string, number> = {};
  private byClient: Record<string, number> = {};
  private readonly peak: SlidingWindow;

  constructor(windowMs: number) {
    this.peak = new SlidingWindow(windowMs);
  }

  record(routeKey: string, status: number, clientId: string | undefined, isApiCall: boolean, now: number): void {
    this.total++;
    this.byRoute[routeKey] = (this.byRoute[routeKey] ?? 0) + 1;
    this.byStatus[String(status)] = (this.byStatus[String(status)] ?? 0) + 1;
    const client = clientId ?? 'anonymous';
    this.byClient[client] = (this.byClient[client] ?? 0) + 1;
    if (isApiCall && clientId) this.peak.add(clientId, now);
  }

  snapshot(): SandboxRequestStats {
    return {
      total: this.total,
      byRoute: { ...this.byRoute },
      byStatus: { ...this.byStatus },
      byClient: { ...this.byClient },
      peakPerWindow: this.peak.peaksByKey(),
    };
  }

  reset(): void {
    this.total = 0;
    this.byRoute = {};
    this.byStatus = {};
    this.byClient = {};
    this.peak.reset();
  }
}
