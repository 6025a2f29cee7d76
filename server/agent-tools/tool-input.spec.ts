import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { TOOL_NAMES, TOOLS } from './tool-catalog';
import { ToolInputValidator } from './tool-input';

describe('tool catalog and input validation', () => {
  const v = new ToolInputValidator();

  it('has the twelve tools, each with a description and object schemas that compile', () => {
    expect(TOOLS.map((t) => t.name)).toEqual([...TOOL_NAMES]);
    expect(TOOLS).toHaveLength(12);
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    for (const t of TOOLS) {
      expect(t.description.length).toBeGreaterThan(30);
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema.type).toBe('object');
      expect(() => ajv.compile(t.outputSchema)).not.toThrow();
    }
    expect(TOOLS.filter((t) => t.kind === 'write').map((t) => [t.name, t.defaultPolicy])).toEqual([
      ['pax8-create-order', 'approval'],
      ['pax8-update-subscription', 'approval'],
    ]);
    expect(TOOLS.filter((t) => t.kind === 'read').every((t) => t.defaultPolicy === 'auto')).toBe(true);
  });

  it('applies defaults and names every bad field', () => {
    expect(v.validate('pax8-list-companies', {})).toEqual({ input: { limit: 25, offset: 0 } });
    const bad = v.validate('pax8-create-order', { company: 'Acme', lineItems: [{ productId: 'p', quantity: 0, billingTerm: 'Weekly', extra: 1 }], note: 'x' });
    expect('problems' in bad && bad.problems).toEqual(
      expect.arrayContaining([
        { field: 'note', reason: 'is not a field of this tool' },
        { field: 'lineItems[0].quantity', reason: 'must be >= 1' },
        { field: 'lineItems[0].billingTerm', reason: 'must be equal to one of the allowed values' },
        { field: 'lineItems[0].extra', reason: 'is not a field of this tool' },
      ]),
    );
    expect(v.validate('pax8-update-subscription', { subscriptionId: 's' })).toEqual({ problems: [{ field: 'input', reason: 'give quantity or billingTerm' }] });
    expect(v.validate('pax8-get-subscription', {})).toEqual({ problems: [{ field: 'subscriptionId', reason: 'is required' }] });
  });
});
