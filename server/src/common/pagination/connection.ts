import { type ClassType, Field, Int, ObjectType } from 'type-graphql';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { badInput } from '../errors/hub-error';

@ObjectType({ description: 'Where a page of a connection ends and whether another page follows it.' })
export class PageInfo {
  @Field(() => String, {
    nullable: true,
    description: 'The cursor of the last item of this page: pass it as `after` to read the next page. Null when the page is empty.',
  })
  endCursor!: string | null;

  @Field({ description: 'True when more items follow this page.' })
  hasNextPage!: boolean;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** The base of a connection type: extend it in a class decorated with @ObjectType('<Item>Connection'). */
export function ConnectionType<T extends object>(item: ClassType<T>): ClassType<Connection<T>> {
  @ObjectType()
  class ConnectionClass implements Connection<T> {
    @Field(() => [item], { description: "The items of this page, in the list's order." })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Where this page ends and whether another page follows.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items match the filters, across all pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 500;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** `first` defaults to 50 and is capped at 500. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1) throw badInput(`first must be a positive number; got ${first}`);
  return Math.min(first, MAX_PAGE);
}

export function encodeCursor(id: string): string {
  return Buffer.from(`c:${id}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^c:(\d{1,16})$/.exec(text);
  if (!m) throw badInput(`after "${cursor.slice(0, 40)}" is not a cursor this API gave out`);
  return m[1];
}

/**
 * Keyset pagination over an id column: stable under inserts, no OFFSET scans.
 * The query builder carries the filters; this adds the cursor, order and limit.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  args: PageArgs,
  opts: { order?: 'ASC' | 'DESC' } = {},
): Promise<Connection<T>> {
  const order = opts.order ?? 'ASC';
  const take = pageSize(args.first);
  const alias = qb.alias;
  const totalCount = await qb.clone().getCount();
  const page = qb.clone();
  if (args.after) {
    page.andWhere(`${alias}.id ${order === 'ASC' ? '>' : '<'} :cursorId`, { cursorId: Number(decodeCursor(args.after)) });
  }
  const rows = await page
    .orderBy(`${alias}.id`, order)
    .take(take + 1)
    .getMany();
  const nodes = rows.slice(0, take);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    pageInfo: { endCursor: last ? encodeCursor(last.id) : null, hasNextPage: rows.length > take },
  };
}
