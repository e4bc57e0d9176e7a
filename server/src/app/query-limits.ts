import {
  GraphQLError,
  Kind,
  Lexer,
  parse,
  Source,
  TokenKind,
  visit,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type NamedTypeNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { GraphQLJSON } from 'graphql-scalars';
import { ErrorCode } from '../common/errors/hub-error';
import { DEFAULT_PAGE, MAX_PAGE } from '../common/pagination/connection';

/**
 * What one operation may ask for. Depth 10 fits every screen of the console
 * (account > invoices > nodes > lines is 4); the cost budget lets a page of
 * 500 items with a few relations through, but not pages of pages of pages.
 * The console's largest operation is under 200 tokens and 60 fields; the
 * document caps are far above that and far below what slows the hub.
 */
export const QUERY_LIMITS = {
  maxDepth: 10,
  maxAliases: 30,
  maxCost: 25_000,
  /** Tokens of the document's text (names, punctuation, values); counted before anything is parsed. */
  maxTokens: 10_000,
  /** Brackets of any kind open at once; bounds every recursive walk of the document, graphql-js's own included. */
  maxNesting: 40,
  /** Field selections of one operation, each fragment counted as many times as it is spread. */
  maxFields: 2_000,
  /** The same field (or alias) in one selection set. */
  maxSameField: 3,
} as const;

function tooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, http: { status: 400 } } });
}

/**
 * Counts tokens and bracket nesting while reading the text once; graphql-js
 * parses recursively, so a document nested thousands of levels deep would
 * overflow the stack before any other check saw it. Syntax errors are left
 * to the parser, which says where they are.
 */
function checkTokens(source: Source): void {
  const lexer = new Lexer(source);
  let tokens = 0;
  let nesting = 0;
  for (;;) {
    let kind: TokenKind;
    try {
      kind = lexer.advance().kind;
    } catch {
      return;
    }
    if (kind === TokenKind.EOF) return;
    if (++tokens > QUERY_LIMITS.maxTokens) {
      throw tooComplex(
        `The document has more than ${QUERY_LIMITS.maxTokens} tokens; at most ${QUERY_LIMITS.maxTokens} are allowed (send large values as variables, ask for fewer fields)`,
      );
    }
    if (kind === TokenKind.BRACE_L || kind === TokenKind.BRACKET_L || kind === TokenKind.PAREN_L) {
      if (++nesting > QUERY_LIMITS.maxNesting) {
        throw tooComplex(
          `The document nests more than ${QUERY_LIMITS.maxNesting} levels of brackets; at most ${QUERY_LIMITS.maxDepth} levels of fields are allowed`,
        );
      }
    } else if (kind === TokenKind.BRACE_R || kind === TokenKind.BRACKET_R || kind === TokenKind.PAREN_R) nesting--;
  }
}

/** What a selection set amounts to with its fragments expanded. */
interface Shape {
  depth: number;
  fields: number;
}

/**
 * Depth and field count of every operation, each fragment walked once and
 * its shape remembered: a chain of fragments that each spread the next one
 * twice doubles the expanded size per fragment, and walking it spread by
 * spread took seconds at a few hundred bytes. A fragment cycle counts as
 * empty here; validation refuses it.
 */
class ShapeOf {
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private readonly known = new Map<string, Shape>();
  private readonly visiting = new Set<string>();

  constructor(document: DocumentNode) {
    this.fragments = new Map(
      document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
    );
  }

  selectionSet(set: SelectionSetNode | undefined): Shape {
    const shape: Shape = { depth: 0, fields: 0 };
    for (const selection of set?.selections ?? []) {
      let inner: Shape;
      if (selection.kind === Kind.FIELD) {
        const below = this.selectionSet(selection.selectionSet);
        inner = { depth: 1 + below.depth, fields: 1 + below.fields };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.selectionSet(selection.selectionSet);
      } else {
        inner = this.fragment(selection.name.value);
      }
      shape.depth = Math.max(shape.depth, inner.depth);
      // Capped so that a long chain stays a finite number in the message.
      shape.fields = Math.min(shape.fields + inner.fields, Number.MAX_SAFE_INTEGER);
    }
    return shape;
  }

  private fragment(name: string): Shape {
    const known = this.known.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.visiting.has(name)) return { depth: 0, fields: 0 };
    this.visiting.add(name);
    const shape = this.selectionSet(fragment.selectionSet);
    this.visiting.delete(name);
    this.known.set(name, shape);
    return shape;
  }
}

/** Aliases and repeated fields, counted in the document as written. */
function checkSelections(document: DocumentNode): void {
  let aliases = 0;
  const visit = (set: SelectionSetNode | undefined) => {
    const seen = new Map<string, number>();
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        const key = selection.alias?.value ?? selection.name.value;
        const count = (seen.get(key) ?? 0) + 1;
        if (count > QUERY_LIMITS.maxSameField) {
          throw tooComplex(`The field "${key}" is asked for ${count} times in one selection; ask for each field once`);
        }
        seen.set(key, count);
        visit(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) visit(definition.selectionSet);
  }
  if (aliases > QUERY_LIMITS.maxAliases) {
    throw tooComplex(`The query uses ${aliases} aliases; at most ${QUERY_LIMITS.maxAliases} are allowed`);
  }
}

/**
 * Parses a document and checks everything about it that needs no schema:
 * tokens, nesting, aliases, repeated fields, and each operation's depth and
 * size. Runs before validation, so that nothing costly ever sees a document
 * over the caps; every step is linear in the document's length. Throws
 * QUERY_TOO_COMPLEX saying which limit, or the parser's syntax error.
 */
