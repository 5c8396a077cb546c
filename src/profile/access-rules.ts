/**
 * Rules over the least-privilege parts of a profile: workload ServiceAccounts, declared flows
 * and RBAC bindings. Everything the constructs would refuse is reported here first, located in
 * the file, so a bad profile fails with every problem at once and never with a stack trace.
 */
import { Cidr, cidrContains, parseCidr } from '../../constructs/_cidr';
import { labelProblem } from '../../constructs/_labels';
import { dns1123LabelProblem } from '../../constructs/_names';
import { BindingViolation, isSystemNamespace, subjectViolations } from '../../constructs/_rbac-subjects';
import { RBAC_WORKLOAD_SA_SUBJECTS } from '../controls';
import { ProfileProblem } from '../errors';
import { exceptionIndex, LocatedException, LocatedNamespace, Origin, problemAt } from './namespace-rules';
import { flowEndProblems } from './flow-ends';
import { escapePointer } from './yaml-source';
import { FlowPeerSpec, FlowSpec, LabelsSpec, RbacBindingSpec, SubjectSpec } from './types';

/** A located `spec.rbac.bindings[]` entry. */
export interface LocatedBinding {
  /** The entry. */
  readonly binding: RbacBindingSpec;
  /** Where it was declared. */
  readonly origin: Origin;
}

/** A located `spec.rbac.clusterReaders[]` entry. */
export interface LocatedSubject {
  /** The entry. */
  readonly subject: SubjectSpec;
  /** Where it was declared. */
  readonly origin: Origin;
}

/** What the access rules need besides namespaces and exceptions. */
export interface AccessInputs {
  /** The API server CIDRs, when spec.cluster.apiServer is declared. */
  readonly apiServer?: { readonly cidrs: readonly string[]; readonly origin: Origin };
  /** RBAC bindings over the whole extends chain. */
  readonly bindings: readonly LocatedBinding[];
  /** Cluster readers over the whole extends chain. */
  readonly clusterReaders: readonly LocatedSubject[];
  /**
   * Namespaces that exist but hardline does not manage (spec.cluster.externalNamespaces): flows
   * may name them as peers.
   *
   * @default - none
   */
  readonly externalNamespaces?: ReadonlySet<string>;
}

