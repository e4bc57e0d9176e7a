import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The direction of dependencies in the server, kept by this test:
 * - app/ is the composition root: nothing outside it (but main.ts) imports it;
 * - db/ is below every module: it imports no module;
 * - common/ imports modules only for the types of the services' interface (common/services.ts);
 * - no import cycles, type-only imports included.
 */
const SRC = path.resolve(__dirname, '..');

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sourceFiles(full);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => fs.existsSync(candidate)) ?? null;
}

function importsOf(file: string): Import[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  for (const statement of source.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier) {
      const to = resolve(file, (statement.moduleSpecifier as ts.StringLiteral).text);
      if (!to) continue;
      const typeOnly = ts.isImportDeclaration(statement) ? Boolean(statement.importClause?.isTypeOnly) : statement.isTypeOnly;
      found.push({ from: file, to, typeOnly });
    }
  }
  return found;
}

const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);
const area = (file: string) => path.relative(SRC, file).split(path.sep)[0];
const show = (i: Import) => `${path.relative(SRC, i.from)} -> ${path.relative(SRC, i.to)}`;

/** Strongly connected groups of more than one file (Tarjan). */
function cycles(): string[][] {
  const edges = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const i of imports) edges.get(i.from)?.push(i.to);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(path.relative(SRC, w));
      } while (w !== v);
      if (group.length > 1) groups.push(group.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return groups;
}

describe('the direction of dependencies in the server', () => {
  it('reads the whole source tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(imports.length).toBeGreaterThan(files.length);
  });

  it('has nothing outside app/ import app/ (but main.ts, which starts it)', () => {
    const upward = imports.filter((i) => area(i.to) === 'app' && area(i.from) !== 'app' && path.relative(SRC, i.from) !== 'main.ts');
    expect(upward.map(show)).toEqual([]);
  });

  it('has db/ import no module', () => {
    const upward = imports.filter((i) => area(i.from) === 'db' && (area(i.to) === 'modules' || area(i.to) === 'app'));
    expect(upward.map(show)).toEqual([]);
  });

  it('has common/ import modules only for the types of the services interface', () => {
    const upward = imports.filter(
      (i) =>
        area(i.from) === 'common' &&
        area(i.to) === 'modules' &&
        !(i.typeOnly && path.relative(SRC, i.from) === path.join('common', 'services.ts')),
    );
    expect(upward.map(show)).toEqual([]);
  });

  it('has no import cycles, type-only imports included', () => {
    expect(cycles()).toEqual([]);
  });
});
