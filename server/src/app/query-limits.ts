import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { ErrorCode } from '../common/errors/hub-error';
import { DEFAULT_PAGE, MAX_PAGE } from '../common/pagination/connection';

/**
 * What one operation may ask for. Depth 10 fits every screen of the console
 * (account > invoices > nodes > lines is 4); the cost budget lets a page of
 * 500 items with a few relations through, but not pages of pages of pages.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 30,
  maxCost: 25_000,
} as const;

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } } });
}

/** A field with a `first` argument returns a page of that many (default 50, at most 500) items. */
const pageEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  if ('first' in args || 'after' in args) {
    const first = typeof args.first === 'number' ? Math.min(Math.max(args.first, 1), MAX_PAGE) : DEFAULT_PAGE;
    return 1 + childComplexity * first;
  }
  return undefined;
};
const simpleEstimator: ComplexityEstimator = ({ childComplexity }) => 1 + childComplexity;

function depthOf(set: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): number {
  if (!set) return 0;
  let max = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      max = Math.max(max, selection.selectionSet ? 1 + depthOf(selection.selectionSet, fragments, seen) : 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(selection.selectionSet, fragments, seen));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || seen.has(name)) continue;
      max = Math.max(max, depthOf(fragment.selectionSet, fragments, new Set([...seen, name])));
    }
  }
  return max;
}

function aliasesIn(document: DocumentNode): number {
  let count = 0;
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) count++;
        visit(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition.selectionSet);
  }
  return count;
}

/**
 * Checks an operation against QUERY_LIMITS before anything runs; throws
 * QUERY_TOO_COMPLEX saying which limit and by how much.
 */
export function checkQueryLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): void {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const depth = depthOf(operation.selectionSet, fragments, new Set());
  if (depth > QUERY_LIMITS.maxDepth) throw tooComplex(`The query is ${depth} levels deep; at most ${QUERY_LIMITS.maxDepth} are allowed`);
  const aliases = aliasesIn(document);
  if (aliases > QUERY_LIMITS.maxAliases)
    throw tooComplex(`The query uses ${aliases} aliases; at most ${QUERY_LIMITS.maxAliases} are allowed`);
  // Variables that do not fit their types are refused by execution with BAD_USER_INPUT, before anything runs; the cost cannot be computed from them.
  // The first error is enough to know: collecting all of them for 10,000 bad list items took seconds of the only thread.
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors) return;
  const cost = getComplexity({
    schema,
    query: document,
    operationName: operation.name?.value,
    variables,
    estimators: [pageEstimator, simpleEstimator],
  });
  if (cost > QUERY_LIMITS.maxCost) {
    throw tooComplex(
      `The query would cost ${cost} (each field 1, times the page size of connections); the budget is ${QUERY_LIMITS.maxCost}. Ask for smaller pages or fewer fields.`,
    );
  }
}
