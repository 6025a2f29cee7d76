import Decimal from 'decimal.js';
import { toDecimalString } from './money';

describe('toDecimalString', () => {
  it.each([
    [15, '15'],
    [15.0, '15'],
    [12.6, '12.6'],
    [16.368, '16.368'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1e-7, '0.0000001'],
    ['15.00', '15'],
    ['-3.5', '-3.5'],
  ])('%p -> %p', (input, out) => expect(toDecimalString(input)).toBe(out));
  it('gives the same text as Decimal for any number, exponents and negative zero included', () => {
    const numbers = [-0, 0, 1e21, 1.5e-7, -2.5e-9, 123456789012345.6, 2 ** 53, -(2 ** 60), Number.MIN_VALUE, Number.MAX_VALUE];
    for (let i = 0; i < 5_000; i++) numbers.push((Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 30 - 12));
    for (let i = 0; i < 2_000; i++) numbers.push(Math.round(Math.random() * 1e8) / 10 ** Math.floor(Math.random() * 6));
    for (const n of numbers) expect(toDecimalString(n)).toBe(new Decimal(n).toFixed());
  });
  it.each([[NaN], [Infinity], ['abc'], [''], [null], [undefined], [{}]])('rejects %p', (v) => expect(toDecimalString(v)).toBeUndefined());
});
