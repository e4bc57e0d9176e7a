import path from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

const here = (p: string) => path.join(__dirname, p);

/**
 * Typed operations for the console, from the SDL the server emits. Every
 * `graphql(...)` call under src/ becomes a TypedDocumentNode in src/generated/.
 */
const config: CodegenConfig = {
  schema: here('../schema/schema.graphql'),
  documents: [here('src/**/*.{ts,tsx}'), `!${here('src/generated/**')}`, `!${here('src/**/__tests__/**')}`],
  ignoreNoDocuments: true,
  generates: {
    [here('src/generated/')]: {
      preset: 'client',
      presetConfig: {
        // The generated `useFragment` is a plain function, not a hook: name it for what it does.
        fragmentMasking: { unmaskFunctionName: 'getFragmentData' },
      },
      config: {
        useTypeImports: true,
        enumType: 'string-literal',
        nonOptionalTypename: false,
        avoidOptionals: { field: true, inputValue: false },
        defaultScalarType: 'unknown',
        strictScalars: true,
        // Money and Decimal stay exact strings: the console shows them as the API gives them.
        scalars: {
          Date: 'string',
          DateTime: 'string',
          Money: 'string',
          Decimal: 'string',
          JSON: 'unknown',
        },
      },
    },
  },
};

export default config;