const METADATA = parseCidr('169.254.169.254/32') as Cidr;
const NAMED_PORT = /^(?=.*[a-z])(?!.*--)[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

/** Every problem of service accounts, flows and RBAC bindings. */
export function accessProblems(
  namespaces: readonly LocatedNamespace[],
  exceptions: readonly LocatedException[],
  inputs: AccessInputs,
): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  const excepted = exceptionIndex(exceptions);
  const exceptedEverywhere = (control: string) => exceptions.some((e) => e.exception.control === control && !e.exception.namespaces);
  const byName = new Map(namespaces.map((n) => [n.spec.name, n]));
  // Flows of many namespaces usually name the same few CIDRs: each text is parsed once.
  const parsedCidrs = new Map<string, Cidr | string>();
  const cidrOf = (text: string): Cidr | string => {
    let parsed = parsedCidrs.get(text);
    if (parsed === undefined) parsedCidrs.set(text, (parsed = parseCidr(text)));
    return parsed;
  };
  const tierOf = (ns: string) => byName.get(ns)?.spec.tier ?? 'production';
  const external = inputs.externalNamespaces ?? new Set<string>();
  const malformed = new Set<FlowSpec>();

  const apiCidrs: Cidr[] = [];
  (inputs.apiServer?.cidrs ?? []).forEach((c, i) => {
    const parsed = parseCidr(c);
    if (typeof parsed === 'string') out.push(problemAt(inputs.apiServer!.origin, `/cidrs/${i}`, parsed));
    else if (cidrContains(METADATA, parsed) || cidrContains(parsed, METADATA)) {
      // An apiServer flow would open these CIDRs, and no flow may open the metadata endpoint.
      out.push(
        problemAt(
          inputs.apiServer!.origin,
          `/cidrs/${i}`,
          `"${c}" holds 169.254.169.254, the cloud metadata endpoint, which hands out node credentials; it is not an API server address (HL-NET-002)`,
        ),
      );
    } else apiCidrs.push(parsed);
  });

  for (const { spec, origin } of namespaces) {
    const seenSa = new Set<string>();
    (spec.serviceAccounts ?? []).forEach((sa, i) => {
      const at = `/serviceAccounts/${i}`;
      const problem = dns1123LabelProblem(sa.name);
      if (problem) out.push(problemAt(origin, `${at}/name`, problem));
      else if (sa.name === 'default') {
        out.push(problemAt(origin, `${at}/name`, '"default" is managed by hardline (HL-SA-001) and never used by workloads; name the workload\'s own ServiceAccount'));
      } else if (seenSa.has(sa.name)) out.push(problemAt(origin, `${at}/name`, `ServiceAccount "${sa.name}" is declared twice`));
      seenSa.add(sa.name);
      if (sa.automountToken && !excepted('HL-SA-002', spec.name)) {
        out.push(
          problemAt(
            origin,
            `${at}/automountToken`,
            `ServiceAccount "${spec.name}/${sa.name}" would mount an API token; add an exception for HL-SA-002 naming namespace "${spec.name}" with a reason, owner and expiry`,
          ),
        );
      }
    });

    for (const direction of ['ingress', 'egress'] as const) {
      const seen = new Set<string>();
      (spec.allow?.[direction] ?? []).forEach((flow: FlowSpec, i) => {
        const at = `/allow/${direction}/${i}`;
        const found: ProfileProblem[] = [];
        checkFlow();
        out.push(...found);
        // A flow with its own problems is left out of the both-ends check, which would only repeat them.
        if (found.length > 0) malformed.add(flow);

        function checkFlow(): void {
          const policy = `allow-${direction}-${flow.name}`;
          const problem = dns1123LabelProblem(flow.name) ?? dns1123LabelProblem(policy);
          if (problem) found.push(problemAt(origin, `${at}/name`, `policy name ${problem}`));
          else if (seen.has(flow.name)) found.push(problemAt(origin, `${at}/name`, `${direction} flow "${flow.name}" is declared twice`));
          seen.add(flow.name);
          found.push(...labelProblems(origin, `${at}/podSelector`, flow.podSelector));
          (flow.ports ?? []).forEach((p, j) => {
            if (typeof p.port === 'string' && !NAMED_PORT.test(p.port)) {
              found.push(problemAt(origin, `${at}/ports/${j}/port`, `"${p.port}" is not a named port (at most 15 lower-case letters, digits and '-', with a letter)`));
            }
          });
          if (direction === 'egress' && flow.apiServer) {
            if (flow.to || flow.ports) found.push(problemAt(origin, `${at}/apiServer`, 'an apiServer flow takes its endpoints and port from spec.cluster.apiServer; remove to and ports'));
            if (!inputs.apiServer) {
              found.push(
                problemAt(
                  origin,
                  `${at}/apiServer`,
                  'egress to the API server needs its endpoints: declare spec.cluster.apiServer.cidrs (and port, default 443) in the profile',
                ),
              );
            }
            return;
          }
          const peers = (direction === 'ingress' ? flow.from : flow.to) ?? [];
          const peerField = direction === 'ingress' ? 'from' : 'to';
          if (direction === 'egress' && (!flow.to || !flow.ports)) {
            found.push(problemAt(origin, at, 'an egress flow needs to and ports (or apiServer: true)'));
          }
          peers.forEach((peer, j) => {
            found.push(...peerProblems(origin, `${at}/${peerField}/${j}`, peer, byName, external, direction === 'egress' ? apiCidrs : [], cidrOf));
            found.push(...labelProblems(origin, `${at}/${peerField}/${j}/podSelector`, peer.podSelector));
          });
          if (direction === 'ingress' && tierOf(spec.name) === 'production') {
            peers.forEach((peer, j) => {
              if (peer.namespace && byName.has(peer.namespace) && tierOf(peer.namespace) === 'development' && !excepted('HL-NET-003', spec.name)) {
                found.push(
                  problemAt(
                    origin,
                    `${at}/${peerField}/${j}/namespace`,
                    `production namespace "${spec.name}" accepts no ingress from development namespace "${peer.namespace}": development runs ` +
                      'unreviewed code under weaker Pod Security, so it must not become a path into production (HL-NET-003); ' +
                      `add an exception for HL-NET-003 naming "${spec.name}" if this is really needed`,
                  ),
                );
              }
            });
          }
        }
      });
    }
  }

  out.push(...flowEndProblems(namespaces, (flow) => !malformed.has(flow)));

  for (const { binding, origin } of inputs.bindings) {
    binding.namespaces.forEach((ns, i) => {
      if (!byName.has(ns)) out.push(problemAt(origin, `/namespaces/${i}`, `namespace "${ns}" is not declared under spec.namespaces`));
      else if (binding.grantSecretsRead && !excepted('HL-RBAC-003', ns)) {
        out.push(
          problemAt(
            origin,
            '/grantSecretsRead',
            `reading secrets in "${ns}" needs an exception for HL-RBAC-003 naming the namespace with a reason, owner and expiry (CIS 5.1.2)`,
          ),
        );
      }
    });
    binding.subjects.forEach((s, i) => {
      out.push(...subjectProblems(origin, `/subjects/${i}`, s, false));
      if (s.name.trim() === '') return;
      const at = `/subjects/${i}`;
      // A ServiceAccount lives in its own namespace, or in each bound one; other subjects have none.
      const saNamespaces = s.kind === 'ServiceAccount' ? (s.namespace ? [s.namespace] : binding.namespaces) : [];
      const found = new Map<string, BindingViolation>();
      for (const v of s.kind === 'ServiceAccount' ? saNamespaces.flatMap((ns) => subjectViolations(s, ns)) : subjectViolations(s)) found.set(v.message, v);
      for (const v of found.values()) {
        // The exception is scoped as written: it must name every namespace the binding grants in.
        const open = binding.namespaces.filter((n) => byName.has(n) && !excepted(v.control.id, n));
        if (open.length === 0) continue;
        const field = v.control === RBAC_WORKLOAD_SA_SUBJECTS && s.name !== 'default' && s.namespace ? 'namespace' : 'name';
        out.push(
          problemAt(
            origin,
            `${at}/${field}`,
            `${v.message} (${v.control.id}); binding it in ${open.map((n) => `"${n}"`).join(', ')} needs an exception for ${v.control.id} naming ${open.length > 1 ? 'those namespaces' : 'the namespace'} with a reason, owner and expiry`,
          ),
        );
      }
      for (const ns of saNamespaces) {
        if (s.kind !== 'ServiceAccount' || dns1123LabelProblem(s.name) || s.name === 'default' || isSystemNamespace(ns)) continue;
        const declared = byName.get(ns);
        if (!declared) {
          out.push(
            problemAt(origin, `${at}/namespace`, `ServiceAccount "${ns}/${s.name}" is in namespace "${ns}", which is not declared under spec.namespaces (HL-RBAC-007)`),
          );
        } else if (!(declared.spec.serviceAccounts ?? []).some((sa) => sa.name === s.name)) {
          out.push(problemAt(origin, `${at}/name`, `ServiceAccount "${s.name}" is not declared under serviceAccounts of namespace "${ns}" (HL-RBAC-007)`));
        }
      }
    });
  }
  for (const { subject, origin } of inputs.clusterReaders) {
    out.push(...subjectProblems(origin, '', subject, true));
    if (subject.name.trim() === '') continue;
    const ns = subject.kind === 'ServiceAccount' ? subject.namespace : undefined;
    for (const v of subjectViolations(subject, ns)) {
      // Cluster-wide access needs an exception that covers every namespace (one without namespaces).
      if (exceptedEverywhere(v.control.id)) continue;
      out.push(
        problemAt(
          origin,
          '/name',
          `${v.message} (${v.control.id}); as a cluster reader it needs an exception for ${v.control.id} without namespaces (cluster-wide), with a reason, owner and expiry`,
        ),
      );
    }
    if (ns !== undefined && !dns1123LabelProblem(subject.name) && subject.name !== 'default' && !isSystemNamespace(ns)) {
      const declared = byName.get(ns);
      if (!declared) {
        out.push(problemAt(origin, '/namespace', `ServiceAccount "${ns}/${subject.name}" is in namespace "${ns}", which is not declared under spec.namespaces (HL-RBAC-007)`));
      } else if (!(declared.spec.serviceAccounts ?? []).some((sa) => sa.name === subject.name)) {
        out.push(problemAt(origin, '/name', `ServiceAccount "${subject.name}" is not declared under serviceAccounts of namespace "${ns}" (HL-RBAC-007)`));
      }
    }
  }
  return out;
}

