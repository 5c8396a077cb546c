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
import { verdictOf } from '../helpers/kyverno-verdict';
import { brokenPod } from '../../src/compose/kyverno-cli-test';
import { compliantPod } from '../../src/admission';

/** The Pod Security controls (their policies follow the PSA labels, not HL-ADM-009). */
const ADM_POD_SECURITY = new Set(['HL-ADM-001', 'HL-ADM-002']);


const PROPS: KyvernoPolicySetProps = { allowedRegistries: ['ghcr.io/acme'], requiredLabels: ['app', 'owner'] };
/** PROPS as rule parameters. */
const PARAMS = { allowedRegistries: PROPS.allowedRegistries!, requiredLabels: PROPS.requiredLabels! };

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
    test('non-compliant: Audit in production with only a namespace-scoped HL-ADM-009 exception is refused (it audits only its namespaces)', () => {
      const enforcement = { [Tier.PRODUCTION]: KyvernoEnforcement.AUDIT };
      expect(() => synth({ ...PROPS, enforcement, exceptions: [exception('HL-ADM-009', ['payments'])] })).toThrow(/HL-ADM-009 without namespaces/);
    });
  });

  describe('HL-ADM-009 excepted per namespace: exactly the named namespaces audit', () => {
    const scoped = { ...PROPS, exceptions: [exception('HL-ADM-009', ['payments'])] };
    const tierLabels = (ns: string, tier = 'production') => ({
      'hardline.dev/tier': tier,
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'kubernetes.io/metadata.name': ns,
    });
    const hardlineRules = (objs: any[]) =>
      objs.filter((o) => /-enforce$/.test(o.metadata.name) && !ADM_POD_SECURITY.has(controlsOf(o)[0])).map((o) => o.metadata.name.replace(/^hl-|-enforce$/g, ''));

    test('the denying policy leaves the namespaces out; an Audit policy selects exactly them and carries the exception', () => {
      const objs = synth(scoped);
      const enforce = objs.find((o) => o.metadata.name === 'hl-restrict-default-serviceaccount-enforce');
      const audit = objs.find((o) => o.metadata.name === 'hl-restrict-default-serviceaccount-audit-excepted');
      expect(enforce.spec.matchConstraints.namespaceSelector.matchExpressions).toContainEqual({ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['payments'] });
      expect(enforce.metadata.annotations['compliance.hardline.dev/exceptions']).toBeUndefined();
      expect(audit.spec.validationActions).toEqual(['Audit', 'Warn']);
      expect(audit.spec.matchConstraints.namespaceSelector.matchExpressions).toEqual([
        { key: 'hardline.dev/tier', operator: 'In', values: ['production', 'staging'] },
        { key: 'kubernetes.io/metadata.name', operator: 'In', values: ['payments'] },
      ]);
      expect(audit.metadata.annotations['compliance.hardline.dev/exceptions']).toBe('HL-ADM-009');
      expect(controlsOf(audit)).toEqual(['HL-ADM-008', 'HL-ADM-009']);
      // Auditing claims neither CIS 5.2.1 nor anything of HL-ADM-009: only what the rule itself supports.
      expect(audit.metadata.annotations['compliance.hardline.dev/cis-kubernetes']).toBe(enforce.metadata.annotations['compliance.hardline.dev/cis-kubernetes'].replace(/(^|,)5\.2\.1(?=,|$)/, '').replace(/^,/, ''));
      // Pod Security rules follow the PSA labels, never HL-ADM-009.
      const psa = objs.find((o) => o.metadata.name === 'hl-disallow-host-path-enforce').spec.matchConstraints.namespaceSelector.matchExpressions;
      expect(psa.map((e: any) => e.key)).not.toContain('kubernetes.io/metadata.name');
      expect(exceptionsOf(objs)).toEqual([]);
    });

    test.each(['1.17', '1.15'])('Kyverno %s, CEL engine: every hardline rule audits in payments and still denies in checkout and staging', (kyvernoVersion) => {
      const objs = synth({ ...scoped, kyvernoVersion });
      const rules = hardlineRules(objs);
      expect(rules.length).toBeGreaterThanOrEqual(5);
      for (const rule of rules) {
        const pod = brokenPod(rule, 28, PARAMS, `bad-${rule}`.slice(0, 63), 'x');
        const excepted = `hl-${rule}-audit-excepted`;
        // (A latest tag also breaks digest pinning: several rules may fail one Pod.)
        const inPayments = verdictOf(objs, tierLabels('payments'), pod);
        expect({ rule, verdict: inPayments.verdict, has: inPayments.failed.includes(excepted) }).toEqual({ rule, verdict: 'audit', has: true });
        expect(inPayments.failed.every((f) => f.endsWith('-audit-excepted'))).toBe(true);
        const inCheckout = verdictOf(objs, tierLabels('checkout'), pod);
        expect({ rule, verdict: inCheckout.verdict, has: inCheckout.failed.includes(`hl-${rule}-enforce`) }).toEqual({ rule, verdict: 'deny', has: true });
        expect(inCheckout.failed.some((f) => f.includes('excepted'))).toBe(false);
        if (rule !== 'require-image-digest') {
          expect({ rule, verdict: verdictOf(objs, tierLabels('shop-staging', 'staging'), pod).verdict }).toEqual({ rule, verdict: 'deny' });
        }
        // A compliant Pod is admitted in both.
        expect(verdictOf(objs, tierLabels('payments'), compliantPod(PARAMS, 'good')).verdict).toBe('admit');
        expect(verdictOf(objs, tierLabels('checkout'), compliantPod(PARAMS, 'good')).verdict).toBe('admit');
      }
    });

    test('a namespace named by no exception is not audited by the excepted policies even in development', () => {
      const objs = synth(scoped);
      const pod = brokenPod('restrict-default-serviceaccount', 28, PARAMS, 'bad', 'x');
      expect(verdictOf(objs, { ...tierLabels('sandbox', 'development') }, pod)).toEqual({ verdict: 'audit', failed: ['hl-restrict-default-serviceaccount-audit'] });
    });

    test('two exceptions: one Audit policy each, suffixed -2; a namespace in both is refused', () => {
      const objs = synth({ ...PROPS, exceptions: [exception('HL-ADM-009', ['payments']), exception('HL-ADM-009', ['billing', 'ledger'])] });
      const second = objs.find((o) => o.metadata.name === 'hl-restrict-default-serviceaccount-audit-excepted-2');
      expect(second.spec.matchConstraints.namespaceSelector.matchExpressions[1].values).toEqual(['billing', 'ledger']);
      const enforce = objs.find((o) => o.metadata.name === 'hl-restrict-default-serviceaccount-enforce');
      expect(enforce.spec.matchConstraints.namespaceSelector.matchExpressions[1].values).toEqual(['billing', 'ledger', 'payments']);
      expect(() => synth({ ...PROPS, exceptions: [exception('HL-ADM-009', ['payments']), exception('HL-ADM-009', ['payments'])] })).toThrow(/two exceptions for HL-ADM-009/);
      expect(() => synth({ ...PROPS, exceptions: [exception('HL-ADM-009', ['Payments'])] })).toThrow(/DNS-1123/);
    });

    test('with production auditing under a tier-wide exception, the tier-wide audit policy carries only that one', () => {
      const enforcement = { [Tier.PRODUCTION]: KyvernoEnforcement.AUDIT };
      const objs = synth({ ...PROPS, enforcement, exceptions: [{ ...exception('HL-ADM-009'), reason: 'tier-wide migration (SEC-2)' }, exception('HL-ADM-009', ['shop-staging'])] });
      const audit = objs.find((o) => o.metadata.name === 'hl-restrict-default-serviceaccount-audit');
      expect(audit.spec.matchConstraints.namespaceSelector.matchExpressions).toEqual([{ key: 'hardline.dev/tier', operator: 'In', values: ['development', 'production'] }]);
      const excepted = objs.find((o) => o.metadata.name === 'hl-restrict-default-serviceaccount-audit-excepted');
      expect(excepted.spec.matchConstraints.namespaceSelector.matchExpressions[0].values).toEqual(['staging']);
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
    const objs = synth({ ...PROPS, kyvernoVersion, exceptions: [exception('HL-POD-001', ['legacy']), exception('HL-ADM-003', ['legacy']), exception('HL-ADM-009', ['audited'])] });
    expect(objs.length).toBeGreaterThan(20);
    expect(objs.some((o) => o.metadata.name.endsWith('-audit-excepted'))).toBe(true);
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
