import * as root from '../../src/index';
import * as constructs from '../../constructs';
import * as catalog from '../../src/controls';

describe('package root (src/index.ts)', () => {
  test('re-exports every construct and control of the construct library', () => {
    const missing = Object.keys(constructs).filter((k) => (root as Record<string, unknown>)[k] !== (constructs as Record<string, unknown>)[k]);
    expect(missing).toEqual([]);
  });

  test('exports the catalog as `controls`, the profile loader, HardlineBaseline, the checks and the cdk8s plugin', () => {
    expect(root.controls.CONTROLS).toBe(catalog.CONTROLS);
    for (const name of ['loadProfile', 'parseProfile', 'HardlineBaseline', 'Hardline', 'checkWorkloads', 'HardlineValidation', 'ProfileError']) {
      expect({ name, type: typeof (root as Record<string, unknown>)[name] }).toEqual({ name, type: 'function' });
    }
  });
});
