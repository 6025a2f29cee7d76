import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { DataSourceOptions } from 'typeorm';
import { PAX8_ENTITIES, PAX8_MIGRATIONS, PAX8_MIGRATIONS_TABLE, Pax8Module, Pax8ModuleOptionsInput } from '../index';
import { DemoController } from './demo.controller';
import { DemoPortsModule } from './ports/demo-ports.module';

export interface DemoHostOptions {
  /** The host's database; the plugin's entities and migrations are registered in it (the "host owns the DataSource" way). */
  database: DataSourceOptions;
  pax8: Omit<Pax8ModuleOptionsInput, 'ownDataSource'>;
}

/** The demo host application: its own ports and routes, plus the plugin mounted with forRootAsync. */
@Module({})
export class DemoAppModule {
  static create(options: DemoHostOptions): DynamicModule {
    return {
      module: DemoAppModule,
      imports: [
        TypeOrmModule.forRoot({
          ...options.database,
          entities: [...PAX8_ENTITIES],
          migrations: PAX8_MIGRATIONS,
          migrationsTableName: PAX8_MIGRATIONS_TABLE,
          migrationsRun: true,
        } as DataSourceOptions),
        DemoPortsModule,
        Pax8Module.forRootAsync({
          imports: [DemoPortsModule],
          useFactory: () => options.pax8,
        }),
      ],
      controllers: [DemoController],
    };
  }
}
