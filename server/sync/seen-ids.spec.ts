import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { packUuid, SeenIds } from './seen-ids';

describe('SeenIds', () => {
  it('answers exactly as a Set of the same ids, through growth, for every shape of id', () => {
    const random = Array.from({ length: 30_000 }, () => randomUUID());
    const timeOrdered = Array.from({ length: 30_000 }, () => uuidv7()); // leading words shared: the hash must mix
    const odd = ['', 'sub-1', random[0].toUpperCase(), ` ${random[1]}`, random[2].replace(/-/g, ''), `${random[3].slice(0, 35)}g`, `${random[4]}-`];
    const added = [...random, ...timeOrdered, ...odd].filter((_, i) => i % 3 !== 2);
    const seen = new SeenIds();
    const reference = new Set<string>();
    for (const id of [...added, ...added.slice(0, 500)]) {
      expect(seen.add(id)).toBe(!reference.has(id));
      reference.add(id);
    }
    expect(seen.size).toBe(reference.size);
    for (const id of [...random, ...timeOrdered, ...odd]) expect(seen.has(id)).toBe(reference.has(id));
    expect(seen.has(randomUUID())).toBe(false);
  });

  it('keeps a canonical id and its upper-case spelling apart, as a Set does', () => {
    const id = randomUUID();
    const seen = new SeenIds();
    seen.add(id.toUpperCase());
    expect(seen.has(id)).toBe(false);
    seen.add(id);
    expect(seen.has(id)).toBe(true);
    expect(seen.size).toBe(2);
  });

  it('packs only the canonical lower-case form, all 128 bits', () => {
    const out = new Uint32Array(4);
    expect(packUuid('0123abcd-4567-89ef-0a1b-2c3d4e5f6789', out)).toBe(true);
    expect([...out].map((w) => w.toString(16).padStart(8, '0')).join('')).toBe('0123abcd456789ef0a1b2c3d4e5f6789');
    expect(packUuid('ffffffff-ffff-ffff-ffff-ffffffffffff', out)).toBe(true);
    expect([...out]).toEqual([0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
    for (const other of ['0123ABCD-4567-89ef-0a1b-2c3d4e5f6789', '0123abcd_4567-89ef-0a1b-2c3d4e5f6789', '0123abcd-4567-89ef-0a1b-2c3d4e5f678', '']) expect(packUuid(other, out)).toBe(false);
  });
});
