import { In, IsNull, type EntityManager } from 'typeorm';
import type { Principal } from '../../common/auth/roles';
import { changesNothing } from '../../common/changes';
import { badInput, conflict, invalidState, notFound } from '../../common/errors/hub-error';
import { parseId, requireInt, requireText } from '../../common/validation';
import { insertChunked, type Database, type Tx } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { Account } from '../accounts/account.entity';
import { lockAccount } from '../accounts/account.service';
import { WorkQueue } from '../work-queues/work-queue.entity';
import { CollectionsActionType, CollectionsPath, CollectionsStep, DEFAULT_PATH_KEY } from './collections.entity';
import { CollectionsPathSegment } from './collections-path-segment.entity';
import { TEMPLATE_FIELDS, unknownPlaceholders } from './collections-text';
import type { CollectionsPathInput, CollectionsStepInput } from './collections.inputs';
import { validateNotice } from './controls/notice';
import { continuedKeys } from './step-keys';

const SEGMENT = /^[A-Za-z0-9_]+$/;
const MAX_SEGMENTS = 100;
const MAX_STEPS = 50;
const MAX_DAYS = 3650;
/** 100% in micro-units. */
const MAX_FEE_PERCENT = 100_000_000;

/** A step as validated from the input, before it has a row. */
type StepValues = Pick<
  CollectionsStep,
  | 'position'
  | 'name'
  | 'daysPastDue'
  | 'minPastDue'
  | 'action'
  | 'template'
  | 'queueKey'
  | 'feeAmount'
  | 'feePercent'
  | 'noticePosition'
  | 'noticeDays'
>;

interface PathValues {
  name: string;
  segments: string[];
  isDefault: boolean | null;
  active: boolean | null;
  steps: StepValues[];
}

/** The paths in force, and which one an account follows. */
export interface PathBook {
  paths: Map<string, CollectionsPath>;
  steps: Map<string, CollectionsStep[]>;
  pathFor(account: Pick<Account, 'segment' | 'collectionsPathId'>): CollectionsPath | null;
}

function snapshot(path: CollectionsPath, steps: CollectionsStep[]): Record<string, unknown> {
  return { ...path, isDefault: path.isDefault, steps: steps.map((s) => ({ ...s })) };
}

/** Whether an update would leave the path and its current steps as they are. */
export function samePath(path: CollectionsPath, steps: CollectionsStep[], values: PathValues): boolean {
  return (
    changesNothing(path, { name: values.name, segments: values.segments, active: values.active ?? path.active }) &&
    (values.isDefault ?? path.isDefault) === path.isDefault &&
    steps.length === values.steps.length &&
    steps.every((step, i) => changesNothing(step, values.steps[i]))
  );
}

/**
 * Resolution order of account.collectionsPath: the explicit assignment, else
 * the first active path (lowest id) listing the segment, else the default path.
 * An assigned path that has been deactivated no longer applies.
 */
export function pathBook(paths: CollectionsPath[], steps: CollectionsStep[]): PathBook {
  const active = paths.filter((p) => p.active).sort((a, b) => Number(a.id) - Number(b.id));
  const byId = new Map(active.map((p) => [p.id, p]));
  const bySegment = new Map<string, CollectionsPath>();
  for (const path of active) for (const segment of path.segments) if (!bySegment.has(segment)) bySegment.set(segment, path);
  const fallback = active.find((p) => p.isDefault) ?? null;
  const stepsByPath = new Map<string, CollectionsStep[]>();
  for (const step of [...steps].sort((a, b) => a.position - b.position)) {
    const list = stepsByPath.get(step.pathId);
    if (list) list.push(step);
    else stepsByPath.set(step.pathId, [step]);
  }
  return {
    paths: byId,
    steps: stepsByPath,
    pathFor: (account) =>
      (account.collectionsPathId ? byId.get(account.collectionsPathId) : undefined) ?? bySegment.get(account.segment) ?? fallback,
  };
}

/** Collections paths: what happens to a delinquent account, and when. */
export class CollectionsPathService {
  constructor(private readonly db: Database) {}

  list(): Promise<CollectionsPath[]> {
    return this.db.manager.getRepository(CollectionsPath).find({ order: { id: 'ASC' } });
  }

  byIds(ids: readonly string[]): Promise<CollectionsPath[]> {
    return this.db.manager.getRepository(CollectionsPath).findBy({ id: In([...ids]) });
  }

