/**
 * The Kyverno CLI test shipped next to the policies (`kyverno test cluster/kyverno/tests`), built
 * from the rule model's own fixtures: one test namespace per tier (labelled with the tier and Pod
 * Security labels a namespace of that tier gets) plus one per other label set a profile namespace
 * has (e.g. a production namespace enforcing baseline); in each, a compliant Pod and one of each Pod
 * controller kind every matching policy passes and, per policy, the same kinds from a fixture its rule
 * rejects. Each PolicyException gets its own cases (`kyverno-cli-test-exceptions.ts`), and the tamper
 * protection policy one Test per identity (`kyverno-cli-test-tamper.ts`). hardline's semantics tests
 * evaluate the same resources with a CEL engine.
 */
import { Yaml } from 'cdk8s';
import { PSA_LABEL_PREFIX } from '../../constructs/_kyverno-pod-match';
import { TIER_LABEL } from '../../constructs/hardened-namespace';
import { KyvernoPolicySet } from '../../constructs/kyverno-policy-set';
import { KyvernoTamperProtectionPolicy } from '../../constructs/kyverno-tamper-protection-policy';
import { compliantPod, Json } from '../admission';
import { PodSecurityLevelName, ResolvedAdmission, ResolvedProfile, TierName, TierPodSecurity } from '../profile/types';
import { GENERATED_MARKER } from '../synth/render-files';
import { ADM_ENFORCEMENT, ADMISSION_LIFTS, SCOPED_ENFORCE_LABEL } from '../controls';
import { scopedEnforceLevel } from '../profile/pod-security-levels';
import { exceptionCases } from './kyverno-cli-test-exceptions';
import { asKind, brokenPod, CliResult, kindAbbreviation, policyMatches, resourceName, selectorLabels, TESTED_KINDS, TestNamespace } from './kyverno-cli-test-resources';
import { tamperProtectionTestFiles } from './kyverno-cli-test-tamper';

export * from './kyverno-cli-test-resources';

const TIERS: readonly TierName[] = ['production', 'staging', 'development'];
const STRENGTH: { readonly [L in PodSecurityLevelName]: number } = { privileged: 0, baseline: 1, restricted: 2 };

/**
 * The Pod Security modes of a namespace of `tier` (enforcing `podSecurity` when set), as
 * `HardenedNamespace` writes them: audit and warn are never weaker than enforce.
 */
export function namespaceModes(tiers: ResolvedProfile['tiers'], tier: TierName, podSecurity?: PodSecurityLevelName): TierPodSecurity {
  const modes = tiers[tier];
  const enforce = podSecurity ?? modes.enforce;
  const strongest = (l: PodSecurityLevelName) => (STRENGTH[enforce] >= STRENGTH[l] ? enforce : l);
  return { enforce, audit: strongest(modes.audit), warn: strongest(modes.warn) };
}

/**
 * The test namespaces of a profile: one per tier with the tier's default labels, then one per other
 * label set a profile namespace has, in profile order, then (when no profile namespace has it) a
 * development namespace enforcing privileged, and one enforcing privileged and auditing and warning
 * baseline: the label sets the baseline-level audit and warn policies select (a real namespace gets
 * them with an HL-POD-002 exception and tier settings).
 */
export function testNamespaces(profile: Pick<ResolvedProfile, 'tiers' | 'namespaces' | 'exceptions' | 'admission'>): TestNamespace[] {
  const out: TestNamespace[] = [];
  const labelsOf = (tier: TierName, m: TierPodSecurity, scoped?: PodSecurityLevelName) => {
    const labels: Record<string, string> = { [TIER_LABEL]: tier, [`${PSA_LABEL_PREFIX}enforce`]: m.enforce, [`${PSA_LABEL_PREFIX}audit`]: m.audit, [`${PSA_LABEL_PREFIX}warn`]: m.warn };
    // A workload-scoped Pod Security exception (issue 20): the admission policies enforce this level there.
    if (scoped) labels[SCOPED_ENFORCE_LABEL] = scoped;
    return labels;
  };
  const add = (tier: TierName, podSecurity?: PodSecurityLevelName, modes?: TierPodSecurity, scoped?: PodSecurityLevelName) => {
    const m = modes ?? namespaceModes(profile.tiers, tier, podSecurity);
    const labels = labelsOf(tier, m, scoped);
    if (out.some((n) => JSON.stringify(n.labels) === JSON.stringify(labels))) return;
    const first = !out.some((n) => n.labels[TIER_LABEL] === tier);
    out.push({ name: (first ? `hardline-test-${tier}` : `hardline-test-${tier}-${m.enforce}-${m.audit}`) + (scoped ? `-scoped-${scoped}` : ''), prefix: `t${out.length}`, labels });
  };
  for (const tier of TIERS) add(tier);
  for (const ns of profile.namespaces) add(ns.tier, ns.podSecurity, undefined, scopedEnforceLevel(profile, ns));
  // The scoped Deny policies of baseline checks that restricted overrides match only a namespace whose
  // scoped level is exactly baseline (PSA privileged there, an HL-POD-002 exception narrowed to workloads).
  const scopedTier = profile.namespaces.find((ns) => scopedEnforceLevel(profile, ns) !== undefined)?.tier;
  if (scopedTier) add(scopedTier, undefined, { enforce: 'privileged', audit: 'baseline', warn: 'baseline' }, 'baseline');
  add('development', 'privileged');
  // Baseline checks that restricted overrides (capabilities, seccomp, hostPath) audit and warn only
  // where the audit/warn level is exactly baseline and enforce is privileged.
  add('development', undefined, { enforce: 'privileged', audit: 'baseline', warn: 'baseline' });
  // The real namespaces an admission exception names (all declared ones when it names none), where
  // its PolicyExceptions are tested; their label sets are among the ones above.
  const declared = profile.namespaces.map((n) => n.name);
  const excepted = new Set(profile.exceptions.filter((e) => ADMISSION_LIFTS.has(e.control)).flatMap((e) => e.namespaces ?? declared));
  for (const ns of profile.namespaces.filter((n) => excepted.has(n.name))) {
    const labels = labelsOf(ns.tier, namespaceModes(profile.tiers, ns.tier, ns.podSecurity), scopedEnforceLevel(profile, ns));
    out.push({ name: ns.name, prefix: `t${out.length}`, labels, excepted: true });
  }
  // The real namespaces an HL-ADM-009 exception names: only there do the -audit-excepted policies (and
  // the native -audit-excepted bindings) apply, since they select those namespaces by name.
  const auditing = new Set(profile.exceptions.filter((e) => e.control === ADM_ENFORCEMENT.id).flatMap((e) => e.namespaces ?? []));
  for (const ns of profile.namespaces.filter((n) => auditing.has(n.name) && !excepted.has(n.name))) {
    const labels = labelsOf(ns.tier, namespaceModes(profile.tiers, ns.tier, ns.podSecurity), scopedEnforceLevel(profile, ns));
    out.push({ name: ns.name, prefix: `t${out.length}`, labels });
  }
  return out;
}

