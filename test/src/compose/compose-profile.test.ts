import * as fs from 'fs';
import * as path from 'path';
import { loadProfile, parseProfile } from '../../../src/profile/load-profile';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { findObject, profileYaml, renderYaml, ROOT, TODAY } from '../../helpers/synth';

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

describe('composeProfile for real clusters (issue 15)', () => {
  const withCluster = (extra: string, ns = namespaces) =>
    profileYaml({ namespaces: ns }).replace('kubernetesVersion: "1.28" }', `kubernetesVersion: "1.28", ${extra} }`);

  test('every namespace opens the DNS the profile names: OpenShift on 5353, NodeLocal DNSCache at its address', () => {
    const openshift = findObject(renderYaml(withCluster('dns: { type: openshift }')), 'NetworkPolicy', 'allow-dns', 'web-staging') as any;
    expect(openshift.spec.egress[0]).toEqual({
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } },
          podSelector: { matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } },
        },
      ],
      ports: [
        { port: 5353, protocol: 'UDP' },
        { port: 5353, protocol: 'TCP' },
      ],
    });
    const nodeLocal = findObject(renderYaml(withCluster('dns: { type: node-local-dns }')), 'NetworkPolicy', 'allow-dns', 'payments') as any;
    expect(nodeLocal.spec.egress[0].to).toContainEqual({ ipBlock: { cidr: '169.254.20.10/32' } });
  });

  test('external namespaces get nothing emitted into them; flows reach them by kubernetes.io/metadata.name', () => {
    const objects = renderYaml(
      withCluster(
        'externalNamespaces: [ingress-nginx, monitoring]',
        [
          '    - name: payments',
          '      allow:',
          '        ingress: [{ name: from-prometheus, from: [{ namespace: monitoring, podSelector: { app.kubernetes.io/name: prometheus } }], ports: [{ port: 9102 }] }]',
        ].join('\n'),
      ),
    );
    expect(objects.filter((o) => ['ingress-nginx', 'monitoring'].includes(o.manifest.metadata.namespace ?? o.manifest.metadata.name))).toEqual([]);
    expect(objects.some((o) => o.file.includes('monitoring') && !o.file.includes('from-prometheus'))).toBe(false);
    const np = findObject(objects, 'NetworkPolicy', 'allow-ingress-from-prometheus', 'payments') as any;
    expect(np.spec.ingress[0].from).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
      },
    ]);
  });

  test('every emitted object carries app.kubernetes.io/managed-by: hardline', () => {
    const objects = renderYaml(withCluster('provider: self-managed'));
    expect(objects.length).toBeGreaterThan(5);
    for (const o of objects) expect({ file: o.file, label: (o.manifest.metadata as any).labels?.['app.kubernetes.io/managed-by'] }).toEqual({ file: o.file, label: 'hardline' });
  });
});

describe('the shipped EKS example profile (issue 15)', () => {
  const file = path.join(ROOT, 'profiles', 'eks-example.yaml');

  test('is an EKS cluster with NodeLocal DNSCache and platform namespaces, and gets no control-plane files', () => {
    const profile = loadProfile(file, { today: TODAY });
    expect(profile.cluster).toMatchObject({ provider: 'eks', externalNamespaces: ['amazon-cloudwatch', 'ingress-nginx', 'monitoring'] });
    expect(profile.cluster.dns.type).toBe('node-local-dns');
    const { files, objects } = renderProfile(profile);
    expect([...files.keys()].filter((f) => f.startsWith('control-plane/'))).toEqual([]);
    expect(objects.every((o) => o.kustomize)).toBe(true);
    expect((findObject(objects, 'NetworkPolicy', 'allow-dns', 'storefront') as any).spec.egress[0].to).toContainEqual({ ipBlock: { cidr: '169.254.20.10/32' } });
  });

  // The same profile on each managed provider: the provider's benchmark IDs on the objects (never a
  // CIS Kubernetes ID), no control-plane file, and the provider's own audit-log command in the report.
  const text = fs.readFileSync(file, 'utf8');
  test.each([
    ['eks', 'eks-1.8.0', 'CIS Amazon EKS Benchmark v1.8.0', 'v1.8.0', '4.3.2', 'aws eks describe-cluster --name storefront-use1 --query cluster.logging'],
    ['gke', 'gke-1.9.0', 'CIS Google Kubernetes Engine (GKE) Benchmark v1.9.0', 'v1.9.0', '4.3.2', 'gcloud container clusters describe storefront-use1 --format="value(loggingConfig)"'],
    ['aks', 'aks-1.8', 'CIS Azure Kubernetes Service (AKS) Benchmark v1.8.0', 'v1.8.0', '4.4.2', `az monitor diagnostic-settings list --resource "$(az aks list --query "[?name=='storefront-use1'].id" -o tsv)"`],
  ])('on %s: %s IDs on every object, no control-plane files, platform evidence in the report', (provider, benchmark, label, docVersion, networkPolicyId, command) => {
    const swapped = text.replace('provider: eks', `provider: ${provider}`);
    expect(swapped.includes(`provider: ${provider}`)).toBe(true);
    const profile = parseProfile(swapped, file, { today: TODAY, baseDir: path.dirname(file) });
    expect(profile.cisVersion).toBe(benchmark);
    const { files, objects } = renderProfile(profile);
    expect([...files.keys()].filter((f) => f.startsWith('control-plane/'))).toEqual([]);
    for (const o of objects) {
      const a = ((o.manifest.metadata as any).annotations ?? {}) as Record<string, string>;
      expect({ file: o.file, keys: Object.keys(a).filter((k) => /cis-kubernetes/.test(k)), version: a[`compliance.hardline.dev/cis-${provider}-version`] }).toEqual({
        file: o.file,
        keys: [],
        version: docVersion,
      });
    }
    // CIS 5.3.2 (every namespace has NetworkPolicies) under the provider's numbering, on the default-deny policy.
    expect((findObject(objects, 'NetworkPolicy', 'default-deny', 'storefront').metadata as any).annotations[`compliance.hardline.dev/cis-${provider}`]).toBe(networkPolicyId);
    const report = JSON.parse(files.get('compliance/report.json') as string);
    expect(report.cisBenchmark).toMatchObject({ version: benchmark, label });
    expect(report.provenance.cisBenchmark).toBe(label);
    expect(report.controls.find((c: any) => c.id === 'HL-AUD-001')).toMatchObject({ status: 'provided-by-platform', evidenceCommands: [command] });
    expect(files.get('compliance/report.md')).toContain(command);
  });
});
