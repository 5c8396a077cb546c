/** Jest configuration: ts-jest over tsconfig.dev.json; only test/ is scanned, never lib/ or dist/. */
module.exports = {
  roots: ['<rootDir>/test'],
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
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
