// `npm run lint:promises`: the lint config plus the type-aware rules that catch dropped or misused
// promises. Type information costs minutes on 2 cores (it builds every tsconfig's program), so
// these rules are not in `npm run lint`.
import { defineConfig } from 'eslint/config';
import base from './eslint.config.js';

export default defineConfig(base, {
  files: ['**/*.{ts,mts,cts}'],
  languageOptions: {
    parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
  },
  rules: {
    '@typescript-eslint/no-floating-promises': 'error',
    '@typescript-eslint/no-misused-promises': 'error',
    '@typescript-eslint/await-thenable': 'error',
  },
});
