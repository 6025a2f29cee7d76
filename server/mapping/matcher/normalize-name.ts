/**
 * Company-name normalisation for auto-mapping. Two names are "the same" when their keys are equal.
 *
 * Ignored: letter case, accents (NFKD + combining marks stripped, plus a few letters NFKD keeps such as ß/ø/æ),
 * apostrophes, punctuation, white space, "&"/"+" versus "and", a leading "The", and legal-form suffixes at
 * the end (possibly stacked: "Co., Ltd.", "GmbH & Co. KG"). Words like "Group" or "Holdings" are NOT
 * stripped: they often tell sister companies apart.
 */

/** Letters NFKD does not decompose but people type either way. */
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i' };

/**
 * Legal forms, written as people write them. Each is run through the same tokenizer as names, so "L.L.C."
 * becomes [l, l, c] and "LLC" becomes [llc]: list both spellings when both occur. "SpA" is left out on
 * purpose ("Day Spa"), and so are ambiguous everyday words other than Co/Company.
 */
const LEGAL_FORMS = [
  'Inc', 'Incorporated', 'LLC', 'L.L.C.', 'LLP', 'L.L.P.', 'LP', 'L.P.', 'PLLC', 'P.L.L.C.', 'PC', 'P.C.',
  'Ltd', 'Limited', 'Corp', 'Corporation', 'Co', 'Company', 'PLC', 'P.L.C.',
  'Pty', 'Pty Ltd', 'Pte', 'Pte Ltd', 'Sdn Bhd', 'Bhd',
  'GmbH', 'mbH', 'AG', 'A.G.', 'KG', 'K.G.', 'OHG', 'UG', 'e.K.', 'e.V.',
  'SA', 'S.A.', 'SAS', 'S.A.S.', 'SARL', 'S.A.R.L.', 'S.à r.l.', 'SRL', 'S.R.L.', 'SL', 'S.L.', 'SpA.',
  'BV', 'B.V.', 'NV', 'N.V.', 'Oy', 'Oyj', 'AB', 'ApS', 'AS', 'A/S', 'ASA', 'KK', 'K.K.',
];

const STOP_FIRST = 'the';
const CONNECTOR = 'and';

/** Case, accents and punctuation folded; "&"/"+" become the word "and". Returns the word tokens. */
export function tokenizeName(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const folded = raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþı]/g, (c) => FOLD[c] ?? c)
    // Apostrophes join ("McDonald's" -> mcdonalds) instead of splitting off a stray "s".
    .replace(/['’‘`´]/g, '')
    .replace(/[&+]/g, ` ${CONNECTOR} `);
  return folded.split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/** Suffix token sequences grouped by their last token (one Map look-up per step), longest first. */
const SUFFIXES_BY_LAST = new Map<string, string[][]>();
for (const seq of new Map(LEGAL_FORMS.map((f) => tokenizeName(f)).map((q) => [q.join(' '), q] as const)).values()) {
  const last = seq[seq.length - 1];
  SUFFIXES_BY_LAST.set(last, [...(SUFFIXES_BY_LAST.get(last) ?? []), seq].sort((a, b) => b.length - a.length));
}

function endsWith(tokens: string[], seq: string[]): boolean {
  if (seq.length > tokens.length) return false;
  const off = tokens.length - seq.length;
  return seq.every((t, i) => tokens[off + i] === t);
}

/**
 * The significant tokens of a name: leading "The" and trailing legal forms removed, never down to nothing
 * (a company called "Limited" keeps its name).
 */
export function companyNameTokens(raw: string | null | undefined): string[] {
  const tokens = tokenizeName(raw);
  if (tokens.length > 1 && tokens[0] === STOP_FIRST) tokens.shift();
  for (;;) {
    const seq = SUFFIXES_BY_LAST.get(tokens[tokens.length - 1])?.find(
      (s) => tokens.length > s.length && endsWith(tokens, s),
    );
    if (!seq) break;
    tokens.length -= seq.length;
    // "Smith & Co" / "GmbH & Co. KG": a connector left dangling by the suffix goes too.
    if (tokens.length > 1 && tokens[tokens.length - 1] === CONNECTOR) tokens.length -= 1;
  }
  return tokens;
}

/**
 * The equality key for names: significant tokens joined with nothing between them, so spacing and
 * punctuation inside the name do not matter ("Blue-Sky" = "Blue Sky" = "BlueSky"). '' when nothing is left.
 */
export function normalizeCompanyName(raw: string | null | undefined): string {
  return companyNameTokens(raw).join('');
}