function labelProblems(origin: Origin, at: string, labels: LabelsSpec | undefined): ProfileProblem[] {
  return Object.entries(labels ?? {}).flatMap(([k, v]) => {
    const problem = labelProblem(k, v);
    return problem ? [problemAt(origin, `${at}/${escapePointer(k)}`, problem)] : [];
  });
}

function subjectProblems(origin: Origin, at: string, s: SubjectSpec, clusterWide: boolean): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  if (s.name.trim() === '') return [problemAt(origin, `${at}/name`, 'must not be blank')];
  if (s.kind !== 'ServiceAccount') {
    if (s.namespace !== undefined) out.push(problemAt(origin, `${at}/namespace`, `only ServiceAccount subjects have a namespace; remove it from ${s.kind} "${s.name}"`));
    return out;
  }
  const nameProblem = dns1123LabelProblem(s.name);
  if (nameProblem) out.push(problemAt(origin, `${at}/name`, nameProblem));
  if (s.namespace !== undefined) {
    const nsProblem = dns1123LabelProblem(s.namespace);
    if (nsProblem) out.push(problemAt(origin, `${at}/namespace`, nsProblem));
  } else if (clusterWide) {
    out.push(problemAt(origin, at, `ServiceAccount "${s.name}" needs a namespace in clusterReaders`));
  }
  return out;
}

