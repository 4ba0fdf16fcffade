// Modest on purpose: typescript-eslint's recommended rules without type information (fast, and
// tsc already checks types) plus the rules of React hooks.
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig([
  { ignores: ['dist/', 'node_modules/'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [tseslint.configs.recommended, reactHooks.configs.flat.recommended],
    rules: {
      // Leaving a key out with a rest pattern (`{ id: _, ...movie }`) and draining a stream with
      // `for await (const _ of …)` are this codebase's idioms, not forgotten variables.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, varsIgnorePattern: '^_$', argsIgnorePattern: '^_' }],
    },
  },
]);
