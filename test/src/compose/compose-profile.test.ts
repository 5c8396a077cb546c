import { findObject, profileYaml, renderYaml } from '../../helpers/synth';

const namespaces = ['    - name: payments', '    - name: web-staging', '      tier: staging'].join('\n');

describe('composeProfile', () => {
  test('each namespace gets a Namespace, default-deny, allow-dns and a default ServiceAccount', () => {
    const objects = renderYaml(profileYaml({ namespaces }));
    const baseline = objects.filter((o) => ['Namespace', 'NetworkPolicy', 'ServiceAccount'].includes(o.manifest.kind));
    expect(baseline.map((o) => o.file)).toEqual([
      'namespaces/payments/namespace-payments.yaml',
      'namespaces/payments/networkpolicy-allow-dns.yaml',
      'namespaces/payments/networkpolicy-default-deny.yaml',
      'namespaces/payments/serviceaccount-default.yaml',
      'namespaces/web-staging/namespace-web-staging.yaml',
      'namespaces/web-staging/networkpolicy-allow-dns.yaml',
      'namespaces/web-staging/networkpolicy-default-deny.yaml',
      'namespaces/web-staging/serviceaccount-default.yaml',
    ]);
    expect(findObject(objects, 'ServiceAccount', 'default', 'payments').automountServiceAccountToken).toBe(false);
  });

  test('switching kubernetesVersion to 1.32 renumbers CIS IDs to benchmark 1.12', () => {
    const v110 = findObject(renderYaml(profileYaml({ namespaces })), 'Namespace', 'payments').metadata as any;
    const v112 = findObject(renderYaml(profileYaml({ namespaces, kubernetesVersion: '1.32' })), 'Namespace', 'payments').metadata as any;
    expect(v110.annotations['compliance.hardline.dev/cis-kubernetes-version']).toBe('v1.10.0');
    expect(v112.annotations['compliance.hardline.dev/cis-kubernetes-version']).toBe('v1.12.0');
    expect(v110.annotations['compliance.hardline.dev/cis-kubernetes']).toContain('5.7.1');
    expect(v112.annotations['compliance.hardline.dev/cis-kubernetes']).toContain('5.6.1');
    expect(v112.annotations['compliance.hardline.dev/cis-kubernetes']).not.toContain('5.7.1');
    expect(v112.labels['pod-security.kubernetes.io/enforce-version']).toBe('v1.32');
  });

  test('namespace and key order in the profile do not change a byte of output', () => {
    const a = renderYaml(profileYaml({ namespaces }));
    const shuffled = [
      'kind: Profile',
      'spec:',
      '  namespaces:',
      '    - tier: staging',
      '      name: web-staging',
      '    - name: payments',
      '  cluster: { kubernetesVersion: "1.28", name: test }',
      'metadata: { name: test-profile }',
      'apiVersion: hardline.dev/v1alpha1',
      '',
    ].join('\n');
    expect(JSON.stringify(renderYaml(shuffled))).toBe(JSON.stringify(a));
  });
});
