/**
 * The Pax8 ids a full pull has met, for the repeated-row check, the completeness check and the vanished-row
 * check at its end. A `Set<string>` of 200,000 ids held about 18 MB of V8's heap to the end of the run (each id a
 * 36-character string plus its table entry), and V8 lets the heap grow to a multiple of what survives a
 * collection, so that set alone lifted a large re-sync's peak heap by several times its size. Ids in the
 * canonical lower-case UUID form (every Pax8 id seen so far) are packed into 16 bytes each in an open-addressing
 * table outside the heap; any other id goes into a plain Set, so the answer is exactly a Set's.
 */
export class SeenIds {
  /** Four 32-bit words per slot. */
  private words = new Uint32Array(4 * 1024);
  private used = new Uint8Array(1024);
  private packed = 0;
  private readonly others = new Set<string>();
  private readonly key = new Uint32Array(4);

  get size(): number {
    return this.packed + this.others.size;
  }

  has(id: string): boolean {
    if (!packUuid(id, this.key)) return this.others.has(id);
    return this.slotOf(this.key) >= 0;
  }

  /** Adds `id`; true when it was not there yet (one packing and one probe, where `has` then `add` took two). */
  add(id: string): boolean {
    if (!packUuid(id, this.key)) {
      if (this.others.has(id)) return false;
      this.others.add(id);
      return true;
    }
    if (this.slotOf(this.key) >= 0) return false;
    if ((this.packed + 1) * 10 > this.used.length * 7) this.grow();
    this.place(this.key);
    this.packed++;
    return true;
  }

  /** The slot holding `k`, or -1. Linear probing from the key's hash; the table is never full. */
  private slotOf(k: Uint32Array): number {
    const mask = this.used.length - 1;
    for (let i = hashOf(k) & mask; this.used[i]; i = (i + 1) & mask) {
      const w = i * 4;
      if (this.words[w] === k[0] && this.words[w + 1] === k[1] && this.words[w + 2] === k[2] && this.words[w + 3] === k[3]) return i;
    }
    return -1;
  }

  private place(k: Uint32Array): void {
    const mask = this.used.length - 1;
    let i = hashOf(k) & mask;
    while (this.used[i]) i = (i + 1) & mask;
    this.used[i] = 1;
    this.words.set(k, i * 4);
  }

  private grow(): void {
    const { words, used } = this;
    this.words = new Uint32Array(words.length * 2);
    this.used = new Uint8Array(used.length * 2);
    for (let i = 0; i < used.length; i++) if (used[i]) this.place(words.subarray(i * 4, i * 4 + 4));
  }
}

/** Mixes the four words (ids need not be random: time-ordered UUIDs share their leading words). */
function hashOf(k: Uint32Array): number {
  let h = Math.imul(k[0] ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ k[1] ^ (h >>> 15), 0xc2b2ae35);
  h = Math.imul(h ^ k[2] ^ (h >>> 13), 0x85ebca6b);
  h = Math.imul(h ^ k[3] ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Writes the 128 bits of a lower-case `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx` into `out`; false for any other string. */
export function packUuid(id: string, out: Uint32Array): boolean {
  if (id.length !== 36) return false;
  let word = 0;
  let nibbles = 0;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false; // '-'
      continue;
    }
    let v: number;
    if (c >= 48 && c <= 57) v = c - 48;
    else if (c >= 97 && c <= 102) v = c - 87;
    else return false;
    word = (word << 4) | v;
    if (++nibbles % 8 === 0) {
      out[nibbles / 8 - 1] = word >>> 0;
      word = 0;
    }
  }
  return true;
}
