/** Jest configuration: ts-jest over tsconfig.dev.json; only test/ is scanned, never lib/ or dist/. */
module.exports = {
  roots: ['<rootDir>/test'],
  testEnvironment: 'node',
  // Tests assert behaviour, never speed (targets live in `npm run bench`): synthesizing whole profiles takes
  // seconds on a busy 2-core CI machine, so jest's 5 s default would fail them on load alone.
  testTimeout: 30000,
  testMatch: ['**/*.test.ts'],
  // Writes src/profile/profile-validator.generated.ts from the schema, so tests never run a stale one.
  globalSetup: '<rootDir>/scripts/generate-profile-validator.js',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }],
    // @marcbachmann/cel-js (the CEL evaluator of the semantics tests) ships ES modules only:
    // transpile it to CommonJS for jest, without type-checking.
    '^.+/@marcbachmann/cel-js/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true }, isolatedModules: true, diagnostics: false },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@marcbachmann/cel-js/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  prettierPath: null,
};