export function parseWithinLimits(text: string): DocumentNode {
  const source = new Source(text);
  checkTokens(source);
  const document = parse(source, { maxTokens: QUERY_LIMITS.maxTokens });
  checkSelections(document);
  const shapes = new ShapeOf(document);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const { depth, fields } = shapes.selectionSet(definition.selectionSet);
    if (depth > QUERY_LIMITS.maxDepth) throw tooComplex(`The query is ${depth} levels deep; at most ${QUERY_LIMITS.maxDepth} are allowed`);
    if (fields > QUERY_LIMITS.maxFields) {
      throw tooComplex(
        `The query asks for ${fields} fields once its fragments are expanded; at most ${QUERY_LIMITS.maxFields} are allowed`,
      );
    }
  }
  return document;
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

/**
 * The cost of operations whose cost their variables cannot change. Apollo
 * hands the same parsed document for the same text, so a client repeating one
 * mutation (a payment feed) has its cost walked once, not on every request.
 */
const fixedCosts = new WeakMap<OperationDefinitionNode, number>();

/**
 * The variables a cost can depend on: those in a page argument (`first`, or
 * `after` present or not) or in a directive (@include, @skip). No other
 * variable can change what the estimators see.
 */
function costVariables(document: DocumentNode): Set<string> {
  const names = new Set<string>();
  const collect = (node: ASTNode) => visit(node, { Variable: (variable) => void names.add(variable.name.value) });
  visit(document, {
    Directive: (node) => void collect(node),
    Argument: (node) => void ((node.name.value === 'first' || node.name.value === 'after') && collect(node.value)),
  });
  return names;
}

/** The operation as the cost estimator reads it, and whether its variables can change its cost. */
interface CostView {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  dependsOnVariables: boolean;
}

const costViews = new WeakMap<OperationDefinitionNode, CostView>();

/**
 * The document with every variable the cost cannot depend on declared as
 * JSON (non-null kept), which takes a value as sent: a 10,000-read list is
 * not read item by item, scalar by scalar, to count a handful of fields.
 * The estimator still sees each of those values where it is used (a missing
 * or null one exactly as before); the page sizes and directive conditions are
 * coerced as declared. A variable with a default value keeps its declaration
 * (the default is written in the document, and coerced the same way). Without
 * the JSON scalar in the schema, the document as it is.
 */
function costView(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): CostView {
  const known = costViews.get(operation);
  if (known) return known;
  const needed = costVariables(document);
  let view: CostView = { document, operation, dependsOnVariables: needed.size > 0 };
  if (schema.getType(GraphQLJSON.name) === GraphQLJSON) {
    const json: NamedTypeNode = { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: GraphQLJSON.name } };
    const variableDefinitions = (operation.variableDefinitions ?? []).map((definition): VariableDefinitionNode => {
      if (needed.has(definition.variable.name.value) || definition.defaultValue) return definition;
      return { ...definition, type: definition.type.kind === Kind.NON_NULL_TYPE ? { kind: Kind.NON_NULL_TYPE, type: json } : json };
    });
    const viewed: OperationDefinitionNode = { ...operation, variableDefinitions };
    view = {
      document: { ...document, definitions: document.definitions.map((d) => (d === operation ? viewed : d)) },
      operation: viewed,
      dependsOnVariables: view.dependsOnVariables,
    };
  }
  costViews.set(operation, view);
  return view;
}

/** Whether the variables fit the types the operation declares (the first error is enough to know). */
function variablesFit(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Record<string, unknown>): boolean {
  // Collecting every error of 10,000 bad list items took seconds of the only thread.
  return !getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: 1 }).errors;
}

/**
 * An operation's cost, or undefined when its variables do not fit their
 * types: execution refuses those with BAD_USER_INPUT before anything runs,
 * and the cost cannot be computed from them. Only the variables the cost
 * depends on are coerced; the others are checked only when the cost would
 * refuse the operation or the estimator fails, so the answer is the one a
 * check of every variable first would give.
 */
function costOf(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number | undefined {
  const view = costView(schema, document, operation);
  if (!variablesFit(schema, view.operation, variables)) return undefined;
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: view.document,
      operationName: operation.name?.value,
      variables,
      estimators: [pageEstimator, simpleEstimator],
    });
  } catch (error) {
    if (!variablesFit(schema, operation, variables)) return undefined;
    throw error;
  }
  if (cost > QUERY_LIMITS.maxCost && !variablesFit(schema, operation, variables)) return undefined;
  if (!view.dependsOnVariables) fixedCosts.set(operation, cost);
  return cost;
}

/**
 * Checks a validated operation's cost before anything runs; throws
 * QUERY_TOO_COMPLEX saying by how much it is over. The document has passed
 * parseWithinLimits, so the estimator's walk (which expands every fragment
 * spread) is bounded by QUERY_LIMITS.maxFields.
 */
export function checkQueryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): void {
  const cost = fixedCosts.get(operation) ?? costOf(schema, document, operation, variables);
  if (cost === undefined) return;
  if (cost > QUERY_LIMITS.maxCost) {
    throw tooComplex(
      `The query would cost ${cost} (each field 1, times the page size of connections); the budget is ${QUERY_LIMITS.maxCost}. Ask for smaller pages or fewer fields.`,
    );
  }
}
