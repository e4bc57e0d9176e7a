import { accountWithInvoices } from '../support/billing';
import { gql, gqlOk } from '../support/client';
import { daysFromToday } from '../support/dates';
import { unique } from '../support/factories';
import type { TestHub } from '../support/hub';
import { createPath } from './helpers';

export const D = daysFromToday;

/** A path in a segment of its own, so that no other test's account follows it. */
export async function pathOfItsOwn(
  t: TestHub,
  steps: Array<Record<string, unknown>>,
): Promise<{ segment: string; path: Record<string, unknown> }> {
  const segment = unique('CTL')
    .replace(/[^A-Za-z0-9]/g, '_')
    .toUpperCase();
  const path = await createPath(t, { name: `Path ${segment}`, segments: [segment], steps });
  return { segment, path };
}

/**
 * An account of the segment owing 59.95 due 9 days ago (billed for the month
 * ending 30 days ago), and, with current, 59.95 more due in 21 days.
 */
export async function delinquent(t: TestHub, segment: string, current = false) {
  const periods = [{ start: D(-60), end: D(-30), kwh: 500 }];
  if (current) periods.push({ start: D(-30), end: D(0), kwh: 500 });
  return accountWithInvoices(t, periods, { segment });
}

const CONTROLS = `number status collectionsHold { until reason createdBy createdAt } protections { code until note setBy setAt }
  collectionsActions { id action asOf detail }`;

export async function controlsOf(t: TestHub, id: string) {
  return (await gqlOk(t.url, `query($id: ID) { account(id: $id) { ${CONTROLS} } }`, { id }, t.adminToken)).account;
}

export async function actionsOf(t: TestHub, id: string): Promise<string[]> {
  return (await controlsOf(t, id)).collectionsActions.map((a: { asOf: string; action: string }) => `${a.asOf} ${a.action}`);
}

export function hold(t: TestHub, accountId: string, until: string, reason = 'Hardship review booked', token = t.adminToken) {
  return gql(
    t.url,
    `mutation($a: ID!, $u: Date!, $r: String!) { holdCollections(accountId: $a, until: $u, reason: $r) { ${CONTROLS} } }`,
    { a: accountId, u: until, r: reason },
    token,
  );
}

export function release(t: TestHub, accountId: string) {
  return gql(t.url, `mutation($a: ID!) { releaseCollectionsHold(accountId: $a) { ${CONTROLS} } }`, { a: accountId }, t.adminToken);
}

export function protect(t: TestHub, accountId: string, protections: Array<{ code: string; until?: string | null; note?: string | null }>) {
  return gql(
    t.url,
    `mutation($a: ID!, $p: [AccountProtectionInput!]!) { setAccountProtections(accountId: $a, protections: $p) { ${CONTROLS} } }`,
    { a: accountId, p: protections },
    t.adminToken,
  );
}

export function addBlackout(t: TestHub, date: string, reason = 'Ice storm') {
  return gql(
    t.url,
    'mutation($d: Date!, $r: String!) { addBlackoutDate(date: $d, reason: $r) { date reason } }',
    { d: date, r: reason },
    t.adminToken,
  );
}

export function removeBlackout(t: TestHub, date: string) {
  return gql(t.url, 'mutation($d: Date!) { removeBlackoutDate(date: $d) }', { d: date }, t.adminToken);
}

/** The account's work items in PROTECTED_ACCOUNTS, oldest first. */
export async function protectedItems(t: TestHub, accountNumber: string) {
  const data = await gqlOk(
    t.url,
    'query($n: String) { account(number: $n) { workItems(first: 100) { nodes { id kind status resolution title queue { key } } } } }',
    { n: accountNumber },
    t.adminToken,
  );
  return (
    data.account.workItems.nodes as Array<{ id: string; kind: string; status: string; resolution: string | null; queue: { key: string } }>
  )
    .filter((i) => i.queue.key === 'PROTECTED_ACCOUNTS')
    .sort((a, b) => Number(a.id) - Number(b.id));
}

export function decide(t: TestHub, workItemId: string, take: boolean, reason: string, token = t.adminToken) {
  return gql(
    t.url,
    'mutation($id: ID!, $take: Boolean!, $r: String!) { decideProtectedStep(workItemId: $id, take: $take, reason: $r) { id status resolution } }',
    { id: workItemId, take, r: reason },
    token,
  );
}
