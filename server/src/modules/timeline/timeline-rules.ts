import { actorAsSeen } from '../../common/auth/actor-names';
import { Role } from '../../common/auth/roles';
import { badInput } from '../../common/errors/hub-error';
import { TimelineKind } from './timeline-kind';

/** Where a page ends: the last entry's moment, kind and row id (the row of its own table). */
export interface TimelinePosition {
  at: Date;
  kind: TimelineKind;
  id: string;
}

/** The order of kinds between entries of the same moment. */
export const KIND_ORDER: readonly TimelineKind[] = Object.values(TimelineKind);

export function kindRank(kind: TimelineKind): number {
  return KIND_ORDER.indexOf(kind);
}

/** Newest first; at the same moment by kind order, then the newest row first. */
export function comparePositions(a: TimelinePosition, b: TimelinePosition): number {
  const byAt = b.at.getTime() - a.at.getTime();
  if (byAt !== 0) return byAt;
  const byKind = kindRank(a.kind) - kindRank(b.kind);
  if (byKind !== 0) return byKind;
  const ai = BigInt(a.id);
  const bi = BigInt(b.id);
  return ai === bi ? 0 : ai > bi ? -1 : 1;
}

export function encodeTimelineCursor(p: TimelinePosition): string {
  return Buffer.from(`t:${p.at.getTime()}:${p.kind}:${p.id}`, 'utf8').toString('base64url');
}

export function decodeTimelineCursor(cursor: string): TimelinePosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^t:(\d{1,15}):([A-Z_]{1,32}):(\d{1,16})$/.exec(text);
  if (!m || !KIND_ORDER.includes(m[2] as TimelineKind)) {
    throw badInput(
      `after "${cursor.slice(0, 40)}" is not a timeline cursor this API gave out; pass a pageInfo.endCursor of account.timeline`,
    );
  }
  return { at: new Date(Number(m[1])), kind: m[2] as TimelineKind, id: m[3] };
}

/**
 * Which rows of one kind's table come after the cursor, newest first:
 * 'AT_OR_BEFORE' (a kind ranked after the cursor's: its rows of the same moment follow),
 * 'BEFORE' (ranked before: only older rows follow), or 'SAME_KIND' (older rows, and rows of
 * the same moment with a smaller id).
 */
export type CursorRule = 'AT_OR_BEFORE' | 'BEFORE' | 'SAME_KIND';

export function cursorRule(kind: TimelineKind, after: TimelinePosition): CursorRule {
  const diff = kindRank(kind) - kindRank(after.kind);
  return diff === 0 ? 'SAME_KIND' : diff > 0 ? 'AT_OR_BEFORE' : 'BEFORE';
}

/** The actor as the timeline shows it: null for the hub itself, an API key's name only to admins. */
export function shownActor(actor: string | null | undefined, readerIsAdmin: boolean): string | null {
  if (!actor || actor === 'system') return null;
  return actorAsSeen(actor, readerIsAdmin ? Role.ADMIN : null);
}

/** A collections step as operators know it: its name, its place on its path, and the path's name. */
export interface StepOnPath {
  name: string;
  position: number;
  pathName: string;
}

/**
 * A collections action's title: 'Collections: letter "Final notice" (step 2 of path "Standard")'; the action
 * alone when its step is not found. The step as it was when taken: a later path update retires it, not renumbers it.
 */
export function collectionsActionTitle(action: string, step: StepOnPath | undefined): string {
  const what = `Collections: ${action.toLowerCase().replace(/_/g, ' ')}`;
  return step ? `${what} "${step.name}" (step ${step.position} of path "${step.pathName}")` : what;
}
