/** Every string of <pax8-tool-policies>, in one place for translation. */
export const policiesStrings = {
  title: 'AI agent: tool policies',
  intro: 'What the agent may do on its own. Writes under "Approval needed" wait for an approver; thresholds let small changes through automatically.',
  loading: 'Loading policies…',
  modes: { auto: 'Auto', approval: 'Approval needed', off: 'Off' } as Record<string, string>,
  columns: { tool: 'Tool', policy: 'Policy', seats: 'Auto-approve up to (seats)', monthly: 'or under (per month)', save: 'Save' },
  isDefault: (mode: string) => `(default ${mode})`,
  readOnlyTool: 'not for read tools',
  policyLabel: (tool: string) => `Policy for ${tool}`,
  seatsLabel: (tool: string) => `Auto-approve seats for ${tool}`,
  monthlyLabel: (tool: string) => `Auto-approve monthly amount for ${tool}`,
  save: 'Save',
  saveLabel: (tool: string) => `Save policy for ${tool}`,
  saved: (tool: string, mode: string) => `${tool}: ${mode}.`,
  fieldProblems: (errors: Array<{ field: string; reason: string }>) => errors.map((e) => `${e.field} ${e.reason}`).join('; '),
};
