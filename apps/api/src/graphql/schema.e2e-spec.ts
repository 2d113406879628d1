import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { startTestStack, TestStack } from '@causeway/testing';
import { buildSchemaSdl } from './print-schema';

describe('apps/api/schema.graphql', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: false });
  });
  afterAll(() => stack?.close());

  it('is what the running API serves, and what the build writes (run npm run build and commit it)', async () => {
    const served = `${printSchema(lexicographicSortSchema(stack.api.get(GraphQLSchemaHost).schema))}\n`;
    const committed = readFileSync(join(__dirname, '../../schema.graphql'), 'utf8');
    expect(committed).toBe(served);
    expect(await buildSchemaSdl()).toBe(served);
  });
});
