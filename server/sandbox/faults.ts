/**
 * Fault injection. Every random decision comes from dice seeded by faults.seed (reset on each setFaults),
 * so one configuration fails the same requests on every run given the same request sequence.
 * Count-based faults ("the next N requests") consume one unit per matching request.
 */
import type { SandboxFaults } from './sandbox.types';
import { Dice } from './random';
import { SANDBOX_CHOICES } from './quirks';

export type FaultAction =
  | { kind: 'reset' }
  | { kind: 'rateLimit'; retryAfterSeconds: number }
  | { kind: 'error'; status: 500 | 502 | 503 }
  | { kind: 'malformed' };

interface Counted {
  left: number;
  route?: string;
}

export class FaultEngine {
  private faults: SandboxFaults = {};
  private errorDice = new Dice(1);
  private latencyDice = new Dice(2);
  private burst?: Counted & { retryAfterSeconds: number };
  private reset?: Counted;
  private malformed?: Counted;
  private short?: Counted & { drop: number };
  private lost?: Counted & { mode: 'reset' | 'gateway' };
  private revoke?: { clientId: string; left: number };
  /** Tallies of injected faults, for /__admin/stats. */
  injected: Record<string, number> = {};

  constructor(faults?: SandboxFaults) {
    this.set(faults);
  }

  set(faults: SandboxFaults | undefined): void {
    this.faults = faults ?? {};
    const seed = this.faults.seed ?? 1;
    this.errorDice = new Dice(seed);
    this.latencyDice = new Dice(seed ^ 0x5bd1e995);
    const f = this.faults;
    this.burst = f.rateLimitBurst && {
      left: f.rateLimitBurst.count,
      route: f.rateLimitBurst.route,
      retryAfterSeconds: f.rateLimitBurst.retryAfterSeconds ?? 1,
    };
    this.reset = f.connectionReset && { left: f.connectionReset.count, route: f.connectionReset.route };
    this.malformed = f.malformedBody && { left: f.malformedBody.count, route: f.malformedBody.route };
    this.short = f.shortPage && { left: f.shortPage.count, route: f.shortPage.route, drop: f.shortPage.drop ?? 1 };
    this.lost = f.lostResponse && { left: f.lostResponse.count, route: f.lostResponse.route, mode: f.lostResponse.mode ?? 'reset' };
    this.revoke = f.revokeAfterRequests && { ...f.revokeAfterRequests, left: f.revokeAfterRequests.requests };
    this.injected = {};
  }

  get current(): SandboxFaults {
    return this.faults;
  }

  /** Latency to add before answering (0 when none configured). */
  latencyMs(): number {
    const l = this.faults.latencyMs;
    if (l === undefined) return 0;
    if (typeof l === 'number') return l;
    return this.latencyDice.int(l.min, l.max);
  }

  private applies(route: string | undefined, key: string, rawKey: string, isToken: boolean): boolean {
    if (route === undefined || route === '*')
      return !(isToken && SANDBOX_CHOICES.faultsSkipTokenEndpointUnlessNamed);
    return route === key || route === rawKey;
  }

  private take(c: Counted | undefined, key: string, rawKey: string, isToken: boolean): boolean {
    if (!c || c.left <= 0 || !this.applies(c.route, key, rawKey, isToken)) return false;
    c.left--;
    return true;
  }

  /** Decide what (if anything) goes wrong with this request. `key` has ids normalised; `rawKey` does not. */
  decide(key: string, rawKey: string, isToken: boolean): FaultAction | undefined {
    const tally = (a: FaultAction) => {
      this.injected[a.kind] = (this.injected[a.kind] ?? 0) + 1;
      return a;
    };
    if (this.take(this.reset, key, rawKey, isToken)) return tally({ kind: 'reset' });
    if (this.take(this.burst, key, rawKey, isToken))
      return tally({ kind: 'rateLimit', retryAfterSeconds: this.burst!.retryAfterSeconds });
    const rates = this.faults.errorRate;
    if (rates) {
      const named = rates[key] ?? rates[rawKey];
      const rule = named ?? (isToken && SANDBOX_CHOICES.faultsSkipTokenEndpointUnlessNamed ? undefined : rates['*']);
      if (rule && rule.rate > 0) {
        const roll = this.errorDice.next();
        const statuses = rule.statuses?.length ? rule.statuses : ([500, 502, 503] as const);
        const pickRoll = this.errorDice.next();
        if (roll < rule.rate) return tally({ kind: 'error', status: statuses[Math.floor(pickRoll * statuses.length)] });
      }
    }
    if (this.take(this.malformed, key, rawKey, isToken)) return tally({ kind: 'malformed' });
    return undefined;
  }

  /** How many items to drop from this list answer (0 = none): a page shorter than its totals say. */
  shortPageDrop(key: string, rawKey: string): number {
    if (!this.take(this.short, key, rawKey, false)) return 0;
    this.injected.shortPage = (this.injected.shortPage ?? 0) + 1;
    return this.short!.drop;
  }

  /** After a request was processed successfully: lose its answer? (connection reset or a 502 from the gateway). */
  lostResponse(key: string, rawKey: string): 'reset' | 'gateway' | undefined {
    if (!this.take(this.lost, key, rawKey, false)) return undefined;
    this.injected.lostResponse = (this.injected.lostResponse ?? 0) + 1;
    return this.lost!.mode;
  }

  /** Counts an authenticated API request; true when this client's credentials must now be revoked. */
  countApiRequest(clientId: string): boolean {
    if (!this.revoke || this.revoke.clientId !== clientId || this.revoke.left <= 0) return false;
    this.revoke.left--;
    if (this.revoke.left === 0) {
      this.injected.revoke = (this.injected.revoke ?? 0) + 1;
      return true;
    }
    return false;
  }
}
