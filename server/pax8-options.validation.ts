import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { Pax8ModuleOptions, Pax8ModuleOptionsInput, ResolvedPax8Options } from './pax8-options';
import { isSqliteType } from './common/orm/dialect';

/** Thrown at start-up when an option is wrong; the message names each bad option and why. */
export class Pax8OptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid Pax8Module options:\n  - ${problems.join('\n  - ')}`);
    this.name = 'Pax8OptionsError';
  }
}

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((reason) => `${path}: ${reason}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** Applies defaults, validates, and checks the encryption keys decode to 32 bytes each. */
export function resolvePax8Options(input: Pax8ModuleOptionsInput | undefined): ResolvedPax8Options {
  if (!input || typeof input !== 'object') throw new Pax8OptionsError(['options: must be an object']);
  const options = plainToInstance(Pax8ModuleOptions, input, { exposeDefaultValues: true });
  const problems = flatten(validateSync(options, { forbidUnknownValues: false, whitelist: true, forbidNonWhitelisted: true }));

  const enc = options.encryption;
  if (enc?.keys && typeof enc.keys === 'object') {
    if (!Object.keys(enc.keys).length) problems.push('encryption.keys: must hold at least one key');
    for (const [id, key] of Object.entries(enc.keys)) {
      if (typeof key !== 'string' || Buffer.from(key, 'base64').length !== 32) {
        problems.push(`encryption.keys.${id}: must be 32 random bytes, base64-encoded (e.g. \`openssl rand -base64 32\`)`);
      }
    }
    if (enc.currentKeyId && !(enc.currentKeyId in enc.keys)) {
      problems.push(`encryption.currentKeyId: "${enc.currentKeyId}" is not one of encryption.keys`);
    }
  }
  if (options.sync?.mode === 'queue' && !options.sync.redisUrl) {
    problems.push('sync.redisUrl: is required when sync.mode is "queue"');
  }
  if (options.sync?.mode === 'queue' && isSqliteType(options.ownDataSource?.type)) {
    problems.push('sync.mode: "queue" runs syncs in several processes, which SQLite cannot share for writes; use PostgreSQL or MySQL/MariaDB, or sync.mode "in-process"');
  }
  options.connectionMethods ??= options.delegated ? ['client_credentials', 'delegated'] : ['client_credentials'];
  if (Array.isArray(options.connectionMethods)) {
    if (!options.connectionMethods.length) problems.push('connectionMethods: must allow at least one way to connect');
    if (options.connectionMethods.includes('delegated') && !options.delegated) {
      problems.push('delegated: is required when connectionMethods includes "delegated" (clientId, clientSecret, redirectUrl of your Pax8 OAuth application)');
    }
  }
  if (problems.length) throw new Pax8OptionsError(problems);
  return options as ResolvedPax8Options;
}
