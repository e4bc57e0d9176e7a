import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { AuditEntry } from '../../server/src/db/audit-entry.entity';
import { insertChunked } from '../../server/src/db/statements';
import { openScratchSource, type ScratchSource } from '../support/scratch-source';

let source: ScratchSource;
let ds: DataSource;

beforeAll(async () => {
  source = await openScratchSource({ migrate: true });
  ds = source.ds;
});
afterAll(() => source?.close());

/** Text that quotes, escapes, comments or asks for a parameter in SQL, and text in other scripts. */
const TRICKY = ["'", '"', '\\', '\0', '\n', '\r', '\t', '\x1a', '?', '`', '--', '/*', '#', 'é', '漢', '😀', ' '];
const text = (maxParts: number) =>
  fc
    .array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme-ascii', maxLength: 4 })), { maxLength: maxParts })
    .map((parts) => parts.join(''));

const row = fc.record({
  at: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }),
  actor: text(12),
  action: text(8),
  subjectType: text(8),
  subjectId: text(8),
  before: fc.option(fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown)),
  after: fc.option(fc.dictionary(text(3), fc.oneof(text(6), fc.integer(), fc.boolean()), { maxKeys: 4 })),
});

describe('multi-row INSERTs of entities', () => {
  it('store every value as given: quotes, backslashes, question marks, comments and any script, beside dates and JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), async (given) => {
        const entries = given.map((r) => Object.assign(new AuditEntry(), r));
        const ids = await ds.transaction(async (em) => {
          const [{ top }] = (await em.query('SELECT COALESCE(MAX(id), 0) AS top FROM audit_entry')) as Array<{ top: string | number }>;
          // Seven rows a statement: several statements, the last one shorter.
          await insertChunked(em, AuditEntry, entries, 7);
          return Number(top);
        });
        const stored = await ds
          .getRepository(AuditEntry)
          .createQueryBuilder('a')
          .where('a.id > :ids', { ids })
          .orderBy('a.id', 'ASC')
          .getMany();
        expect(stored.map(({ id: _id, ...rest }) => rest)).toEqual(entries.map((e) => ({ ...e })));
      }),
      { numRuns: 40 },
    );
  });
});