/** The files of the shipped Kyverno CLI test, keyed by output path. */
export function kyvernoCliTestFiles(
  folder: string,
  profileName: string,
  policySet: KyvernoPolicySet,
  admission: ResolvedAdmission,
  namespaces: readonly TestNamespace[],
): Map<string, string> {
  const header = `${GENERATED_MARKER} from profile "${profileName}". Run: kyverno test ${folder}/tests\n`;
  const minor = policySet.kubernetesMinor;
  const validating = policySet.api === 'ValidatingPolicy';
  const resources: Json[] = [];
  const results: Json[] = [];
  const policies: string[] = [];
  const result: CliResult = (p, kind, name, outcome) => ({
    ...(validating ? { isValidatingPolicy: true } : {}),
    kind,
    policy: p.name,
    ...(validating ? {} : { rule: p.rule }),
    resources: [name],
    result: outcome,
  });
  for (const ns of namespaces) {
    if (ns.excepted) continue;
    const tested = policySet.policies.filter((p) => !policies.includes(p.name) && policyMatches(p, selectorLabels(ns)));
    if (tested.length === 0) continue;
    const good = compliantPod(admission, `${ns.prefix}-good`);
    good.metadata.namespace = ns.name;
    const goods = TESTED_KINDS.map((k) => asKind(good, k, resourceName(ns.prefix, 'good', kindAbbreviation(k))));
    resources.push(...goods);
    const bad = new Map<string, Json[]>();
    for (const p of tested) {
      if (!bad.has(p.rule)) {
        const pod = brokenPod(p.rule, minor, admission, `${ns.prefix}-bad`, ns.name);
        const bads = TESTED_KINDS.map((k) => asKind(pod, k, resourceName(ns.prefix, 'bad', kindAbbreviation(k), p.rule)));
        bad.set(p.rule, bads);
        resources.push(...bads);
      }
      const bads = bad.get(p.rule)!;
      policies.push(p.name);
      TESTED_KINDS.forEach((k, i) => results.push(result(p, k, goods[i].metadata.name, 'pass'), result(p, k, bads[i].metadata.name, 'fail')));
    }
  }
  const exceptions = exceptionCases(policySet, namespaces, admission, result);
  resources.push(...exceptions.resources);
  results.push(...exceptions.results);
  for (const p of exceptions.policies) if (!policies.includes(p)) policies.push(p);
  const byName = new Map(policySet.policies.map((p) => [p.name, p]));
  const test = {
    apiVersion: 'cli.kyverno.io/v1alpha1',
    kind: 'Test',
    metadata: { name: `${profileName}-admission` },
    policies: policies.map((n) => `../${byName.get(n)!.kind.toLowerCase()}-${n}.yaml`),
    resources: ['resources.yaml'],
    ...(exceptions.files.length ? { exceptions: exceptions.files.map((f) => `../${f}`) } : {}),
    variables: 'values.yaml',
    results,
  };
  const values = {
    apiVersion: 'cli.kyverno.io/v1alpha1',
    kind: 'Value',
    metadata: { name: 'values' },
    namespaceSelector: namespaces.map((ns) => ({ name: ns.name, labels: selectorLabels(ns) })),
  };
  const files = new Map([
    [`${folder}/tests/kyverno-test.yaml`, header + Yaml.stringify(test)],
    [`${folder}/tests/resources.yaml`, header + Yaml.stringify(...resources)],
    [`${folder}/tests/values.yaml`, header + Yaml.stringify(values)],
  ]);
  // HL-ADM-010 lives next to the policy set in the admission chart; it is tested per identity.
  const tamper = policySet.node.scope?.node.children.find((c): c is KyvernoTamperProtectionPolicy => c instanceof KyvernoTamperProtectionPolicy);
  const home = namespaces.find((n) => !n.excepted);
  if (tamper && home) for (const [f, text] of tamperProtectionTestFiles(`${folder}/tests`, profileName, tamper, home.name)) files.set(f, header + text);
  return files;
}
