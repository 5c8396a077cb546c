import { Testing } from 'cdk8s';
import { HardenedNamespace, PodSecurityLevel, Tier } from '../../constructs';
import { complianceChart, exception } from '../helpers/chart';

const labelsOf = (m: any) => m.metadata.labels as Record<string, string>;
const annotationsOf = (m: any) => m.metadata.annotations as Record<string, string>;
/** The GitOps protection every Namespace carries. */
const GITOPS = {
  'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
  'argocd.argoproj.io/sync-wave': '-1',
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
};

describe('HardenedNamespace', () => {
  describe('GitOps-safe output (issue 15)', () => {
    test('Argo CD never prunes or deletes the Namespace and syncs it first; Flux never prunes it', () => {
      // GIVEN
      const chart = complianceChart();
      // WHEN
      new HardenedNamespace(chart, 'ns', { name: 'payments', tier: Tier.DEVELOPMENT });
      // THEN
      const [ns] = Testing.synth(chart);
      expect(annotationsOf(ns)).toMatchObject(GITOPS);
      expect(labelsOf(ns)['app.kubernetes.io/managed-by']).toBe('hardline');
    });
  });

  describe('HL-POD-001: production namespaces enforce the restricted Pod Security Standard', () => {
    test('compliant: production enforces, audits and warns restricted, pinned to the cluster version', () => {
      // GIVEN
      const chart = complianceChart({ profile: 'p', kubernetesVersion: '1.29' });
      // WHEN
      new HardenedNamespace(chart, 'ns', { name: 'payments', tier: Tier.PRODUCTION });
      // THEN
      const [ns] = Testing.synth(chart);
      expect(ns.kind).toBe('Namespace');
      expect(ns.metadata.namespace).toBeUndefined();
      expect(labelsOf(ns)).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'v1.29',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/audit-version': 'v1.29',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/warn-version': 'v1.29',
        'hardline.dev/tier': 'production',
      });
      expect(annotationsOf(ns)['compliance.hardline.dev/controls']).toBe('HL-NS-001,HL-POD-001,HL-POD-002,HL-POD-003');
      expect(annotationsOf(ns)['compliance.hardline.dev/exceptions']).toBeUndefined();
    });

    test('the tier defaults to production, the most secure', () => {
      const chart = complianceChart();
      const ns = new HardenedNamespace(chart, 'ns', { name: 'payments' });
      expect(ns.tier).toBe(Tier.PRODUCTION);
      expect(ns.podSecurity.enforce).toBe(PodSecurityLevel.RESTRICTED);
    });

    test('non-compliant without an exception: production below restricted throws naming the control', () => {
      const chart = complianceChart();
      expect(
        () => new HardenedNamespace(chart, 'ns', { name: 'legacy', tier: Tier.PRODUCTION, podSecurity: PodSecurityLevel.BASELINE }),
      ).toThrow(/HL-POD-001.*exception/);
    });

    test('non-compliant when exception: production enforces baseline and records HL-POD-001 as excepted', () => {
      const chart = complianceChart();
      new HardenedNamespace(chart, 'ns', {
        name: 'legacy',
        podSecurity: PodSecurityLevel.BASELINE,
        exceptions: [exception('HL-POD-001')],
      });
      const [ns] = Testing.synth(chart);
      expect(labelsOf(ns)['pod-security.kubernetes.io/enforce']).toBe('baseline');
      expect(labelsOf(ns)['pod-security.kubernetes.io/warn']).toBe('restricted');
      expect(annotationsOf(ns)['compliance.hardline.dev/exceptions']).toBe('HL-POD-001');
      // restricted-only CIS IDs are no longer claimed; baseline ones still are
      expect(annotationsOf(ns)['compliance.hardline.dev/cis-kubernetes'].split(',')).not.toContain('5.2.7');
      expect(annotationsOf(ns)['compliance.hardline.dev/cis-kubernetes'].split(',')).toContain('5.2.2');
    });
  });

  describe('HL-POD-002: every namespace enforces at least the baseline Pod Security Standard', () => {
    test('compliant: staging enforces baseline and audits and warns restricted', () => {
      const chart = complianceChart();
      new HardenedNamespace(chart, 'ns', { name: 'shop-staging', tier: Tier.STAGING });
      const [ns] = Testing.synth(chart);
      expect(labelsOf(ns)).toMatchObject({
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/audit': 'restricted',
        'pod-security.kubernetes.io/warn': 'restricted',
      });
      expect(annotationsOf(ns)['compliance.hardline.dev/controls']).toBe('HL-NS-001,HL-POD-002,HL-POD-003');
    });

    test('compliant: development enforces baseline and warns restricted', () => {
      const chart = complianceChart();
      new HardenedNamespace(chart, 'ns', { name: 'sandbox', tier: Tier.DEVELOPMENT });
      const [ns] = Testing.synth(chart);
      expect(labelsOf(ns)['pod-security.kubernetes.io/enforce']).toBe('baseline');
      expect(labelsOf(ns)['pod-security.kubernetes.io/warn']).toBe('restricted');
    });

    test('non-compliant without an exception: privileged throws naming HL-POD-002', () => {
      const chart = complianceChart();
      expect(
        () => new HardenedNamespace(chart, 'ns', { name: 'infra', tier: Tier.DEVELOPMENT, podSecurity: PodSecurityLevel.PRIVILEGED }),
      ).toThrow(/HL-POD-002/);
    });

    test('non-compliant when exception: privileged is written and the object claims no Pod Security CIS IDs', () => {
      const chart = complianceChart();
      new HardenedNamespace(chart, 'ns', {
        name: 'infra',
        tier: Tier.DEVELOPMENT,
        podSecurity: PodSecurityLevel.PRIVILEGED,
        exceptions: [exception('HL-POD-002')],
      });
      const [ns] = Testing.synth(chart);
      expect(labelsOf(ns)['pod-security.kubernetes.io/enforce']).toBe('privileged');
      expect(annotationsOf(ns)['compliance.hardline.dev/exceptions']).toBe('HL-POD-002');
      expect(annotationsOf(ns)['compliance.hardline.dev/cis-kubernetes']).toBe('5.7.1,5.7.4');
    });
  });

  describe('HL-NS-001: workloads run in dedicated, declared namespaces', () => {
    test('compliant: the namespace carries the five annotations for CIS 1.10', () => {
      const chart = complianceChart({ profile: 'acme', kubernetesVersion: '1.28' });
      new HardenedNamespace(chart, 'ns', { name: 'payments' });
      const [ns] = Testing.synth(chart);
      expect(annotationsOf(ns)).toEqual({
        'compliance.hardline.dev/controls': 'HL-NS-001,HL-POD-001,HL-POD-002,HL-POD-003',
        'compliance.hardline.dev/cis-kubernetes':
          '5.2.1,5.2.2,5.2.3,5.2.4,5.2.5,5.2.6,5.2.7,5.2.8,5.2.9,5.2.10,5.2.11,5.2.12,5.2.13,5.7.1,5.7.2,5.7.3,5.7.4',
        'compliance.hardline.dev/cis-kubernetes-version': 'v1.10.0',
        'compliance.hardline.dev/soc2': 'CC6.1,CC6.8,CC7.2',
        'compliance.hardline.dev/profile': 'acme',
        ...GITOPS,
      });
    });

    test('CIS 1.12 renumbers: general policies at 5.6.x and capability/host checks shift down', () => {
      const chart = complianceChart({ profile: 'acme', kubernetesVersion: '1.32' });
      new HardenedNamespace(chart, 'ns', { name: 'payments' });
      const [ns] = Testing.synth(chart);
      expect(annotationsOf(ns)['compliance.hardline.dev/cis-kubernetes-version']).toBe('v1.12.0');
      expect(annotationsOf(ns)['compliance.hardline.dev/cis-kubernetes']).toBe(
        '5.2.1,5.2.2,5.2.3,5.2.4,5.2.5,5.2.6,5.2.7,5.2.8,5.2.9,5.2.10,5.2.11,5.2.12,5.6.1,5.6.2,5.6.3,5.6.4',
      );
    });

    test.each(['default', 'kube-system', 'kube-public', 'kube-node-lease'])('non-compliant: reserved namespace %s throws', (name) => {
      expect(() => new HardenedNamespace(complianceChart(), 'ns', { name })).toThrow(/reserved/);
    });

    test('non-compliant: a name that is not a DNS-1123 label throws with a suggestion', () => {
      expect(() => new HardenedNamespace(complianceChart(), 'ns', { name: 'Team_A' })).toThrow(
        /"Team_A" is not a DNS-1123 label.*Did you mean "team-a"\?/,
      );
      expect(() => new HardenedNamespace(complianceChart(), 'ns', { name: 'a'.repeat(64) })).toThrow(/at most 63/);
    });
  });
});

