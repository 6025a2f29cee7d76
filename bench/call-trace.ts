import type { INestApplication } from '@nestjs/common';
import type { AxiosInstance } from 'axios';
import { performance } from 'node:perf_hooks';
import { PAX8_CLIENT_FACTORY } from '../server/pax8.constants';

interface Call {
  route: string;
  sentMs: number;
  doneMs?: number;
}

/**
 * BENCH_CALL_TRACE=1: when each Pax8 call of a sync left and came back (the factory's HTTP instance, so
 * after the rate limiter released it), summarised at the calls that matter for a rate-limit floor: the
 * first and last of each window's worth of calls. Shows whether the pull or the writer set the pace.
 */
export class CallTrace {
  private calls: Call[] = [];
  private t0 = performance.now();

  constructor(app: INestApplication) {
    const http = (app.get(PAX8_CLIENT_FACTORY) as unknown as { http: AxiosInstance }).http;
    http.interceptors.request.use((config) => {
      const call: Call = { route: routeOf(config.method, config.url), sentMs: performance.now() - this.t0 };
      this.calls.push(call);
      (config as { traceCall?: Call }).traceCall = call;
      return config;
    });
    http.interceptors.response.use((response) => {
      const call = (response.config as { traceCall?: Call }).traceCall;
      if (call) call.doneMs = performance.now() - this.t0;
      return response;
    });
  }

  start(): void {
    this.calls = [];
    this.t0 = performance.now();
  }

  /**
   * Send times of calls 1, every `window`-th, the last, and the one whose window slot the last call reuses
   * (last − window), the route mix of the calls past the first window, and the end.
   */
  summary(window: number, endMs: number): string {
    const at = (i: number) => this.calls[i - 1];
    const marks = [...new Set([1, this.calls.length - window, ...Array.from({ length: Math.floor(this.calls.length / window) }, (_, k) => (k + 1) * window), window + 1, this.calls.length])]
      .filter((i) => i >= 1 && i <= this.calls.length)
      .sort((a, b) => a - b);
    const late = this.calls.slice(window);
    const mix: Record<string, number> = {};
    for (const c of late) mix[c.route] = (mix[c.route] ?? 0) + 1;
    const s = (ms: number | undefined) => (ms === undefined ? '?' : (ms / 1000).toFixed(2));
    return (
      `  calls sent at (s): ${marks.map((i) => `#${i} ${s(at(i).sentMs)}`).join(', ')}; sync ended ${s(endMs)}\n` +
      `  last call back ${s(at(this.calls.length)?.doneMs)}; calls past #${window}: ${JSON.stringify(mix)}`
    );
  }
}

function routeOf(method: string | undefined, url: string | undefined): string {
  const path = (url ?? '').replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '').replace(/\/[0-9a-f-]{36}$/i, '/:id');
  return `${(method ?? 'get').toUpperCase()} ${path}`;
}
