// Consumer test: installs the packed plugin into fresh host projects, one per supported stack, from
// the registry (nothing linked), and runs host.cjs in each. Not part of jest's run: it needs a tarball.
//   node test/consumer/run.mjs [path/to/openmsp-pax8-plugin-x.y.z.tgz]   (packs the tree when omitted)
// Needs PostgreSQL (PAX8_CONSUMER_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const common = { 'reflect-metadata': '^0.2.2', rxjs: '^7.8.2', 'class-validator': '^0.15.1', 'class-transformer': '^0.5.1', pg: '^8.23.1' };
const STACKS = {
  'nest12-typeorm1': { '@nestjs/common': '^12.0.0', '@nestjs/core': '^12.0.0', '@nestjs/platform-express': '^12.0.0', '@nestjs/typeorm': '^12.0.0', typeorm: '^1.0.0' },
  'nest11-typeorm03': { '@nestjs/common': '^11.0.0', '@nestjs/core': '^11.0.0', '@nestjs/platform-express': '^11.0.0', '@nestjs/typeorm': '^11.0.0', typeorm: '^0.3.20' },
};

const run = (cmd, args, cwd, env = {}) => execFileSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });

let tarball = process.argv[2] && resolve(process.argv[2]);
const work = mkdtempSync(join(tmpdir(), 'pax8-consumer-'));
try {
  if (!tarball) {
    run('npm', ['pack', '--pack-destination', work], root);
    tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')));
  }
  const only = process.env.PAX8_CONSUMER_STACKS?.split(',');
  for (const [stack, deps] of Object.entries(STACKS).filter(([s]) => !only || only.includes(s))) {
    console.log(`\n== consumer host on ${stack}`);
    const dir = join(work, stack);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `pax8-consumer-${stack}`, private: true, version: '0.0.0', dependencies: { ...common, ...deps } }, null, 2));
    // The tarball like any registry package: npm resolves its peers against the host's own versions.
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball], dir);
    run('npm', ['ls', '@nestjs/common', '@nestjs/core', '@nestjs/typeorm', 'typeorm'], dir);
    // Types of every entry, through the exports map (node16 resolution), as a TypeScript host sees them.
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--no-save', 'typescript@~5.9', '@types/node@^20.19.0'], dir);
    for (const f of ['types-check.ts', 'elements-check.mts']) copyFileSync(join(here, f), join(dir, f));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, lib: ['es2022', 'dom'], types: ['node'] }, files: ['types-check.ts', 'elements-check.mts'] }));
    run(join(dir, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], dir);
    copyFileSync(join(here, 'host.cjs'), join(dir, 'host.cjs'));
    run(process.execPath, ['host.cjs'], dir, { PAX8_CONSUMER_STACK: stack.replace(/-/g, '_') });
  }
} finally {
  if (!process.env.PAX8_CONSUMER_KEEP) rmSync(work, { recursive: true, force: true });
}
