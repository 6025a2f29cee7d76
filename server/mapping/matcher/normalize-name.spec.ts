import { companyNameTokens, normalizeCompanyName } from './normalize-name';

describe('normalizeCompanyName', () => {
  // [input, expected key]
  const cases: Array<[string, string]> = [
    // legal-form suffixes
    ['Acme Inc', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['Acme Incorporated', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme L.L.C.', 'acme'],
    ['Acme LLP', 'acme'],
    ['Acme Ltd', 'acme'],
    ['Acme Limited', 'acme'],
    ['Acme GmbH', 'acme'],
    ['Acme Pty Ltd', 'acme'],
    ['Acme Pty. Ltd.', 'acme'],
    ['Acme Pty', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme Co', 'acme'],
    ['Acme Company', 'acme'],
    ['Acme SA', 'acme'],
    ['Acme S.A.', 'acme'],
    ['Acme BV', 'acme'],
    ['Acme B.V.', 'acme'],
    ['Acme AG', 'acme'],
    ['Acme PLC', 'acme'],
    ['Acme NV', 'acme'],
    ['Acme SARL', 'acme'],
    ['Acme S.à r.l.', 'acme'],
    ['Acme SRL', 'acme'],
    ['Acme Oy', 'acme'],
    ['Acme AB', 'acme'],
    ['Acme KG', 'acme'],
    ['Acme Pte Ltd', 'acme'],
    ['Acme A/S', 'acme'],
    // stacked suffixes
    ['Acme Co., Ltd.', 'acme'],
    ['Acme Corp Inc', 'acme'],
    ['Müller GmbH & Co. KG', 'muller'],
    ['Smith & Co', 'smith'],
    ['Smith and Company Limited', 'smith'],
    // a suffix is only stripped at the end
    ['Limited Editions Ltd', 'limitededitions'],
    ['Company Store', 'companystore'],
    // never stripped down to nothing
    ['Limited', 'limited'],
    ['Inc.', 'inc'],
    ['Co., Ltd.', 'co'],
    // case, punctuation, white space
    ['ACME PLUMBING', 'acmeplumbing'],
    ['  Acme   Plumbing  ', 'acmeplumbing'],
    ['Acme\tPlumbing\n', 'acmeplumbing'],
    ['Blue-Sky Consulting', 'blueskyconsulting'],
    ['Blue Sky Consulting', 'blueskyconsulting'],
    ["McDonald's Corp", 'mcdonalds'],
    ['McDonald’s', 'mcdonalds'],
    ['A.B.C. Plumbing', 'abcplumbing'],
    ['Studio X S.A.', 'studiox'],
    // & versus and versus +
    ['Smith & Jones', 'smithandjones'],
    ['Smith and Jones', 'smithandjones'],
    ['Smith + Jones', 'smithandjones'],
    ['Smith&Jones', 'smithandjones'],
    ['Procter & Gamble Co.', 'procterandgamble'],
    // accents and letters NFKD keeps
    ['Café Crème Ltd', 'cafecreme'],
    ['Société Générale S.A.', 'societegenerale'],
    ['Ørsted A/S', 'orsted'],
    ['Straße Bau GmbH', 'strassebau'],
    ['Ｆｕｌｌｗｉｄｔｈ Inc', 'fullwidth'], // NFKD folds full-width letters
    // leading "The" is ignored, but not when it is the whole name
    ['The Acme Company', 'acme'],
    ['The', 'the'],
    ['Theater Group', 'theatergroup'],
    // non-name words are kept: they tell sister companies apart
    ['Acme Holdings', 'acmeholdings'],
    ['Acme Group Ltd', 'acmegroup'],
    // empty
    ['', ''],
    ['   ', ''],
    ['!!!', ''],
  ];

  it.each(cases)('%j → %j', (input, expected) => {
    expect(normalizeCompanyName(input)).toBe(expected);
  });

  it('treats null and undefined as empty', () => {
    expect(normalizeCompanyName(null)).toBe('');
    expect(normalizeCompanyName(undefined)).toBe('');
  });

  it('keeps the significant words as tokens for fuzzy matching', () => {
    expect(companyNameTokens('The Smith & Jones Law Firm, P.L.L.C.')).toEqual(['smith', 'and', 'jones', 'law', 'firm']);
    expect(companyNameTokens('S.A.')).toEqual(['s', 'a']);
  });

  it('is idempotent on its own output', () => {
    for (const [input] of cases) {
      const once = normalizeCompanyName(input);
      if (once) expect(normalizeCompanyName(once)).toBe(once);
    }
  });
});
