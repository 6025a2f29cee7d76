import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { Dice, mulberry32, uuidFromString } from './random';
import { renderDateTime, parseDate } from './dates';

describe('sandbox randomness and dates', () => {
  it('mulberry32 repeats for a seed and differs across seeds', () => {
    const a = mulberry32(5);
    const b = mulberry32(5);
    const c = mulberry32(6);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('makes v4-shaped uuids, stable per string', () => {
    const id = new Dice(1).uuid();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidFromString('x')).toBe(uuidFromString('x'));
    expect(uuidFromString('x')).not.toBe(uuidFromString('y'));
  });

  it('never uses Math.random in the sandbox sources', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.spec.ts')) files.push(p);
      }
    };
    walk(__dirname);
    const offenders = files.filter((f) => readFileSync(f, 'utf8').includes('Math.' + 'random'));
    expect(offenders).toEqual([]);
  });

  it('renders every live date variant and parses them back to the same instant', () => {
    const canonical = '2021-01-01T08:30:00Z';
    const t = Date.parse(canonical);
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      const v = renderDateTime(canonical, `salt${i}`, false, true) as string;
      seen.add(v.replace(/\d/g, '9'));
      expect(Math.abs(parseDate(v)! - t)).toBeLessThan(1000);
    }
    expect(seen.size).toBe(3);
    expect(renderDateTime(canonical, 'any', true, false)).toBe(canonical);
    expect(parseDate('2020-12-01T13:20:13.153-0700')).toBe(Date.parse('2020-12-01T20:20:13.153Z'));
  });
});
