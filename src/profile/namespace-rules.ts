/**
 * Rules over a profile's namespaces: DNS-1123 names, reserved namespaces, and Pod Security
 * levels that would weaken a control without an exception.
 */
import { dns1123LabelProblem, RESERVED_NAMESPACES } from '../../constructs/_names';
import { ControlException } from '../controls';
import { ProfileProblem } from '../errors';
import { NamespaceSpec, PodSecurityLevelName, TierName, TierPodSecurity } from './types';
import { YamlSource } from './yaml-source';
import { pointerToPath } from './schema-problems';

/** Where a value came from: a file and a JSON pointer in it. */
export interface Origin {
  /** The parsed file. */
  readonly source: YamlSource;
  /** JSON pointer of the value. */
  readonly pointer: string;
}

/** A namespace entry and where it was declared. */
export interface LocatedNamespace {
  /** The entry. */
  readonly spec: NamespaceSpec;
  /** Where it was declared. */
  readonly origin: Origin;
}

/** An exception entry and where it was declared. */
export interface LocatedException {
  /** The entry. */
  readonly exception: ControlException;
  /** Where it was declared. */
  readonly origin: Origin;
}

/** Builds a located problem. */
export function problemAt(origin: Origin, suffix: string, message: string): ProfileProblem {
  const pointer = origin.pointer + suffix;
  const pos = origin.source.locate(pointer);
  const path = pointerToPath(pointer);
  return { file: origin.source.file, line: pos.line, column: pos.column, path, message };
}

/**
 * Answers "is `control` excepted (for namespace `ns`)?" from a profile's exceptions: true when an
 * exception for the control covers all namespaces or names `ns`; without `ns`, when any
 * exception names the control. Indexed once, so rules over thousands of namespaces do not scan
 * every exception's namespace list for each of them.
 */
export function exceptionIndex(exceptions: readonly LocatedException[]): (control: string, ns?: string) => boolean {
  const byControl = new Map<string, { all: boolean; namespaces: Set<string> }>();
  for (const { exception: e } of exceptions) {
    let entry = byControl.get(e.control);
    if (!entry) byControl.set(e.control, (entry = { all: false, namespaces: new Set() }));
    if (!e.namespaces) entry.all = true;
    else for (const ns of e.namespaces) entry.namespaces.add(ns);
  }
  return (control, ns) => {
    const entry = byControl.get(control);
    return entry !== undefined && (ns === undefined || entry.all || entry.namespaces.has(ns));
  };
}

/** Problems with namespace names and with Pod Security levels weaker than their tier requires. */
export function namespaceProblems(
  namespaces: readonly LocatedNamespace[],
  exceptions: readonly LocatedException[],
  tiers: { readonly [T in TierName]: TierPodSecurity },
  tierOrigins: Partial<Record<TierName, Origin>>,
  options: { readonly checkLevels?: boolean } = {},
): ProfileProblem[] {
  const checkLevels = options.checkLevels ?? true;
  const out: ProfileProblem[] = [];
  const excepted = exceptionIndex(exceptions);
  for (const { spec, origin } of namespaces) {
    const nameProblem = dns1123LabelProblem(spec.name);
    if (nameProblem) out.push(problemAt(origin, '/name', nameProblem));
    else if (RESERVED_NAMESPACES.includes(spec.name) || spec.name.startsWith('kube-')) {
      out.push(problemAt(origin, '/name', `"${spec.name}" is reserved by Kubernetes (default and the kube- prefix); declare your own namespaces (HL-NS-001, CIS 5.7.4 / 5.6.4)`));
    }
    if (!checkLevels) continue; // an exception or tier failed the schema: levels cannot be judged
    const tier = spec.tier ?? 'production';
    const enforce = spec.podSecurity ?? tiers[tier].enforce;
    const where: [Origin, string] = spec.podSecurity
      ? [origin, '/podSecurity']
      : tierOrigins[tier]
        ? [tierOrigins[tier]!, '/enforce']
        : [origin, ''];
    if (tier === 'production' && enforce !== 'restricted' && !excepted('HL-POD-001', spec.name)) {
      out.push(
        problemAt(
          where[0],
          where[1],
          `namespace "${spec.name}" is production but would enforce "${enforce}"; production enforces restricted (HL-POD-001) ` +
            'unless an exception for HL-POD-001 names this namespace with a reason, owner and expiry',
        ),
      );
    }
    if (enforce === 'privileged' && !excepted('HL-POD-002', spec.name)) {
      out.push(
        problemAt(
          where[0],
          where[1],
          `namespace "${spec.name}" would enforce "privileged", which turns Pod Security off (HL-POD-002); ` +
            'add an exception for HL-POD-002 naming this namespace with a reason, owner and expiry',
        ),
      );
    }
  }
  return out;
}

const STRENGTH: { readonly [L in PodSecurityLevelName]: number } = { privileged: 0, baseline: 1, restricted: 2 };
const stronger = (a: PodSecurityLevelName, b: PodSecurityLevelName) => (STRENGTH[a] >= STRENGTH[b] ? a : b);

/** Where each tier's audit and warn level was last set, and the strongest level any file (or the default) set. */
export interface TierModeHistory {
  /** The strongest level of each tier and mode over the built-in default and every file of the chain. */
  readonly floors: { readonly [T in TierName]: { audit: PodSecurityLevelName; warn: PodSecurityLevelName } };
  /** Where the merged value of each tier and mode was written. */
  readonly origins: Partial<Record<`${TierName}/${'audit' | 'warn'}`, Origin>>;
}

/**
 * Problems with tier audit and warn levels lowered below the tier's secure default or a base
 * profile's (HL-POD-003), judged on the merged profile: each namespace of the tier whose effective
 * level drops must be named by an exception for HL-POD-003 (or one without namespaces).
 */
export function tierWeakeningProblems(
  namespaces: readonly LocatedNamespace[],
  exceptions: readonly LocatedException[],
  tiers: { readonly [T in TierName]: TierPodSecurity },
  history: TierModeHistory,
): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  const excepted = exceptionIndex(exceptions);
  for (const tier of ['production', 'staging', 'development'] as const) {
    for (const mode of ['audit', 'warn'] as const) {
      const origin = history.origins[`${tier}/${mode}`];
      const floor = history.floors[tier][mode];
      if (!origin || STRENGTH[tiers[tier][mode]] >= STRENGTH[floor]) continue;
      const open = namespaces
        .filter(({ spec }) => (spec.tier ?? 'production') === tier)
        .filter(({ spec }) => {
          const enforce = spec.podSecurity ?? tiers[tier].enforce;
          return STRENGTH[stronger(enforce, tiers[tier][mode])] < STRENGTH[stronger(enforce, floor)] && !excepted('HL-POD-003', spec.name);
        })
        .map(({ spec }) => spec.name);
      if (open.length === 0) continue;
      out.push(
        problemAt(
          origin,
          '',
          `${tier} ${mode} "${tiers[tier][mode]}" is below "${floor}", the tier's secure default or a base profile's, which hides violations from ` +
            `${open.map((n) => `"${n}"`).join(', ')} (HL-POD-003); keep "${floor}" or add an exception for HL-POD-003 naming ${open.length > 1 ? 'those namespaces' : 'the namespace'} with a reason, owner and expiry`,
        ),
      );
    }
  }
  return out;
}
