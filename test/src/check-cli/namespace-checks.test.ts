import { namespaceFindings } from '../../../src/check-cli/namespace-checks';
import { loadProfile } from '../../../src/profile/load-profile';
import { ROOT } from '../../helpers/synth';

const profile = loadProfile(`${ROOT}/profiles/default.yaml`);
const ns = (name: string, labels?: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(labels ? { labels } : {}) } });
const ENFORCE = 'pod-security.kubernetes.io/enforce';

describe('Namespaces against the profile', () => {
  test('HL-NS-001: a namespace the profile does not declare', () => {
    expect(namespaceFindings(ns('rogue'), profile).map((f) => f.rule.id)).toEqual(['declared-namespace']);
  });

  test('HL-POD-001: a production namespace must enforce restricted; baseline or no label fails', () => {
    expect(namespaceFindings(ns('checkout', { [ENFORCE]: 'restricted' }), profile)).toEqual([]);
    expect(namespaceFindings(ns('checkout', { [ENFORCE]: 'baseline' }), profile).map((f) => [f.rule.control?.id, f.field])).toEqual([['HL-POD-001', `metadata.labels.${ENFORCE}`]]);
    expect(namespaceFindings(ns('checkout'), profile)[0].message).toMatch(/has no pod-security\.kubernetes\.io\/enforce label/);
    expect(namespaceFindings(ns('checkout', { [ENFORCE]: 'strict' }), profile)).toHaveLength(1);
  });

  test('HL-POD-002: a namespace whose profile level is baseline accepts baseline or stricter', () => {
    expect(namespaceFindings(ns('legacy-billing', { [ENFORCE]: 'baseline' }), profile)).toEqual([]);
    expect(namespaceFindings(ns('legacy-billing', { [ENFORCE]: 'restricted' }), profile)).toEqual([]);
    expect(namespaceFindings(ns('legacy-billing', { [ENFORCE]: 'privileged' }), profile).map((f) => f.rule.control?.id)).toEqual(['HL-POD-002']);
  });
});
