import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { TOOLS_BY_NAME, ToolName } from './tool-catalog';

export interface FieldProblem {
  field: string;
  reason: string;
}

/** JSON Pointer `/lineItems/0/quantity` -> `lineItems[0].quantity`, the `field` style of every 400. */
function fieldOf(e: ErrorObject): string {
  const parts = e.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = (e.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ?? (e.params as { additionalProperty?: string }).additionalProperty;
  if (extra) parts.push(extra);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || 'input';
}

function reasonOf(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return 'is not a field of this tool';
  if (e.keyword === 'required') return 'is required';
  if (e.keyword === 'anyOf') return 'give quantity or billingTerm';
  return e.message ?? 'is not valid';
}

/**
 * Validates tool input against the catalog's JSON Schemas (ajv), applying defaults. The same schemas
 * are what agents see, so the rules an agent reads are the rules enforced. Each tool's schema is
 * compiled on its first call, then kept: compiling all of them at boot held about 0.7 MB of heap in
 * every host, agent or not.
 */
export class ToolInputValidator {
  private ajv?: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  /** Returns the input with defaults applied, or the problems (one per field and reason). */
  validate(tool: ToolName, input: unknown): { input: Record<string, unknown> } | { problems: FieldProblem[] } {
    const value = input === undefined || input === null ? {} : structuredClone(input);
    const validate = this.validatorFor(tool);
    if (validate(value)) return { input: value as Record<string, unknown> };
    const seen = new Set<string>();
    const problems = (validate.errors ?? [])
      // anyOf reports each branch's `required` too; the anyOf message says it once.
      .filter((e) => !(e.keyword === 'required' && e.schemaPath.includes('anyOf')))
      .map((e) => ({ field: fieldOf(e), reason: reasonOf(e) }))
      .filter((p) => !seen.has(`${p.field}|${p.reason}`) && seen.add(`${p.field}|${p.reason}`));
    return { problems };
  }

  private validatorFor(tool: ToolName): ValidateFunction {
    let validate = this.validators.get(tool);
    if (!validate) {
      const schema = TOOLS_BY_NAME.get(tool)?.inputSchema;
      if (!schema) throw new Error(`No input schema for tool ${tool}`);
      if (!this.ajv) {
        this.ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
        addFormats(this.ajv);
      }
      validate = this.ajv.compile(schema);
      this.validators.set(tool, validate);
    }
    return validate;
  }
}