function peerProblems(
  origin: Origin,
  at: string,
  peer: FlowPeerSpec,
  declared: ReadonlyMap<string, LocatedNamespace>,
  external: ReadonlySet<string>,
  apiCidrs: readonly Cidr[],
  cidrOf: (text: string) => Cidr | string,
): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  const pods = peer.namespace !== undefined || peer.podSelector !== undefined;
  if (peer.cidr === undefined) {
    if (!pods) out.push(problemAt(origin, at, 'a peer names a namespace, a podSelector or a cidr'));
    if (peer.except) out.push(problemAt(origin, `${at}/except`, 'except belongs to a cidr peer'));
    if (peer.namespace !== undefined && !declared.has(peer.namespace) && !external.has(peer.namespace)) {
      out.push(
        problemAt(
          origin,
          `${at}/namespace`,
          `namespace "${peer.namespace}" is neither declared under spec.namespaces nor listed in spec.cluster.externalNamespaces; ` +
            'a flow names a namespace hardline manages, or a platform namespace (ingress-nginx, monitoring) listed as external',
        ),
      );
    }
    return out;
  }
  if (pods) {
    out.push(problemAt(origin, at, 'a peer is either a cidr or pods (namespace, podSelector); split it into two peers'));
    return out;
  }
  const cidr = cidrOf(peer.cidr);
  if (typeof cidr === 'string') return [problemAt(origin, `${at}/cidr`, cidr)];
  if (cidrContains(METADATA, cidr)) {
    out.push(problemAt(origin, `${at}/cidr`, '169.254.169.254 is the cloud metadata endpoint, which hands out node credentials; no flow may open it (HL-NET-002)'));
  }
  const api = apiCidrs.find((a) => cidrContains(a, cidr));
  if (api) {
    out.push(problemAt(origin, `${at}/cidr`, `"${peer.cidr}" is inside the API server endpoints (${api.text}); use an egress flow with apiServer: true`));
  }
  (peer.except ?? []).forEach((e, k) => {
    const ex = cidrOf(e);
    if (typeof ex === 'string') out.push(problemAt(origin, `${at}/except/${k}`, ex));
    else if (!cidrContains(cidr, ex) || ex.prefix === cidr.prefix) {
      out.push(problemAt(origin, `${at}/except/${k}`, `"${e}" is not strictly inside ${peer.cidr}; Kubernetes rejects it`));
    }
  });
  return out;
}
