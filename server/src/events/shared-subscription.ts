import {
  createSourceEventStream,
  execute,
  getOperationAST,
  Kind,
  print,
  subscribe,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import type { HubContext } from '../app/context';
import type { HubEvent } from './event-types';
import { mapStream } from './stream';

/** Results kept for the subscribers still to be served an event; a few seconds' worth at a high event rate. */
const KEPT_RESULTS = 20_000;

const printed = new WeakMap<DocumentNode, string>();

function textOf(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

function rootFieldOf(args: ExecutionArgs): string | null {
  const operation = getOperationAST(args.document, args.operationName);
  const selections = operation?.selectionSet.selections ?? [];
  return selections.length === 1 && selections[0].kind === Kind.FIELD ? selections[0].name.value : null;
}

export type Subscribe = (args: ExecutionArgs) => Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult>;

/**
 * graphql-js's subscribe, except for the `events` subscription: an event is
 * immutable and its result depends only on the operation, its variables and
 * the caller's role, so a thousand subscribers with the same operation share
 * one execution per event instead of running a thousand (graphql-js would
 * execute the selection once per subscriber and per event). One per hub: event
 * ids are the hub's own.
 */
export function sharedSubscribe(): Subscribe {
  const results = new Map<string, Promise<ExecutionResult>>();
  return (args) => subscribeSharing(args, results);
}

async function subscribeSharing(
  args: ExecutionArgs,
  results: Map<string, Promise<ExecutionResult>>,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  if (rootFieldOf(args) !== 'events') return subscribe(args);
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const role = (args.contextValue as HubContext | undefined)?.principal?.role ?? '';
  const shape = `${role}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${textOf(args.document)}`;
  return mapStream(source as AsyncIterableIterator<HubEvent>, (event) => {
    const key = `${event.id}|${shape}`;
    let result = results.get(key);
    if (!result) {
      result = Promise.resolve(execute({ ...args, rootValue: event }));
      results.set(key, result);
      // Oldest first out: by the time thousands of newer results exist, every subscriber has had this one.
      if (results.size > KEPT_RESULTS) results.delete(results.keys().next().value as string);
    }
    return result;
  });
}
