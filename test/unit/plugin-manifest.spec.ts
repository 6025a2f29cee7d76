import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import 'reflect-metadata';
import { Pax8Module } from '../../server';
import { pluginRoutes } from '../../scripts/openapi/generate-openapi';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'plugin.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('plugin.json', () => {
  it('matches the package name and version', () => {
    expect(manifest.name).toBe(pkg.name);
    expect(manifest.version).toBe(pkg.version);
  });

  it('names the host ranges the package declares as peers', () => {
    expect(manifest.compatibility).toEqual({
      node: pkg.engines.node,
      nestjs: pkg.peerDependencies['@nestjs/core'],
      typeorm: pkg.peerDependencies.typeorm,
    });
    expect(pkg.peerDependencies['@nestjs/common']).toBe(pkg.peerDependencies['@nestjs/core']);
  });

  it('shares NestJS, TypeORM and the validation packages with the host instead of bundling them', () => {
    const shared = ['@nestjs/common', '@nestjs/core', '@nestjs/typeorm', 'typeorm', 'reflect-metadata', 'rxjs', 'class-validator', 'class-transformer', 'bullmq', 'ioredis'];
    for (const name of shared) {
      expect(pkg.peerDependencies[name]).toBeDefined();
      expect(pkg.dependencies[name]).toBeUndefined();
      // The dev install must satisfy the peer range it is tested against.
      expect(pkg.devDependencies[name]).toBeDefined();
    }
    expect(pkg.peerDependenciesMeta).toEqual({ bullmq: { optional: true }, ioredis: { optional: true } });
    expect(pkg.private).toBeUndefined();
  });

  it('ships every export target, with types for each code entry', () => {
    for (const [entry, target] of Object.entries<string | { types: string; default: string }>(pkg.exports)) {
      const paths = typeof target === 'string' ? [target] : [target.types, target.default];
      if (typeof target !== 'string') expect(target.types).toMatch(/\.d\.ts$/);
      for (const path of paths) {
        const file = path.replace(/^\.\//, '');
        expect([entry, pkg.files.some((f: string) => file === f || file.startsWith(`${f}/`)) || file === 'package.json']).toEqual([entry, true]);
      }
    }
  });

  it('lists every element registration file (web-components/<folder>/pax8-*.ts)', () => {
    const dir = join(root, 'web-components');
    const files = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'dist' && d.name !== 'shared') // shared/ holds the base class, not an element
      .flatMap((d) => readdirSync(join(dir, d.name)).filter((f) => /^pax8-.*\.ts$/.test(f)).map((f) => `web-components/${d.name}/${f}`));
    expect(manifest.elements.list.map((e: { file: string }) => e.file).sort()).toEqual(files.sort());
  });

  it('points at files that exist', () => {
    expect(existsSync(join(root, manifest.backend.entry))).toBe(true);
    expect(existsSync(join(root, manifest.backend.migrations.folder))).toBe(true);
    for (const el of manifest.elements.list) expect(existsSync(join(root, el.file))).toBe(true);
  });

  it('names the exports the entry point really has', () => {
    const entry = require(join(root, manifest.backend.entry));
    expect(entry[manifest.backend.module]).toBe(Pax8Module);
    expect(Array.isArray(entry[manifest.backend.entities])).toBe(true);
    expect(Array.isArray(entry[manifest.backend.migrations.export])).toBe(true);
    for (const port of manifest.backend.ports) expect(typeof entry[port.token]).toBe('symbol');
  });

  it('defines each element tag with the class it names', () => {
    for (const el of manifest.elements.list) {
      const source = readFileSync(join(root, el.file), 'utf8');
      expect(source).toContain(`customElements.define('${el.tag}', ${el.class})`);
    }
  });

  it('lists exactly the routes the controllers declare, with their access level', () => {
    const declared = pluginRoutes().map((r) => `${r.method} ${r.path} ${r.access}`);
    const listed = manifest.routes.list.map((r: { method: string; path: string; access: string }) => `${r.method} ${r.path} ${r.access}`);
    expect(listed.sort()).toEqual(declared.sort());
  });
});
