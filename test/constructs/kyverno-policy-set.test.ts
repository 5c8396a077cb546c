import { Testing } from 'cdk8s';
import {
  ADM_ALLOWED_REGISTRIES,
  ADM_ENFORCEMENT,
  ADM_IMAGE_PINNING,
  ADM_NO_DEFAULT_SA,
  ADM_NO_SECRET_ENV,
  ADM_PSS_BASELINE,
  ADM_PSS_RESTRICTED,
  ADM_REQUIRED_LABELS,
  ADM_RESOURCES,
  Control,
} from '../../src/controls';
import { Tier } from '../../constructs/hardened-namespace';
import { KyvernoPolicySet, KyvernoPolicySetProps } from '../../constructs/kyverno-policy-set';
import { KyvernoEnforcement } from '../../constructs/kyverno-validating-policy';
import { complianceChart, exception } from '../helpers/chart';
import { KyvernoSchemas } from '../helpers/kyverno-schema';
import { describeWithShared } from '../helpers/shared';

const PROPS: KyvernoPolicySetProps = { allowedRegistries: ['ghcr.io/acme'], requiredLabels: ['app', 'owner'] };

function synth(props: KyvernoPolicySetProps = PROPS): any[] {
  const chart = complianceChart();
  new KyvernoPolicySet(chart, 'set', props);
  return Testing.synth(chart);
}

const controlsOf = (o: any) => o.metadata.annotations['compliance.hardline.dev/controls'].split(',');
const policiesOf = (objs: any[], control: Control) => objs.filter((o) => o.kind !== 'PolicyException' && controlsOf(o).includes(control.id));
const exceptionsOf = (objs: any[]) => objs.filter((o) => o.kind === 'PolicyException');

/** compliant: the control's policies exist and deny in production; excepted: a PolicyException lifts them in one namespace. */
function controlSpec(control: Control, rules: string[]) {
  test(`compliant: ${rules.join(', ')} deny in production and staging and audit in development`, () => {
    const objs = synth();
    const names = policiesOf(objs, control).map((o) => o.metadata.name);
    for (const r of rules) {
      expect(names).toContain(`hl-${r}-enforce`);
      const p = objs.find((o) => o.metadata.name === `hl-${r}-enforce`);
      expect(p.spec.validationActions).toEqual(['Deny']);
      expect(p.spec.matchConstraints.namespaceSelector.matchExpressions[0].values).toContain('production');
    }
  });
  test('non-compliant when exception names a namespace: a PolicyException lifts exactly these policies there', () => {
    const objs = synth({ ...PROPS, exceptions: [exception(control.id, ['legacy'])] });
    const [ex] = exceptionsOf(objs);
    expect(ex.metadata.namespace).toBe('legacy');
    const lifted = ex.spec.policyRefs.map((r: any) => r.name);
    expect(lifted.sort()).toEqual(policiesOf(objs, control).map((o) => o.metadata.name).sort());
    expect(ex.metadata.annotations['compliance.hardline.dev/exceptions']).toContain(control.id);
  });
}

