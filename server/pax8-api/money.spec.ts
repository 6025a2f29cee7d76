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
  it.each([[NaN], [Infinity], ['abc'], [''], [null], [undefined], [{}]])('rejects %p', (v) => expect(toDecimalString(v)).toBeUndefined());
});
