import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { rolesSentence } from '../../common/descriptions';
import type { Role } from '../../common/auth/roles';
import { getSchema, printHubSchema } from '../schema';

/** Every schema coordinate a partner reads, with its description (undefined when it has none). */
function describedCoordinates(schema: GraphQLSchema): Array<{ coordinate: string; name: string; description: string | null | undefined }> {
  const out: Array<{ coordinate: string; name: string; description: string | null | undefined }> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    out.push({ coordinate: type.name, name: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push({ coordinate: `${type.name}.${field.name}`, name: field.name, description: field.description });
        for (const arg of field.args) {
          out.push({ coordinate: `${type.name}.${field.name}(${arg.name}:)`, name: arg.name, description: arg.description });
        }
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push({ coordinate: `${type.name}.${field.name}`, name: field.name, description: field.description });
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) {
        out.push({ coordinate: `${type.name}.${value.name}`, name: value.name, description: value.description });
      }
    }
  }
  return out;
}

const FILLER = new Set(['the', 'a', 'an', 'of', 'its', 'this', 'is', 'it']);

/** The lower-case words of a name (camelCase, PascalCase, SNAKE_CASE) or of a text. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !FILLER.has(w));
}

/** Why a description is not a real sentence about its subject, or null when it is one. */
function sentenceProblem(name: string, description: string): string | null {
  const text = description.trim();
  if (!text) return 'is blank';
  if (!/[.!?]$/.test(text)) return 'does not end a sentence (., ! or ?)';
  if (text.split(/\s+/).length < 2) return 'is a single word';
  if (words(text).join(' ') === words(name).join(' ')) return 'only repeats the name';
  return null;
}

async function emittedSchema(): Promise<GraphQLSchema> {
  // What partners receive: the printed SDL, read back.
  return buildSchema(await printHubSchema());
}

describe('the emitted schema describes itself', () => {
  it('gives every type, field, argument, input field and enum value a description', async () => {
    const missing = describedCoordinates(await emittedSchema())
      .filter((c) => !c.description)
      .map((c) => c.coordinate);
    expect(missing).toEqual([]);
  });

  it('writes each description as a sentence that says more than the name', async () => {
    const poor = describedCoordinates(await emittedSchema()).flatMap((c) => {
      const problem = c.description ? sentenceProblem(c.name, c.description) : null;
      return problem ? [`${c.coordinate} ${problem}: ${JSON.stringify(c.description)}`] : [];
    });
    expect(poor).toEqual([]);
  });

  it('points every custom scalar to the page that defines it (@specifiedBy)', async () => {
    const schema = await emittedSchema();
    const unspecified = Object.values(schema.getTypeMap())
      .filter((t) => isScalarType(t) && !isSpecifiedScalarType(t) && !t.specifiedByURL)
      .map((t) => t.name);
    expect(unspecified).toEqual([]);
  });

  it('names, on every query, mutation and subscription, exactly the roles its @Authorized decorator admits', async () => {
    const schema = await getSchema();
    const storage = getMetadataStorage();
    const roots = [
      { type: schema.getQueryType(), handlers: storage.queries },
      { type: schema.getMutationType(), handlers: storage.mutations },
      { type: schema.getSubscriptionType(), handlers: storage.subscriptions },
    ];
    const wrong: string[] = [];
    for (const { type, handlers } of roots) {
      for (const field of Object.values(type?.getFields() ?? {})) {
        const handler = handlers.find((h) => h.schemaName === field.name && type?.getFields()[h.schemaName]);
        const authorized = storage.authorizedFields.find((a) => a.target === handler?.target && a.fieldName === handler?.methodName);
        const expected = rolesSentence(authorized ? (authorized.roles as Role[]) : null);
        if (!field.description?.includes(expected)) wrong.push(`${type?.name}.${field.name} should say "${expected}"`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('flags a missing description, a bare name and a missing @specifiedBy (the checks can fail)', () => {
    const schema = buildSchema('"A thing with a number."\ntype Query { "Number." number: Int, other(arg: Int): Int }\nscalar Money');
    const coordinates = describedCoordinates(schema);
    expect(coordinates.filter((c) => !c.description).map((c) => c.coordinate)).toEqual(['Query.other', 'Query.other(arg:)', 'Money']);
    expect(sentenceProblem('number', 'Number.')).toBe('is a single word');
    expect(sentenceProblem('totalCount', 'The total count.')).toBe('only repeats the name');
    expect(sentenceProblem('totalCount', 'How many items match, across all pages')).toBe('does not end a sentence (., ! or ?)');
    expect(sentenceProblem('totalCount', 'How many items match, across all pages.')).toBeNull();
  });
});