  /** The current (not retired) steps of the paths, in order. */
  currentSteps(pathIds: readonly string[]): Promise<CollectionsStep[]> {
    return this.db.manager
      .getRepository(CollectionsStep)
      .find({ where: { pathId: In([...pathIds]), retiredAt: IsNull() }, order: { pathId: 'ASC', position: 'ASC' } });
  }

  /** Every step of the paths, retired ones included. */
  stepsOfPaths(pathIds: readonly string[]): Promise<CollectionsStep[]> {
    return this.db.manager.getRepository(CollectionsStep).findBy({ pathId: In([...pathIds]) });
  }

  /** Steps by id, retired ones included: actions keep pointing at the step they ran. */
  stepsByIds(ids: readonly string[]): Promise<CollectionsStep[]> {
    return this.db.manager.getRepository(CollectionsStep).findBy({ id: In([...ids]) });
  }

  /** Every active path with its current steps, read in the caller's transaction. */
  async book(em: EntityManager = this.db.manager): Promise<PathBook> {
    const paths = await em.getRepository(CollectionsPath).findBy({ active: true });
    const steps = paths.length
      ? await em.getRepository(CollectionsStep).findBy({ pathId: In(paths.map((p) => p.id)), retiredAt: IsNull() })
      : [];
    return pathBook(paths, steps);
  }

  async create(actor: Principal, input: CollectionsPathInput): Promise<CollectionsPath> {
    const values = this.validate(input);
    return this.guardUnique(values.segments, null, () =>
      this.db.transaction(async (tx) => {
        await this.checkQueues(tx.em, values.steps);
        const isDefault = values.isDefault ?? false;
        const active = values.active ?? true;
        if (isDefault && !active) throw badInput('The default path must be active; set active: true or isDefault: false');
        if (isDefault) await this.clearDefault(tx.em);
        const now = new Date();
        const path = await tx.em.getRepository(CollectionsPath).save(
          Object.assign(new CollectionsPath(), {
            name: values.name,
            segments: values.segments,
            defaultKey: isDefault ? DEFAULT_PATH_KEY : null,
            active,
            version: 1,
            createdAt: now,
            updatedAt: now,
          }),
        );
        await this.claimSegments(tx.em, path.id, active ? values.segments : []);
        const steps = await this.insertSteps(tx, path.id, values.steps, []);
        tx.audit({
          actor: actor.name,
          action: 'createCollectionsPath',
          subjectType: 'CollectionsPath',
          subjectId: path.id,
          after: snapshot(path, steps),
        });
        return path;
      }),
    );
  }

  /**
   * Replaces the path's name, segments and steps. The old steps are retired,
   * not deleted, so actions already taken keep their step; a new step with the
   * same action and daysPastDue as an old one continues it (a delinquency that
   * had the old step does not get the new one). isDefault and active keep their
   * values when not given. An update that gives the path as it stands answers
   * with it: no new version, steps or audit entry.
   */
  async update(actor: Principal, id: string, input: CollectionsPathInput): Promise<CollectionsPath> {
    parseId(id, 'Collections path');
    const values = this.validate(input);
    const current = await this.db.manager.getRepository(CollectionsPath).findOneBy({ id });
    if (current && samePath(current, await this.currentSteps([id]), values)) return current;
    return this.guardUnique(values.segments, id, () =>
      this.db.transaction(async (tx) => {
        const repo = tx.em.getRepository(CollectionsPath);
        // The version bump takes the row lock: concurrent updates of one path queue up here.
        const bumped = await tx.em
          .createQueryBuilder()
          .update(CollectionsPath)
          .set({ version: () => 'version + 1', updatedAt: new Date() })
          .where('id = :id', { id })
          .execute();
        if (!bumped.affected) throw notFound(`Collections path ${id}`);
        const before = await repo.findOneByOrFail({ id });
        await this.checkQueues(tx.em, values.steps);
        const isDefault = values.isDefault ?? before.isDefault;
        const active = values.active ?? before.active;
        if (isDefault && !active) throw badInput('The default path must be active; set active: true or isDefault: false');
        if (isDefault && !before.isDefault) await this.clearDefault(tx.em);
        await repo.update(
          { id },
          { name: values.name, segments: values.segments, defaultKey: isDefault ? DEFAULT_PATH_KEY : null, active },
        );
        await this.claimSegments(tx.em, id, active ? values.segments : []);
        const old = await tx.em
          .getRepository(CollectionsStep)
          .find({ where: { pathId: id, retiredAt: IsNull() }, order: { position: 'ASC' } });
        if (old.length > 0) {
          await tx.em.getRepository(CollectionsStep).update({ id: In(old.map((s) => s.id)) }, { retiredAt: new Date() });
        }
        const steps = await this.insertSteps(tx, id, values.steps, old);
        const after = await repo.findOneByOrFail({ id });
        tx.audit({
          actor: actor.name,
          action: 'updateCollectionsPath',
          subjectType: 'CollectionsPath',
          subjectId: id,
          before: snapshot(before, old),
          after: snapshot(after, steps),
        });
        return after;
      }),
    );
  }

