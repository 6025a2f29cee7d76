import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import 'reflect-metadata';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { Pax8Module } from '../../server';
import { PAX8_ACCESS_KEY } from '../../server/common/http/access.decorator';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'plugin.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

describe('plugin.json', () => {
  it('matches the package name and version', () => {
    expect(manifest.name).toBe(pkg.name);
    expect(manifest.version).toBe(pkg.version);
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
    const methods: Record<number, string> = { [RequestMethod.GET]: 'GET', [RequestMethod.POST]: 'POST', [RequestMethod.PUT]: 'PUT', [RequestMethod.DELETE]: 'DELETE', [RequestMethod.PATCH]: 'PATCH' };
    const controllers: Function[] = Reflect.getMetadata('controllers', Pax8Module);
    const declared: string[] = [];
    for (const ctrl of controllers) {
      const base: string = Reflect.getMetadata(PATH_METADATA, ctrl);
      for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
        const handler = ctrl.prototype[name];
        if (name === 'constructor' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
        const sub: string = Reflect.getMetadata(PATH_METADATA, handler);
        const path = [base, sub].filter((p) => p && p !== '/').join('/');
        const access = Reflect.getMetadata(PAX8_ACCESS_KEY, handler) ?? 'manage';
        declared.push(`${methods[Reflect.getMetadata(METHOD_METADATA, handler)]} ${path} ${access}`);
      }
    }
    const listed = manifest.routes.list.map((r: { method: string; path: string; access: string }) => `${r.method} ${r.path} ${r.access}`);
    expect(listed.sort()).toEqual(declared.sort());
  });
});
