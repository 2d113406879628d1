#!/usr/bin/env node
// Lines of SQL per lib and app: the lines of every string literal or template (in .ts source,
// migrations and tests left out) that reads as SQL. Usage: node scripts/sql-lines.mjs [root]
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const root = process.argv[2] ?? process.cwd();
const SQL =
  /\b(SELECT|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|WITH\s+RECURSIVE|FROM\s+[a-z_]+|JOIN\s+[a-z_]+|NOT\s+EXISTS|IS\s+NULL)\b/;

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory())
      return ['node_modules', 'dist', 'migrations', 'e2e'].includes(name) ? [] : files(path);
    return /\.ts$/.test(name) && !/\.(spec|int-spec|e2e-spec|d)\.ts$/.test(name) ? [path] : [];
  });
}

function sqlLines(file) {
  const tree = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const lines = new Set();
  const visit = (node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node)
    ) {
      const text = node.getText();
      if (SQL.test(text)) {
        const from = tree.getLineAndCharacterOfPosition(node.getStart()).line;
        const to = tree.getLineAndCharacterOfPosition(node.getEnd()).line;
        for (let l = from; l <= to; l++) lines.add(l);
      }
      return;
    }
    node.forEachChild(visit);
  };
  visit(tree);
  return lines.size;
}

const counts = {};
for (const kind of ['libs', 'apps']) {
  for (const name of readdirSync(join(root, kind))) {
    if (name === 'web' || name === 'testing') continue;
    const n = files(join(root, kind, name, 'src')).reduce((sum, f) => sum + sqlLines(f), 0);
    if (n > 0) counts[`${kind}/${name}`] = n;
  }
}
const total = Object.values(counts).reduce((a, b) => a + b, 0);
for (const [k, n] of Object.entries(counts).sort((a, b) => b[1] - a[1]))
  console.log(`${String(n).padStart(5)}  ${k}`);
console.log(`${String(total).padStart(5)}  total`);