  /** Assigns the path to the account (null: back to its segment's or the default path). */
  async assign(actor: Principal, accountId: string, pathId: string | null | undefined): Promise<Account> {
    parseId(accountId, 'Account');
    if (pathId) parseId(pathId, 'Collections path');
    return this.db.transaction(async (tx) => {
      const before = await lockAccount(tx.em, accountId);
      if (pathId) {
        const path = await tx.em.getRepository(CollectionsPath).findOneBy({ id: pathId });
        if (!path) throw notFound(`Collections path ${pathId}`);
        if (!path.active) throw invalidState(`Collections path "${path.name}" is inactive; activate it before assigning it`);
      }
      await tx.em.getRepository(Account).update({ id: accountId }, { collectionsPathId: pathId ?? null });
      const after = await tx.em.getRepository(Account).findOneByOrFail({ id: accountId });
      tx.audit({
        actor: actor.name,
        action: 'assignCollectionsPath',
        subjectType: 'Account',
        subjectId: accountId,
        before: { collectionsPathId: before.collectionsPathId },
        after: { collectionsPathId: after.collectionsPathId },
      });
      return after;
    });
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Two paths made default, or claiming one segment, at the same moment: the unique keys let one through; the
   * other is told which path took the segment, or asked to retry.
   */
  private async guardUnique<T>(segments: string[], pathId: string | null, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.checkClaims(this.db.manager, pathId, segments);
      // Not a segment someone still holds: the default key, or a claim given up again since.
      throw conflict('Another path was made the default, or claimed one of these segments, at the same moment; reload and try again');
    }
  }

  /**
   * The path claims exactly these segments (none while inactive). A segment
   * another active path claims is refused with CONFLICT naming that path; a
   * claim made by a transaction not yet committed is caught by the unique key.
   */
  private async claimSegments(em: EntityManager, pathId: string, segments: string[]): Promise<void> {
    await this.checkClaims(em, pathId, segments);
    await em.getRepository(CollectionsPathSegment).delete({ pathId });
    // In one order, so two paths claiming overlapping segments wait for each other rather than deadlock.
    const rows = [...segments].sort().map((segment) => Object.assign(new CollectionsPathSegment(), { segment, pathId }));
    await insertChunked(em, CollectionsPathSegment, rows);
  }

  private async checkClaims(em: EntityManager, pathId: string | null, segments: string[]): Promise<void> {
    if (segments.length === 0) return;
    const claims = await em.getRepository(CollectionsPathSegment).findBy({ segment: In(segments) });
    const taken = claims.find((c) => c.pathId !== pathId);
    if (!taken) return;
    const other = await em.getRepository(CollectionsPath).findOneByOrFail({ id: taken.pathId });
    throw conflict(
      `Segment ${taken.segment} is already claimed by the active collections path "${other.name}" (id ${other.id}); ` +
        'take it out of that path or deactivate that path first',
    );
  }

  private async clearDefault(em: EntityManager): Promise<void> {
    await em.getRepository(CollectionsPath).update({ defaultKey: DEFAULT_PATH_KEY }, { defaultKey: null, updatedAt: new Date() });
  }

  /** A CALL_REQUEST files its work item in a queue that must exist. */
  private async checkQueues(em: EntityManager, steps: StepValues[]): Promise<void> {
    const keys = [...new Set(steps.map((s) => s.queueKey).filter((k): k is string => k !== null))];
    if (keys.length === 0) return;
    const found = new Set((await em.getRepository(WorkQueue).findBy({ key: In(keys) })).map((q) => q.key));
    const missing = keys.filter((k) => !found.has(k));
    if (missing.length > 0) {
      throw badInput(
        `steps: there is no work queue ${missing.join(', ')}; create it first (createWorkQueue) or use an existing queue such as COLLECTIONS_CALLS`,
      );
    }
  }

