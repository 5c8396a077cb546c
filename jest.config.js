/** Jest configuration: ts-jest over tsconfig.dev.json; only test/ is scanned, never lib/ or dist/. */
module.exports = {
  roots: ['<rootDir>/test'],
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  prettierPath: null,
};
