/** Every string of <pax8-client-picker>, in one place for translation. */
export const pickerStrings = {
  label: (company: string) => `Map ${company} to a client`,
  placeholder: 'Map to client…',
  suggested: 'Suggested',
  clients: 'Clients',
  searching: 'Searching…',
  noMatch: 'No client matches this search.',
  typeToSearch: 'Type to search all clients.',
  mappedElsewhere: 'already mapped to another company',
  count: (n: number) => `${n} option${n === 1 ? '' : 's'} available. Use the arrow keys, then Enter to choose.`,
  failed: (message: string) => `Could not search clients: ${message}`,
  reasons: {
    accountNumber: 'account number',
    name: 'same name',
    domain: 'same website',
    fuzzyName: (score: number) => `similar name ${score} %`,
  },
};

export function reasonText(rule: string, score: number): string {
  const r = pickerStrings.reasons;
  if (rule === 'fuzzyName') return r.fuzzyName(Math.round(score * 100));
  return (r as Record<string, string | ((n: number) => string)>)[rule] as string ?? rule;
}
