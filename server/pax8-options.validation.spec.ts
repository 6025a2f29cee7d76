import { randomBytes } from 'node:crypto';
import { Pax8OptionsError, resolvePax8Options } from './pax8-options.validation';

const key = () => randomBytes(32).toString('base64');
const valid = () => ({ encryption: { currentKeyId: 'k1', keys: { k1: key() } } });

describe('resolvePax8Options', () => {
  it('fills every default', () => {
    const o = resolvePax8Options(valid());
    expect(o.api).toMatchObject({ apiBaseUrl: 'https://api.pax8.com/v1', tokenUrl: 'https://api.pax8.com/v1/token', audience: 'https://api.pax8.com', pageSize: 200, requestsPerMinute: 900 });
    expect(o.sync).toMatchObject({ enabled: true, intervalMinutes: 240, maxConcurrentTenants: 2, firstPullWriters: 2, mode: 'in-process' });
    expect(o.access).toEqual({ adminRoles: ['Owner', 'Admin'], managePermission: 'integrations.manage', viewPermission: 'integrations.view' });
    expect(o.allowMultipleCompaniesPerClient).toBe(false);
    expect(o.agentTools).toEqual({ approverPermission: 'integrations.approve', approvalTtlMinutes: 1440, freshnessMinutes: 360, reminderDays: 7, schedulerEnabled: true });
  });

  it('keeps given values beside defaults in the same group', () => {
    const o = resolvePax8Options({ ...valid(), api: { apiBaseUrl: 'http://127.0.0.1:4010/v1' }, sync: { intervalMinutes: 30 } });
    expect(o.api.apiBaseUrl).toBe('http://127.0.0.1:4010/v1');
    expect(o.api.pageSize).toBe(200);
    expect(o.sync.intervalMinutes).toBe(30);
    expect(o.sync.maxConcurrentTenants).toBe(2);
  });

  it.each([
    [{ api: { pageSize: 500 } }, 'api.pageSize'],
    [{ api: { apiBaseUrl: 'not a url' } }, 'api.apiBaseUrl'],
    [{ sync: { intervalMinutes: 1 } }, 'sync.intervalMinutes'],
    [{ sync: { mode: 'cron' } }, 'sync.mode'],
    [{ sync: { firstPullWriters: 0 } }, 'sync.firstPullWriters'],
    [{ sync: { firstPullWriters: 5 } }, 'sync.firstPullWriters'],
    [{ agentTools: { approvalTtlMinutes: 1 } }, 'agentTools.approvalTtlMinutes'],
    [{ agentTools: { approverPermission: '' } }, 'agentTools.approverPermission'],
    [{ sync: { mode: 'queue' } }, 'sync.redisUrl'],
    [{ sync: { mode: 'queue', redisUrl: 'redis://127.0.0.1:6379' }, ownDataSource: { type: 'better-sqlite3', database: ':memory:' } }, 'sync.mode'],
    [{ access: { adminRoles: 'Owner' } }, 'access.adminRoles'],
    [{ unknownOption: true }, 'unknownOption'],
  ])('names the bad option %j', (patch, name) => {
    expect(() => resolvePax8Options({ ...valid(), ...(patch as object) } as never)).toThrow(new RegExp(`${name.replace('.', '\\.')}:`));
  });

  it('rejects keys that are not 32 bytes and a current key id that is not configured', () => {
    try {
      resolvePax8Options({ encryption: { currentKeyId: 'k2', keys: { k1: 'c2hvcnQ=' } } });
      throw new Error('expected a failure');
    } catch (err) {
      expect(err).toBeInstanceOf(Pax8OptionsError);
      const problems = (err as Pax8OptionsError).problems.join('\n');
      expect(problems).toContain('encryption.keys.k1: must be 32 random bytes');
      expect(problems).toContain('encryption.currentKeyId: "k2" is not one of encryption.keys');
    }
  });

  it('requires the encryption option', () => {
    expect(() => resolvePax8Options({} as never)).toThrow(/encryption/);
  });
});
