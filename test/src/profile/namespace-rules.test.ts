/**
 * Exception lookups of the profile rules: which control an exception relaxes, and where.
 */
import { ControlException } from '../../../src/controls';
import { exceptionIndex, LocatedException } from '../../../src/profile/namespace-rules';
import { parseYamlSource } from '../../../src/profile/yaml-source';

const origin = { source: parseYamlSource('a: 1\n', 'p.yaml'), pointer: '' };
const located = (control: string, namespaces?: string[]): LocatedException => ({
  exception: { control, ...(namespaces ? { namespaces } : {}), reason: 'a reason long enough', owner: 'me', expires: '2027-06-30' } as ControlException,
  origin,
});

describe('exceptionIndex', () => {
  const excepted = exceptionIndex([located('HL-POD-001', ['legacy', 'vendor']), located('HL-SA-002'), located('HL-POD-001', ['batch'])]);

  test('an exception naming namespaces covers those namespaces only, across several exceptions for the control', () => {
    expect(['legacy', 'vendor', 'batch', 'api'].map((ns) => excepted('HL-POD-001', ns))).toEqual([true, true, true, false]);
  });

  test('an exception without namespaces covers every namespace', () => {
    expect(excepted('HL-SA-002', 'api')).toBe(true);
  });

  test('no exception for the control covers nothing; without a namespace, any exception for the control counts', () => {
    expect(excepted('HL-NET-003', 'legacy')).toBe(false);
    expect(excepted('HL-NET-003')).toBe(false);
    expect(excepted('HL-POD-001')).toBe(true);
  });

  test('50,000 lookups against an exception naming 50,000 namespaces take well under a second (no scan of its list per lookup)', () => {
    const names = Array.from({ length: 50_000 }, (_, i) => `team-${i}`);
    const started = Date.now();
    const index = exceptionIndex([located('HL-POD-001', names)]);
    expect(names.every((ns) => index('HL-POD-001', ns))).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
