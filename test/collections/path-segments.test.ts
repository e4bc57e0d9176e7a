import { errorCode, gql, gqlOk, type GqlResult } from '../support/client';
import { account } from '../support/factories';
import { startTestHub, type TestHub } from '../support/hub';
import { accountState, createPath, PATH_FIELDS } from './helpers';

let t: TestHub;
let operator: string;

const CREATE = `mutation($input: CollectionsPathInput!) { createCollectionsPath(input: $input) { ${PATH_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: CollectionsPathInput!) { updateCollectionsPath(id: $id, input: $input) { ${PATH_FIELDS} } }`;

beforeAll(async () => {
  t = await startTestHub();
  operator = await t.userToken('OPERATOR');
});
afterAll(async () => t?.stop());

type Path = { id: string; name: string; segments: string[]; active: boolean };

async function paths(): Promise<Path[]> {
  return (await gqlOk(t.url, `{ collectionsPaths { ${PATH_FIELDS} } }`, {}, t.adminToken)).collectionsPaths;
}

function update(path: Path, changes: Partial<Path>): Promise<GqlResult> {
  return gql(t.url, UPDATE, { id: path.id, input: { name: path.name, segments: path.segments, steps: [], ...changes } }, operator);
}

function expectClaimed(result: GqlResult, segment: string, holder: Path): void {
  expect(errorCode(result)).toBe('CONFLICT');
  expect(result.errors?.[0].message).toBe(
    `Segment ${segment} is already claimed by the active collections path "${holder.name}" (id ${holder.id}); ` +
      'take it out of that path or deactivate that path first',
  );
}

describe('two active paths never claim the same segment', () => {
  it('refuses a new path for a claimed segment, naming the path that has it, and creates nothing', async () => {
    const vip = await createPath(t, { name: 'VIP white glove', segments: ['VIP', 'PLATINUM'], steps: [] });
    const before = await paths();
    expectClaimed(await gql(t.url, CREATE, { input: { name: 'VIP bis', segments: ['GOLD', 'vip'], steps: [] } }, operator), 'VIP', vip);
    expect(await paths()).toEqual(before);

    // Another segment is fine, and so is an inactive path for a claimed one: it claims nothing until activated.
    await createPath(t, { name: 'Gold', segments: ['GOLD'], steps: [] });
    const standby = await createPath(t, { name: 'VIP standby', segments: ['VIP'], active: false, steps: [] });
    expect(standby).toMatchObject({ segments: ['VIP'], active: false });
    const member = await account(t, { segment: 'VIP' });
    expect((await accountState(t, member.id)).collectionsPath).toEqual({ name: 'VIP white glove' });
  });

  it('refuses an update that adds a claimed segment or activates a path for one, whatever the order', async () => {
    const all = await paths();
    const vip = all.find((p) => p.name === 'VIP white glove') as Path;
    const gold = all.find((p) => p.name === 'Gold') as Path;
    const standby = all.find((p) => p.name === 'VIP standby') as Path;

    expectClaimed(await update(gold, { segments: ['GOLD', 'PLATINUM'] }), 'PLATINUM', vip);
    expectClaimed(await update(standby, { active: true }), 'VIP', vip);
    expect(await paths()).toEqual(all);

    // The VIP path steps down: the standby takes the segment over, and the old one can't come back on it.
    expect((await update(vip, { active: false })).errors).toBeUndefined();
    expect((await update(standby, { active: true })).errors).toBeUndefined();
    expectClaimed(await update(vip, { active: true }), 'VIP', standby);
    const member = await account(t, { segment: 'VIP' });
    expect((await accountState(t, member.id)).collectionsPath).toEqual({ name: 'VIP standby' });

    // Reactivated without VIP, it keeps PLATINUM; the freed segment can be claimed by another path.
    expect((await update(vip, { active: true, segments: ['PLATINUM'] })).errors).toBeUndefined();
    expect((await update(standby, { segments: [] })).errors).toBeUndefined();
    expect((await update(gold, { segments: ['GOLD', 'VIP'] })).errors).toBeUndefined();
    expect((await accountState(t, member.id)).collectionsPath).toEqual({ name: 'Gold' });
    // Saving a path again with the segments it already claims is no conflict with itself.
    expect((await update(gold, { name: 'Gold and VIP' })).errors).toBeUndefined();
  });

  it('lets exactly one of several paths created at once for one segment in', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        gql(t.url, CREATE, { input: { name: `Race ${n}`, segments: ['RACE', `RACE_${n}`], steps: [] } }, operator),
      ),
    );
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    const winner = won[0].data?.createCollectionsPath as Path;
    for (const lost of results.filter((r) => r.errors)) expectClaimed(lost, 'RACE', winner);
    expect((await paths()).filter((p) => p.name.startsWith('Race ')).map((p) => p.name)).toEqual([winner.name]);
  });

  it('lets exactly one of two paths claiming overlapping segments in opposite orders in', async () => {
    const results = await Promise.all([
      gql(t.url, CREATE, { input: { name: 'North east', segments: ['NORTH', 'EAST'], steps: [] } }, operator),
      gql(t.url, CREATE, { input: { name: 'East north', segments: ['EAST', 'NORTH'], steps: [] } }, operator),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.map(errorCode).filter(Boolean)).toEqual(['CONFLICT']);
  });

  it('lets exactly one of several inactive paths activated at once for one segment in', async () => {
    const standby = await Promise.all(
      [1, 2, 3, 4].map((n) => createPath(t, { name: `Night shift ${n}`, segments: ['NIGHT'], active: false, steps: [] })),
    );
    const results = await Promise.all(standby.map((p) => update(p, { active: true })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.map(errorCode).filter(Boolean)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    const active = (await paths()).filter((p) => p.segments.includes('NIGHT') && p.active);
    expect(active).toHaveLength(1);
  });
});
