import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The demo's encryption key, made on first run and kept beside the database (a real host keeps it in its secret store). */
export function loadOrCreateDemoKeys(path: string): { currentKeyId: string; keys: Record<string, string> } {
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8'));
  const keys = { currentKeyId: 'demo-1', keys: { 'demo-1': randomBytes(32).toString('base64') } };
  writeFileSync(path, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}
