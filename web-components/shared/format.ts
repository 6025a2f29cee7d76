/** Display helpers. Money stays a decimal string end to end: Intl formats the string itself, no float. */
export function formatDateTime(iso: string | null | undefined, lang?: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, lang?: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(iso));
}

export function formatMoney(amount: string | null | undefined, currency: string | null | undefined, lang?: string): string {
  if (amount === null || amount === undefined || amount === '') return '';
  const opts: Intl.NumberFormatOptions = currency ? { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 4 } : { minimumFractionDigits: 2, maximumFractionDigits: 4 };
  // Intl.NumberFormat.format accepts a decimal string and formats it exactly (no binary float on the way).
  return new Intl.NumberFormat(lang, opts).format(amount as unknown as number);
}

export function formatCount(n: number, lang?: string): string {
  return new Intl.NumberFormat(lang).format(n);
}
