import { ConfigurableModuleBuilder, ModuleMetadata } from '@nestjs/common';
import { RouterModule } from '@nestjs/core';
import type { Pax8ModuleOptionsInput } from './pax8-options';
import { Pax8OptionsError } from './pax8-options.validation';
import { PAX8_ROUTE_PREFIX } from './pax8.constants';

export interface Pax8ModuleExtras {
  /** Route prefix of every plugin route. Default 'pax8'. Given beside the (async) options because routes are built before any factory runs. */
  routePrefix?: string;
  /** Modules the plugin imports, typically the host module that provides the ports (forRootAsync has `imports` already). */
  imports?: ModuleMetadata['imports'];
}

const ROUTE_PREFIX = /^[a-z0-9][a-z0-9/_-]*$/i;

export const {
  ConfigurableModuleClass: Pax8ConfigurableModule,
  MODULE_OPTIONS_TOKEN: PAX8_RAW_OPTIONS,
  OPTIONS_TYPE: PAX8_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: PAX8_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<Pax8ModuleOptionsInput>({ moduleName: 'Pax8' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createPax8Options')
  .setExtras<Pax8ModuleExtras>({ routePrefix: 'pax8', imports: [] }, (definition, extras) => {
    const prefix = extras.routePrefix ?? 'pax8';
    if (typeof prefix !== 'string' || !ROUTE_PREFIX.test(prefix)) {
      throw new Pax8OptionsError([`routePrefix: must be a path such as "pax8" or "integrations/pax8", got ${JSON.stringify(prefix)}`]);
    }
    return {
      ...definition,
      providers: [...(definition.providers ?? []), { provide: PAX8_ROUTE_PREFIX, useValue: prefix }],
      imports: [
        ...(definition.imports ?? []),
        ...(extras.imports ?? []),
        RouterModule.register([{ path: prefix, module: definition.module }]),
      ],
    };
  })
  .build();
