/**
 * Account numbers compare trimmed and case-insensitive, nothing more: "00123" and "123" stay different,
 * because PSAs treat them as different accounts. Empty → undefined (never a key).
 */
export function normalizeAccountNumber(s: string | null | undefined): string | undefined {
  const v = (s ?? '').trim().toLowerCase();
  return v === '' ? undefined : v;
}
