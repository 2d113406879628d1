/**
 * Writes the served schema, sorted, to apps/api/schema.graphql (run by `npm run build`).
 * Usage: node dist/apps/api/src/graphql/print-schema.js [out-file]
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { ApiModule } from '../api.module';
import { resolversOf } from './resolvers';
import { SCALARS } from './scalars';

export async function buildSchemaSdl(): Promise<string> {
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, {
    logger: false,
  });
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(resolversOf(ApiModule), SCALARS);
    return `${printSchema(lexicographicSortSchema(schema))}\n`;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  const out = process.argv[2] ?? join(process.cwd(), 'apps/api/schema.graphql');
  buildSchemaSdl()
    .then((sdl) => {
      writeFileSync(out, sdl);
      console.log(`wrote ${out}`);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