describe('HardenedNamespace against silent weakening', () => {
  describe("HL-POD-003: audit and warn never fall below the tier's secure default", () => {
    test('non-compliant without an exception: staging audit lowered to baseline throws naming HL-POD-003', () => {
      const chart = complianceChart();
      const tierPodSecurity = { [Tier.STAGING]: { enforce: PodSecurityLevel.BASELINE, audit: PodSecurityLevel.BASELINE, warn: PodSecurityLevel.RESTRICTED } };
      expect(() => new HardenedNamespace(chart, 'ns', { name: 'shop-staging', tier: Tier.STAGING, tierPodSecurity })).toThrow(
        /audit "baseline" is below the staging tier's audit "restricted" \(HL-POD-003\)/,
      );
    });

    test('non-compliant when exception: a valid HL-POD-003 exception lowers warn and is recorded', () => {
      const chart = complianceChart();
      const tierPodSecurity = { [Tier.PRODUCTION]: { enforce: PodSecurityLevel.RESTRICTED, audit: PodSecurityLevel.RESTRICTED, warn: PodSecurityLevel.BASELINE } };
      const ns = new HardenedNamespace(chart, 'ns', { name: 'legacy', podSecurity: PodSecurityLevel.BASELINE, tierPodSecurity, exceptions: [exception('HL-POD-001'), exception('HL-POD-003')] });
      expect(ns.podSecurity.warn).toBe('baseline');
      const [obj] = Testing.synth(chart);
      expect(obj.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-POD-001,HL-POD-003');
    });
  });

  test.each(['kube-extras', 'kube-team'])('a kube- prefixed name ("%s") is reserved by Kubernetes and refused (HL-NS-001)', (name) => {
    expect(() => new HardenedNamespace(complianceChart(), 'ns', { name, exceptions: [exception('HL-NS-001')] })).toThrow(/reserved by Kubernetes/);
  });
});
