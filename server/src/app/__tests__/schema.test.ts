import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges } from 'graphql';
import { printHubSchema } from '../schema';

const ROOT = path.resolve(__dirname, '../../../..');
const COMMITTED = path.join(ROOT, 'schema/schema.graphql');
/** The partners' contract, kept beside the project; a copy is committed so a clone on its own checks against it too. */
const SHARED_CONTRACT = path.resolve(ROOT, '../shared/contract/schema.graphql');
const CONTRACT_COPY = path.join(ROOT, 'schema/contract.graphql');
const CONTRACT = fs.existsSync(SHARED_CONTRACT) ? SHARED_CONTRACT : CONTRACT_COPY;

/**
 * Contract items not built yet. Each issue that builds some removes them here;
 * the list must end empty. Entries are type names or Type.field coordinates.
 */
const PENDING: string[] = [];

/**
 * The type, Type.field or Enum.VALUE a breaking change is about: the first word of graphql-js's
 * description, with the enum's name before a removed value.
 */
function subjectOf(description: string): string {
  const enumValue = /^(\w+) was removed from enum type (\w+)\.$/.exec(description);
  if (enumValue) return `${enumValue[2]}.${enumValue[1]}`;
  return description.split(' ')[0].replace(/\.$/, '');
}

describe('the emitted schema', () => {
  it('is committed as schema/schema.graphql and up to date (run `npm run schema` after changing resolvers)', async () => {
    expect(fs.readFileSync(COMMITTED, 'utf8')).toBe(await printHubSchema());
  });

  it('keeps its copy of the contract identical to the shared one, where that is at hand', () => {
    if (!fs.existsSync(SHARED_CONTRACT)) return;
    expect(fs.readFileSync(CONTRACT_COPY, 'utf8')).toBe(fs.readFileSync(SHARED_CONTRACT, 'utf8'));
  });

  it("breaks nothing in the partners' contract beyond the explicit pending list", async () => {
    const contract = buildSchema(fs.readFileSync(CONTRACT, 'utf8'));
    const emitted = buildSchema(await printHubSchema());
    const breaking = findBreakingChanges(contract, emitted).map((c) => c.description);
    const unexpected = breaking.filter((d) => !PENDING.includes(subjectOf(d)));
    expect(unexpected).toEqual([]);
    // A pending entry that no longer breaks anything has been built: remove it from the list.
    const stale = PENDING.filter((p) => !breaking.some((d) => subjectOf(d) === p));
    expect(stale).toEqual([]);
  });
});