describe('KyvernoPolicySet', () => {
  describe('HL-ADM-001: baseline Pod Security Standard on Pods and Pod controllers', () => {
    controlSpec(ADM_PSS_BASELINE, ['disallow-privileged-containers', 'disallow-host-namespaces', 'disallow-host-path', 'disallow-host-ports', 'disallow-selinux']);
  });
  describe('HL-ADM-002: restricted Pod Security Standard on Pods and Pod controllers', () => {
    controlSpec(ADM_PSS_RESTRICTED, ['disallow-privilege-escalation', 'require-run-as-nonroot', 'disallow-capabilities-strict', 'restrict-seccomp-strict', 'restrict-volume-types']);
    test('Pod Security rules follow the namespace PSA labels: Deny where enforced, Audit where audited, Warn where warned', () => {
      const objs = synth();
      const selector = (name: string) => objs.find((o) => o.metadata.name === name).spec.matchConstraints.namespaceSelector.matchExpressions;
      const actions = (name: string) => objs.find((o) => o.metadata.name === name).spec.validationActions;
      expect(selector('hl-require-run-as-nonroot-enforce').slice(1)).toEqual([{ key: 'pod-security.kubernetes.io/enforce', operator: 'In', values: ['restricted'] }]);
      expect(actions('hl-require-run-as-nonroot-enforce')).toEqual(['Deny']);
      expect(selector('hl-require-run-as-nonroot-audit').slice(1)).toEqual([
        { key: 'pod-security.kubernetes.io/audit', operator: 'In', values: ['restricted'] },
        { key: 'pod-security.kubernetes.io/enforce', operator: 'NotIn', values: ['restricted'] },
      ]);
      expect(actions('hl-require-run-as-nonroot-audit')).toEqual(['Audit']);
      expect(actions('hl-require-run-as-nonroot-warn')).toEqual(['Warn']);
      expect(selector('hl-disallow-privileged-containers-enforce').slice(1)).toEqual([
        { key: 'pod-security.kubernetes.io/enforce', operator: 'In', values: ['baseline', 'restricted'] },
      ]);
    });
    test('a baseline check a restricted check replaces applies at baseline only (upstream OverrideCheckIDs)', () => {
      const objs = synth();
      const selector = (name: string) => objs.find((o) => o.metadata.name === name).spec.matchConstraints.namespaceSelector.matchExpressions;
      for (const r of ['disallow-capabilities', 'restrict-seccomp', 'disallow-host-path']) {
        expect(selector(`hl-${r}-enforce`)[1]).toEqual({ key: 'pod-security.kubernetes.io/enforce', operator: 'In', values: ['baseline'] });
      }
    });
    test('an HL-POD-001 exception makes no PolicyException: the namespace enforces baseline and the policies follow its labels', () => {
      expect(exceptionsOf(synth({ ...PROPS, exceptions: [exception('HL-POD-001', ['legacy'])] }))).toEqual([]);
    });
    test('the rules are those of the pinned Kubernetes version', () => {
      const names = (v: string) => synth({ ...PROPS, kubernetesVersion: v }).map((o) => o.metadata.name);
      expect(names('1.28')).not.toContain('hl-disallow-host-probes-enforce');
      expect(names('1.34')).toContain('hl-disallow-host-probes-enforce');
      expect(names('1.35')).toContain('hl-disallow-proc-mount-strict-enforce');
      const sysctls = (v: string) => synth({ ...PROPS, kubernetesVersion: v }).find((o) => o.metadata.name === 'hl-restrict-sysctls-enforce').spec.validations[0].expression;
      expect(sysctls('1.28')).not.toContain('net.ipv4.tcp_keepalive_time');
      expect(sysctls('1.32')).toContain('net.ipv4.tcp_rmem');
    });
  });
  describe('HL-ADM-003: images only from allowed registries', () => {
    controlSpec(ADM_ALLOWED_REGISTRIES, ['restrict-image-registries']);
    test('no registries → no registry policy', () => {
      expect(policiesOf(synth({}), ADM_ALLOWED_REGISTRIES)).toEqual([]);
    });
  });
  describe('HL-ADM-004: no latest tag, digest in production', () => {
    controlSpec(ADM_IMAGE_PINNING, ['disallow-latest-tag', 'require-image-digest']);
    test('the digest policy covers only the digest tiers', () => {
      const p = synth().find((o) => o.metadata.name === 'hl-require-image-digest-enforce');
      expect(p.spec.matchConstraints.namespaceSelector.matchExpressions[0].values).toEqual(['production']);
      expect(synth({ ...PROPS, digestTiers: [] }).some((o) => o.metadata.name.startsWith('hl-require-image-digest'))).toBe(false);
    });
  });
  describe('HL-ADM-005: required labels', () => {
    controlSpec(ADM_REQUIRED_LABELS, ['require-labels']);
  });
  describe('HL-ADM-006: requests and limits', () => {
    controlSpec(ADM_RESOURCES, ['require-pod-requests-limits']);
  });
  describe('HL-ADM-007: no Secrets in environment variables (CIS 5.4.1)', () => {
    controlSpec(ADM_NO_SECRET_ENV, ['disallow-secrets-from-env-vars']);
  });
  describe('HL-ADM-008: no default ServiceAccount (CIS 5.1.5)', () => {
    controlSpec(ADM_NO_DEFAULT_SA, ['restrict-default-serviceaccount']);
  });
  describe('HL-ADM-009: deny in production and staging', () => {
    test('compliant: enforce policies claim HL-ADM-009, development audit policies do not', () => {
      const objs = synth();
      const enforce = objs.find((o) => o.metadata.name === 'hl-restrict-default-serviceaccount-enforce');
      const audit = objs.find((o) => o.metadata.name === 'hl-restrict-default-serviceaccount-audit');
      expect(controlsOf(enforce)).toContain(ADM_ENFORCEMENT.id);
      expect(enforce.spec.matchConstraints.namespaceSelector.matchExpressions[0].values).toEqual(['production', 'staging']);
      expect(audit.spec.validationActions).toEqual(['Audit', 'Warn']);
      expect(audit.spec.matchConstraints.namespaceSelector.matchExpressions[0].values).toEqual(['development']);
      expect(controlsOf(audit)).not.toContain(ADM_ENFORCEMENT.id);
    });
    test('claims: a denying policy adds only CIS 5.2.1 of HL-ADM-009, and CC6.8 only for a rule about software', () => {
      const objs = synth();
      const annotations = (name: string) => objs.find((o) => o.metadata.name === name).metadata.annotations;
      expect(annotations('hl-disallow-host-path-enforce')['compliance.hardline.dev/cis-kubernetes']).toBe('5.2.1,5.2.12');
      expect(annotations('hl-disallow-host-path-audit')['compliance.hardline.dev/cis-kubernetes']).toBe('5.2.12');
      expect(annotations('hl-require-labels-enforce')['compliance.hardline.dev/soc2']).toBe('CC6.1');
      expect(annotations('hl-disallow-latest-tag-enforce')['compliance.hardline.dev/soc2']).toBe('CC6.8,CC8.1');
    });
    test('non-compliant when exception allows Audit in production: stamped on the audit policies', () => {
      const enforcement = { [Tier.PRODUCTION]: KyvernoEnforcement.AUDIT };
      expect(() => synth({ ...PROPS, enforcement })).toThrow(/HL-ADM-009/);
      const objs = synth({ ...PROPS, enforcement, exceptions: [exception('HL-ADM-009')] });
      const audit = objs.find((o) => o.metadata.name === 'hl-restrict-default-serviceaccount-audit');
      expect(audit.spec.matchConstraints.namespaceSelector.matchExpressions[0].values).toEqual(['development', 'production']);
      expect(audit.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-ADM-009');
      expect(exceptionsOf(objs)).toEqual([]);
    });
  });

  test('Kyverno 1.16 and older get ClusterPolicies and kyverno.io/v2 exceptions; older than 1.13 is refused', () => {
    const objs = synth({ ...PROPS, kyvernoVersion: '1.15', exceptions: [exception('HL-ADM-008', ['legacy'])] });
    expect(new Set(objs.filter((o) => o.kind !== 'PolicyException').map((o) => o.kind))).toEqual(new Set(['ClusterPolicy']));
    expect(exceptionsOf(objs)[0].apiVersion).toBe('kyverno.io/v2');
    expect(() => synth({ kyvernoVersion: '1.12' })).toThrow(/Kyverno 1.13 and later/);
  });

  test('names are deterministic and unique', () => {
    const a = synth().map((o) => o.metadata.name);
    expect(synth().map((o) => o.metadata.name)).toEqual(a);
    expect(new Set(a).size).toBe(a.length);
  });
});

describeWithShared('KyvernoPolicySet against the real Kyverno CRDs', (shared) => {
  test.each([
    ['1.17', 'v1.19.0'],
    ['1.15', 'v1.15.3'],
    ['1.13', 'v1.15.3'],
  ])('Kyverno %s output validates against the %s CRDs and uses no deprecated field or version', (kyvernoVersion, crdVersion) => {
    const crds = new KyvernoSchemas(shared, crdVersion);
    const objs = synth({ ...PROPS, kyvernoVersion, exceptions: [exception('HL-POD-001', ['legacy']), exception('HL-ADM-003', ['legacy'])] });
    expect(objs.length).toBeGreaterThan(20);
    for (const o of objs) {
      expect({ name: o.metadata.name, errors: crds.errors(o), deprecated: crds.deprecated(o) }).toEqual({ name: o.metadata.name, errors: [], deprecated: false });
      expect({ name: o.metadata.name, deprecatedFields: crds.deprecatedFields(o) }).toEqual({ name: o.metadata.name, deprecatedFields: [] });
    }
  });

  test('the deprecation check sees the spec-level validationFailureAction', () => {
    const crds = new KyvernoSchemas(shared, 'v1.15.3');
    const [policy] = synth({ kyvernoVersion: '1.15' }).filter((o) => o.kind === 'ClusterPolicy');
    expect(crds.deprecatedFields({ ...policy, spec: { ...policy.spec, validationFailureAction: 'Enforce' } })).toEqual(['/spec/validationFailureAction']);
  });
});