  /** New step rows, each with the key of the old step it continues (continuedKeys). */
  private async insertSteps(tx: Tx, pathId: string, steps: StepValues[], old: CollectionsStep[]): Promise<CollectionsStep[]> {
    if (steps.length === 0) return [];
    const keys = continuedKeys(steps, old);
    const rows = steps.map((step, i) => Object.assign(new CollectionsStep(), { ...step, pathId, stepKey: keys[i], retiredAt: null }));
    await insertChunked(tx.em, CollectionsStep, rows);
    return tx.em.getRepository(CollectionsStep).find({ where: { pathId, retiredAt: IsNull() }, order: { position: 'ASC' } });
  }

  private validate(input: CollectionsPathInput): PathValues {
    const name = requireText(input.name, 'Path name', 128);
    if (input.segments.length > MAX_SEGMENTS) throw badInput(`A path lists at most ${MAX_SEGMENTS} segments; got ${input.segments.length}`);
    const segments = [
      ...new Set(
        input.segments.map((s) =>
          requireText(s, 'segment', 32, { pattern: SEGMENT, hint: 'may use letters, digits and _ only' }).toUpperCase(),
        ),
      ),
    ];
    if (input.steps.length > MAX_STEPS) throw badInput(`A path has at most ${MAX_STEPS} steps; got ${input.steps.length}`);
    const steps = input.steps.map((step, i) => this.validateStep(step, i));
    return { name, segments, isDefault: input.isDefault ?? null, active: input.active ?? null, steps };
  }

  private validateStep(input: CollectionsStepInput, index: number): StepValues {
    const where = `steps[${index}]`;
    const name = requireText(input.name, `${where}.name`, 128);
    const daysPastDue = requireInt(input.daysPastDue, `${where}.daysPastDue`, 0, MAX_DAYS);
    if (input.minPastDue < 0) throw badInput(`${where}.minPastDue must not be negative`);
    const action = input.action;
    const given = (value: unknown) => value !== null && value !== undefined;
    const needs = (field: string, what: string) => badInput(`${where}: a ${action} step needs ${field} (${what})`);
    const refuses = (field: string) => badInput(`${where}: ${field} does not apply to a ${action} step; leave it out`);

    let template: string | null = null;
    if (action === CollectionsActionType.REMINDER || action === CollectionsActionType.LETTER) {
      if (!given(input.template) || !input.template?.trim()) throw needs('a template', `the text sent; it may use ${placeholderList()}`);
      template = requireText(input.template, `${where}.template`, 4000);
      const unknown = unknownPlaceholders(template);
      if (unknown.length > 0) {
        throw badInput(`${where}.template uses unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(', ')}; use ${placeholderList()}`);
      }
    } else if (given(input.template)) throw refuses('template');

    let queueKey: string | null = null;
    if (action === CollectionsActionType.CALL_REQUEST) {
      if (!input.queueKey?.trim()) throw needs('a queueKey', 'the work queue the call request goes to, e.g. COLLECTIONS_CALLS');
      queueKey = requireText(input.queueKey, `${where}.queueKey`, 32);
    } else if (given(input.queueKey)) throw refuses('queueKey');

    let feeAmount: number | null = null;
    let feePercent: number | null = null;
    if (action === CollectionsActionType.LATE_FEE) {
      if (given(input.feeAmount) === given(input.feePercent)) {
        throw badInput(`${where}: a LATE_FEE step needs exactly one of feeAmount (a fixed fee) or feePercent (a percentage of pastDue)`);
      }
      if (given(input.feeAmount)) {
        feeAmount = input.feeAmount as number;
        if (feeAmount <= 0) throw badInput(`${where}.feeAmount must be more than 0`);
      } else {
        feePercent = input.feePercent as number;
        if (feePercent <= 0 || feePercent > MAX_FEE_PERCENT) throw badInput(`${where}.feePercent must be more than 0 and at most 100`);
      }
    } else {
      if (given(input.feeAmount)) throw refuses('feeAmount');
      if (given(input.feePercent)) throw refuses('feePercent');
    }
    const notice = validateNotice(input, index + 1, where);
    return {
      position: index + 1,
      name,
      daysPastDue,
      minPastDue: input.minPastDue,
      action,
      template,
      queueKey,
      feeAmount,
      feePercent,
      ...notice,
    };
  }
}

function placeholderList(): string {
  return TEMPLATE_FIELDS.map((f) => `{{${f}}}`).join(', ');
}
