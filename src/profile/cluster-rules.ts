/**
 * The parts of `spec.cluster` that describe the real cluster around the baseline (issue 15): who
 * runs the control plane (`provider`), the platform namespaces hardline does not manage
 * (`externalNamespaces`) and the cluster DNS (`dns`). Merges them over the extends chain and
 * reports every located problem.
 */
import { Cidr, cidrContains, parseCidr } from '../../constructs/_cidr';
import { labelProblem } from '../../constructs/_labels';
import { dns1123LabelProblem } from '../../constructs/_names';
import { ProfileProblem } from '../errors';
import { LocatedNamespace, Origin, problemAt } from './namespace-rules';
import { escapePointer, YamlSource } from './yaml-source';
import { ClusterSpec, DnsSpec, DnsTypeName, ProviderName, ResolvedDns } from './types';

/** The DNS presets: where each cluster flavour's resolver runs and listens. */
export const DNS_PRESETS: { readonly [T in Exclude<DnsTypeName, 'custom'>]: ResolvedDns } = {
  /** CoreDNS or kube-dns behind the kube-dns Service (kubeadm, EKS, GKE, AKS). */
  'kube-dns': { type: 'kube-dns', pods: { namespace: 'kube-system', podSelector: { 'k8s-app': 'kube-dns' } }, cidrs: [], ports: [53] },
  /**
   * NodeLocal DNSCache: pods ask the node-local cache on the link-local 169.254.20.10, which is no
   * pod; kube-dns stays open for the cache's fallback and for pods that still use the Service.
   */
  'node-local-dns': {
    type: 'node-local-dns',
    pods: { namespace: 'kube-system', podSelector: { 'k8s-app': 'kube-dns' } },
    cidrs: ['169.254.20.10/32'],
    ports: [53],
  },
  /** OpenShift's DNS operator: CoreDNS pods in openshift-dns listen on 5353 behind the Service's 53. */
  openshift: {
    type: 'openshift',
    pods: { namespace: 'openshift-dns', podSelector: { 'dns.operator.openshift.io/daemonset-dns': 'default' } },
    cidrs: [],
    ports: [5353],
  },
};

const METADATA = parseCidr('169.254.169.254/32') as Cidr;

/** Collects `spec.cluster.provider`, `externalNamespaces` and `dns` over an extends chain, base first. */
export class ClusterMerger {
  private provider?: ProviderName;
  private dns?: { value: DnsSpec; origin: Origin };
  private readonly external = new Map<string, Origin>();
  private readonly problemsFound: ProfileProblem[] = [];

  /** Adds one file's `spec.cluster`: provider and dns are overridden, external namespaces added. */
  public add(source: YamlSource, cluster: ClusterSpec | undefined): void {
    if (!cluster) return;
    if (cluster.provider !== undefined) this.provider = cluster.provider;
    if (cluster.dns !== undefined) this.dns = { value: cluster.dns, origin: { source, pointer: '/spec/cluster/dns' } };
    (cluster.externalNamespaces ?? []).forEach((name, i) => {
      const origin = { source, pointer: `/spec/cluster/externalNamespaces/${i}` };
      const problem = dns1123LabelProblem(name);
      if (problem) this.problemsFound.push(problemAt(origin, '', problem));
      else if (!this.external.has(name)) this.external.set(name, origin);
    });
  }

  /** Who runs the control plane, after every file (default self-managed). */
  public providerName(): ProviderName {
    return this.provider ?? 'self-managed';
  }

  /** The external namespace names (valid ones). */
  public externalNames(): ReadonlySet<string> {
    return new Set(this.external.keys());
  }

  /** Every problem: bad names, a namespace both managed and external, a DNS setting that cannot work or opens too much. */
  public problems(namespaces: readonly LocatedNamespace[]): ProfileProblem[] {
    const out = [...this.problemsFound];
    const managed = new Set(namespaces.map((n) => n.spec.name));
    for (const [name, origin] of this.external) {
      if (managed.has(name)) {
        out.push(
          problemAt(
            origin,
            '',
            `namespace "${name}" is both declared under spec.namespaces and external; hardline either manages a namespace or leaves it alone, so remove it from one list`,
          ),
        );
      }
    }
    if (this.dns) out.push(...dnsProblems(this.dns.value, this.dns.origin));
    return out;
  }

  /** The merged settings, defaults applied: self-managed, no external namespaces, kube-dns. */
  public resolve(): { provider: ProviderName; externalNamespaces: string[]; dns: ResolvedDns } {
    return {
      provider: this.provider ?? 'self-managed',
      externalNamespaces: [...this.external.keys()].sort(),
      dns: resolveDns(this.dns?.value),
    };
  }
}

/** The DNS a spec asks for, preset or custom (assumes `dnsProblems` found nothing). */
export function resolveDns(spec: DnsSpec | undefined): ResolvedDns {
  const type = spec?.type ?? 'kube-dns';
  if (type !== 'custom') return DNS_PRESETS[type];
  return {
    type,
    ...(spec?.namespace !== undefined && spec.podSelector ? { pods: { namespace: spec.namespace, podSelector: { ...spec.podSelector } } } : {}),
    cidrs: [...new Set(spec?.cidrs ?? [])].sort(),
    ports: [...new Set(spec?.ports ?? [53])].sort((a, b) => a - b),
  };
}

function dnsProblems(spec: DnsSpec, origin: Origin): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  const type = spec.type ?? 'kube-dns';
  const fields = (['namespace', 'podSelector', 'cidrs', 'ports'] as const).filter((f) => spec[f] !== undefined);
  if (type !== 'custom') {
    for (const f of fields) {
      out.push(problemAt(origin, `/${f}`, `the ${type} preset fixes where DNS runs; ${f} is only for type: custom`));
    }
    return out;
  }
  if ((spec.namespace === undefined) !== (spec.podSelector === undefined)) {
    const missing = spec.namespace === undefined ? 'namespace' : 'podSelector';
    out.push(problemAt(origin, '', `custom DNS pods need both namespace and podSelector; add ${missing}`));
  }
  if (spec.namespace === undefined && spec.podSelector === undefined && spec.cidrs === undefined) {
    out.push(problemAt(origin, '', 'custom DNS names its pods (namespace and podSelector) or its addresses (cidrs), or both'));
  }
  if (spec.namespace !== undefined) {
    const problem = dns1123LabelProblem(spec.namespace);
    if (problem) out.push(problemAt(origin, '/namespace', problem));
  }
  if (spec.podSelector !== undefined) {
    if (Object.keys(spec.podSelector).length === 0) {
      out.push(problemAt(origin, '/podSelector', 'an empty podSelector opens the DNS ports to every pod of the namespace; name the DNS pods\' labels'));
    }
    for (const [k, v] of Object.entries(spec.podSelector)) {
      const problem = labelProblem(k, v);
      if (problem) out.push(problemAt(origin, `/podSelector/${escapePointer(k)}`, problem));
    }
  }
  (spec.cidrs ?? []).forEach((text, i) => {
    const cidr = parseCidr(text);
    if (typeof cidr === 'string') out.push(problemAt(origin, `/cidrs/${i}`, cidr));
    else if (cidrContains(cidr, METADATA)) {
      out.push(problemAt(origin, `/cidrs/${i}`, `"${text}" contains the cloud metadata address 169.254.169.254, which hands out node credentials; name the DNS address only`));
    }
  });
  return out;
}
