/**
 * The PolicyException cases of the shipped Kyverno CLI test: for each emitted PolicyException, the
 * resources it excepts are `skip` in its namespace for every policy it lifts that applies there, the
 * same resources are still `fail` in a namespace with the same labels but another name, and, for a
 * workload-scoped exception, the other workloads of its namespace (Pod and every controller kind)
 * still `fail`. Resources are checked against the exception's scope with the model
 * (`src/controls/exception-scope.ts`) so a case can only declare what the exception says.
 */
import { KyvernoPolicyException } from '../../constructs/kyverno-policy-exception';
import { KyvernoPolicySet, KyvernoPolicySummary } from '../../constructs/kyverno-policy-set';
import { Json } from '../admission';
import { generatedKinds, inScope, isWorkloadScoped, scopedObjectOf } from '../controls';
import { ResolvedAdmission } from '../profile/types';
import { asKind, brokenPod, CliResult, kindAbbreviation, policyMatches, resourceName, selectorLabels, TESTED_KINDS, TestNamespace } from './kyverno-cli-test-resources';

/** What the exception cases add to the shipped test. */
export interface ExceptionCases {
  /** Resources, in namespaces of the values file. */
  readonly resources: Json[];
  /** Declared results (`namespace/name` resource references: excepted names repeat across namespaces). */
  readonly results: Json[];
  /** Policies the results name. */
  readonly policies: string[];
  /** The PolicyException files, relative to the policy folder. */
  readonly files: string[];
}

/** The PolicyExceptions of a policy set, in emission order. */
export function policyExceptionsOf(policySet: KyvernoPolicySet): KyvernoPolicyException[] {
  return policySet.node.children.filter((c): c is KyvernoPolicyException => c instanceof KyvernoPolicyException);
}

const sameLabels = (a: TestNamespace, b: TestNamespace) => JSON.stringify(a.labels) === JSON.stringify(b.labels);

/** The test cases of every PolicyException of the set. */
export function exceptionCases(policySet: KyvernoPolicySet, namespaces: readonly TestNamespace[], admission: ResolvedAdmission, result: CliResult): ExceptionCases {
  const out: ExceptionCases = { resources: [], results: [], policies: [], files: [] };
  const minor = policySet.kubernetesMinor;
  for (const exc of policyExceptionsOf(policySet)) {
    const manifest = exc.apiObject.toJson();
    out.files.push(`${String(manifest.kind).toLowerCase()}-${manifest.metadata.name}.yaml`);
    const home = namespaces.find((n) => n.excepted && n.name === exc.namespace);
    if (!home) throw new Error(`no test namespace for PolicyException ${manifest.metadata.name} in ${exc.namespace}`);
    const elsewhere = namespaces.find((n) => !n.excepted && sameLabels(n, home));
    const lifted = exc.policies
      .map((ref) => policySet.policies.find((p) => p.name === ref.name))
      .filter((p): p is KyvernoPolicySummary => p !== undefined && policyMatches(p, selectorLabels(home)));
    if (lifted.length === 0) continue;
    const ex = exc.exception;
    const rules = [...new Set(lifted.map((p) => p.rule))];
    const selector = ex.selector?.matchLabels ?? {};
    const broken = brokenPod(rules, minor, admission, 'broken', home.name);
    const withLabels = (labels: { [k: string]: string }) => ({ ...broken, metadata: { ...broken.metadata, labels: { ...broken.metadata.labels, ...labels } } });
    const scoped = withLabels(selector);
    const targets: { kind: string; name: string }[] = ex.workloads?.length
      ? [
          ...ex.workloads.map((w) => ({ kind: w.kind, name: w.name })),
          ...(ex.selector ? generatedKinds(ex.workloads).map((k) => ({ kind: k, name: resourceName(home.prefix, 'created', kindAbbreviation(k)) })) : []),
        ]
      : TESTED_KINDS.map((k) => ({ kind: k, name: resourceName(home.prefix, 'excepted', kindAbbreviation(k)) }));
    // The CLI matches result resources by namespace and name only, so a name is used once.
    const unique = targets.filter((t, i) => targets.findIndex((u) => u.name === t.name) === i);
    const inside = unique.map((t) => asKind(scoped, t.kind, t.name)).filter((o) => inScope(ex, scopedObjectOf(o, home.name)));
    const outside = isWorkloadScoped(ex)
      ? TESTED_KINDS.map((k) => asKind(broken, k, resourceName(home.prefix, 'not-excepted', kindAbbreviation(k)))).filter((o) => !inScope(ex, scopedObjectOf(o, home.name)))
      : [];
    const copies: Json[] = elsewhere ? inside.map((o) => ({ ...o, metadata: { ...o.metadata, namespace: elsewhere.name } })) : [];
    out.resources.push(...inside, ...outside, ...copies);
    const ref = (o: Json) => `${o.metadata.namespace}/${o.metadata.name}`;
    for (const p of lifted) {
      if (!out.policies.includes(p.name)) out.policies.push(p.name);
      for (const o of inside) out.results.push(result(p, o.kind, ref(o), 'skip'));
      for (const o of [...outside, ...copies]) out.results.push(result(p, o.kind, ref(o), 'fail'));
    }
  }
  return out;
}
