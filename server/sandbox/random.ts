/**
 * Seeded randomness. The sandbox must be reproducible (same seed, same data, same faults), so nothing in
 * it may use the global unseeded generator: every draw goes through a Dice built from a seed.
 */
export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for test data (not for secrets). */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit: stable hash used to derive per-object choices (date formats, ids) without shared state. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HEX = '0123456789abcdef';

function uuidFromWords(w: number[]): string {
  let s = '';
  for (const x of w) s += (x >>> 0).toString(16).padStart(8, '0');
  // Set the version (4) and variant bits so the ids look like the real ones.
  const chars = s.split('');
  chars[12] = '4';
  chars[16] = HEX[(parseInt(chars[16], 16) & 0x3) | 0x8];
  const h = chars.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** A uuid that depends only on a string: products get the same id for every partner (one global catalog). */
export function uuidFromString(s: string): string {
  const r = mulberry32(hashString(s));
  return uuidFromWords([r() * 2 ** 32, r() * 2 ** 32, r() * 2 ** 32, r() * 2 ** 32]);
}

export class Dice {
  readonly next: Rng;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  /** Pick by weight: entries are [value, weight]. */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [v, w] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries[entries.length - 1][0];
  }
  uuid(): string {
    return uuidFromWords([this.next() * 2 ** 32, this.next() * 2 ** 32, this.next() * 2 ** 32, this.next() * 2 ** 32]);
  }
}

/** Round to 4 decimals, the precision Pax8 fixtures show for rates. */
export function round4(n: number): number {
  return Math.round(n * 10000) / 10000;
}
export function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
