/**
 * Rules over a profile's namespaces: DNS-1123 names, reserved namespaces, and Pod Security
 * levels that would weaken a control without an exception.
 */
import { dns1123LabelProblem, RESERVED_NAMESPACES } from '../../constructs/_names';
import { ControlException } from '../controls';
import { ProfileProblem } from '../errors';
import { NamespaceSpec, TierName, TierPodSecurity } from './types';
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
    else if (RESERVED_NAMESPACES.includes(spec.name)) {
      out.push(problemAt(origin, '/name', `"${spec.name}" is reserved by Kubernetes; declare your own namespaces (CIS 5.7.4 / 5.6.4)`));
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
