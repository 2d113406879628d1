import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';
import { TABLE_OWNERS } from './table-owners';

/**
 * The ownership check: only a table's owning lib names it in SQL or uses its entity, and the apps
 * hold no SQL at all. It reads the source as text (string literals, template parts and call
 * arguments); migrations, tests, the test-support lib, the web client and the map itself are left
 * out.
 */
const ROOT = join(__dirname, '..', '..', '..');
const owners: Record<string, string> = TABLE_OWNERS;

/** `TABLE x`, `FROM x`, `JOIN x`, ...: keywords in capitals, as the code writes its SQL. */
const TABLE_REF =
  /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|USING|TRUNCATE|REFERENCES)\s+(?:ONLY\s+|IF\s+(?:NOT\s+)?EXISTS\s+)?"?([a-z_][a-z0-9_]*)"?/g;
/** What makes a string SQL in an app, whatever table it names. */
const SQL_STATEMENT =
  /\b(?:SELECT\s+[\s\S]*\bFROM\b|SELECT\s+\d|INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|WITH\s+RECURSIVE)\b/;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!['node_modules', 'dist', 'migrations', 'e2e'].includes(name))
        out.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(name) && !/\.(spec|int-spec|e2e-spec)\.tsx?$/.test(name)) {
      out.push(path);
    }
  }
  return out;
}

/** `lib:<name>` or `app:<name>`, from where the file lives. */
function ownerOf(file: string): string {
  const [kind, name] = relative(ROOT, file).split(sep);
  return `${kind === 'libs' ? 'lib' : 'app'}:${name}`;
}

interface Source {
  file: string;
  owner: string;
  tree: ts.SourceFile;
}

function allSources(): Source[] {
  const files = [
    ...readdirSync(join(ROOT, 'libs'))
      .filter((lib) => lib !== 'testing')
      .flatMap((lib) => sourceFiles(join(ROOT, 'libs', lib, 'src'))),
    // The web app is a GraphQL client: it never reaches the database.
    ...readdirSync(join(ROOT, 'apps'))
      .filter((app) => app !== 'web')
      .flatMap((app) => sourceFiles(join(ROOT, 'apps', app, 'src'))),
  ].filter((file) => file !== join(ROOT, 'libs', 'database', 'src', 'table-owners.ts'));
  return files.map((file) => ({
    file,
    owner: ownerOf(file),
    tree: ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true),
  }));
}

function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

const isText = (node: ts.Node) =>
  ts.isStringLiteral(node) ||
  ts.isNoSubstitutionTemplateLiteral(node) ||
  ts.isTemplateHead(node) ||
  ts.isTemplateMiddle(node) ||
  ts.isTemplateTail(node);

/** Entity class name to table, from every lib's `@Entity('table')`. */
function entityTables(sources: Source[]): Map<string, string> {
  const tables = new Map<string, string>();
  for (const { tree } of sources) {
    walk(tree, (node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const d of ts.getDecorators(node) ?? []) {
        const call = d.expression;
        if (
          ts.isCallExpression(call) &&
          call.expression.getText() === 'Entity' &&
          call.arguments[0] &&
          ts.isStringLiteral(call.arguments[0])
        ) {
          tables.set(node.name.text, call.arguments[0].text);
        }
      }
    });
  }
  return tables;
}

/** Every place a lib names another lib's table (or an app names any table or holds SQL), as `file:line: why`. */
export function ownershipViolations(sources = allSources()): string[] {
  const entities = entityTables(sources);
  const found: string[] = [];
  for (const { file, owner, tree } of sources) {
    const where = (pos: number) =>
      `${relative(ROOT, file)}:${tree.getLineAndCharacterOfPosition(pos).line + 1}`;
    const foreign = (table: string) =>
      owners[table] !== undefined && (owner.startsWith('app:') || `lib:${owners[table]}` !== owner);
    walk(tree, (node) => {
      if (isText(node)) {
        const raw = node.getText();
        const start = node.getStart();
        if (owner.startsWith('app:') && SQL_STATEMENT.test(raw)) {
          found.push(`${where(start)}: SQL in an app`);
          return;
        }
        for (const m of raw.matchAll(TABLE_REF)) {
          if (foreign(m[1]))
            found.push(`${where(start + m.index)}: names ${m[1]} (owned by ${owners[m[1]]})`);
        }
      }
      if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
        const args = (node.arguments ?? []).flatMap((a) =>
          ts.isArrayLiteralExpression(a) ? [...a.elements] : [a],
        );
        for (const arg of args) {
          if (!ts.isIdentifier(arg)) continue;
          const table = entities.get(arg.text);
          if (table && foreign(table))
            found.push(
              `${where(arg.getStart())}: uses ${arg.text} (table ${table}, owned by ${owners[table]})`,
            );
        }
      }
    });
  }
  return found;
}

describe('table ownership', () => {
  it('gives every table the migrations create one owner, and every owner is a lib', () => {
    const dir = join(ROOT, 'libs', 'database', 'src', 'migrations');
    const created = readdirSync(dir).flatMap((f) =>
      [
        ...readFileSync(join(dir, f), 'utf8').matchAll(
          /CREATE\s+(?:UNLOGGED\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"?([a-z_][a-z0-9_]*)/g,
        ),
      ].map((m) => m[1]),
    );
    expect(created.length).toBeGreaterThan(20);
    expect(created.filter((t) => owners[t] === undefined)).toEqual([]);
    const libs = readdirSync(join(ROOT, 'libs'));
    expect([...new Set(Object.values(owners))].filter((o) => !libs.includes(o))).toEqual([]);
  });

  it('finds a planted violation', () => {
    const tree = ts.createSourceFile(
      join(ROOT, 'libs', 'feed', 'src', 'planted.ts'),
      "export const q = 'SELECT id FROM comments WHERE update_id = $1';",
      ts.ScriptTarget.ES2022,
      true,
    );
    expect(ownershipViolations([{ file: tree.fileName, owner: 'lib:feed', tree }])).toEqual([
      'libs/feed/src/planted.ts:1: names comments (owned by comments)',
    ]);
  });

  it('lets only the owning lib name a table in SQL or use its entity, and the apps hold no SQL', () => {
    expect(ownershipViolations()).toEqual([]);
  });
});
