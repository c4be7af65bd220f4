import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          ignoredFiles: [
            '{projectRoot}/eslint.config.{js,cjs,mjs,ts,cts,mts}',
            '{projectRoot}/vitest.config.{js,ts,mjs,mts}',
          ],
          // The build bundles the private workspace libraries into dist/vendor
          // (scripts/build.mjs): they are devDependencies, and what they import
          // (pino, pino-pretty) is this package's own dependency. nx is a peer;
          // typescript and esbuild are build tools named in the build's inputs.
          // bin/shipshape.mjs imports tsx only inside this repository (the
          // published package runs dist/), and sarif is imported for types only.
          ignoredDependencies: [
            'tsx',
            '@types/sarif',
            'typescript',
            'esbuild',
            '@shipshape/env',
            '@shipshape/logger',
            '@shipshape/secrets',
            'pino',
            'pino-pretty',
            'nx',
          ],
        },
      ],
    },
    languageOptions: {
      parser: await import('jsonc-eslint-parser'),
    },
  },
  {
    ignores: ['**/out-tsc'],
  },
];
