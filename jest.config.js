/** Two projects: fast unit specs (beside the code or in test/unit) and integration/e2e specs that talk to
 * real databases, the sandbox over HTTP, Redis and Chromium. `npm test` runs both. */
// Transpile only (isolatedModules): type errors are caught by `npm run typecheck`, which `npm test` runs first.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }];
// Native ES modules in node_modules (NestJS 12, ...) go through esbuild; other packages load untouched.
const esmPackages = ['@nestjs', '@seriousme', 'file-type', 'strtok3', 'token-types', 'peek-readable', '@tokenizer', 'uint8array-extras'];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest, '^.+\\.m?js$': '<rootDir>/test/support/esm-to-cjs.transform.js' },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
};
module.exports = {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/server/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts', '<rootDir>/test/e2e/**/*.spec.ts'],
    },
  ],
};
