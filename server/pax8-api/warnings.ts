import { Pax8Logger } from './options';

/**
 * Reports surprises in Pax8 data (unknown enum values, unparseable dates) once per distinct value per
 * process, so a 40,000-subscription sync with one new status logs one line, not 40,000.
 */
export class WarnOnce {
  private readonly seen = new Set<string>();
  private static readonly MAX_KEYS = 10_000; // bounded: a hostile or broken feed cannot grow memory forever

  constructor(private readonly logger?: Pax8Logger) {}

  warn(key: string, message: string): void {
    if (this.seen.has(key)) return;
    if (this.seen.size < WarnOnce.MAX_KEYS) this.seen.add(key);
    this.logger?.warn(message);
  }
}
