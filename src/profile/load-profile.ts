/**
 * Loads a profile file, resolves its `extends` chain, validates everything and returns a
 * `ResolvedProfile`. Every problem of every file is collected into one `ProfileError`.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { TIER_POD_SECURITY } from '../../constructs/hardened-namespace';
import { benchmarkProblem, CisVersion, ControlException, defaultBenchmark, describeScope, MAX_EXCEPTION_DAYS, withExceptionIds } from '../controls';
import { ProfileError, ProfileProblem } from '../errors';
import { shippedProfilesDir } from '../package-root';
import { isSameOrAncestor, realpathOrSelf } from '../real-path';
import { accessProblems, LocatedBinding, LocatedSubject } from './access-rules';
import { MAX_MINOR, MIN_MINOR } from '../admission/versions';
import { AdmissionMerger } from './admission-rules';
import { ClusterMerger } from './cluster-rules';
import { encryptionProblems } from './encryption-rules';
import { ownerProblems } from './owner-rules';
import { exceptionOverlapProblems } from './exception-overlap';
import { labelRuleProblems } from './label-rules';
import { exceptionProblems, normalizeException } from './exceptions';
import { EXCEPTABLE_RULES } from './exceptable-rules';
import { exceptionScopeProblems } from './exception-scope-rules';
import { NO_LOSS, salvage, SalvageLoss } from './salvage';
import { pointerToPath, schemaCheck } from './schema-problems';
import { LocatedException, LocatedNamespace, namespaceProblems, Origin, TierModeHistory, tierWeakeningProblems } from './namespace-rules';
import { resolveOperations } from './operations';
import { ApiServerSpec, EncryptionSpec, NamespaceSpec, ProfileDocument, ResolvedNamespace, ResolvedProfile, TierName, TierPodSecurity } from './types';
import { decodeUtf8, MAX_PROFILE_BYTES, parseYamlSource, YamlParseError, YamlSource } from './yaml-source';

/** Options for `loadProfile`. */
export interface LoadProfileOptions {
  /**
   * The date exceptions are checked against, `YYYY-MM-DD`.
   *
   * @default - today (UTC)
   */
  readonly today?: string;
}

/** One file of an extends chain. */
interface LoadedFile {
  readonly abs: string;
  /** sha256 of the file's bytes (UTF-8 text as read), for the report's provenance. */
  readonly sha256: string;
  /** `abs` with symbolic links followed: a file reached under two names is loaded once. */
  readonly real: string;
  readonly source: YamlSource;
  readonly doc: ProfileDocument;
  /** What a schema problem made the loader leave out of `doc`. */
  readonly loss: SalvageLoss;
  /** Real paths of every file this one extends, directly or through its bases. */
  readonly bases: ReadonlySet<string>;
}

const MAX_EXTENDS_DEPTH = 8;

/** Pod Security levels by strength, for "never lower than" rules. */
const LEVEL_STRENGTH = { privileged: 0, baseline: 1, restricted: 2 } as const;

/** Most distinct files one profile may load through `extends` (each is read and checked once). */
export const MAX_PROFILE_FILES = 64;

/**
 * The Kubernetes minor versions hardline supports: the Pod Security Admission versions its
 * namespaces pin (`pod-security.kubernetes.io/*-version`) and its admission checks follow.
 */
export const SUPPORTED_KUBERNETES = { min: `1.${MIN_MINOR}`, max: `1.${MAX_MINOR}` } as const;

/** Whether `v` is written strictly `1.N` (no leading zero, no patch) with N in `SUPPORTED_KUBERNETES`. */
export function isSupportedKubernetesVersion(v: string): boolean {
  const m = /^1\.([1-9][0-9]?)$/.exec(v);
  const minor = m ? Number(m[1]) : NaN;
  return minor >= Number(SUPPORTED_KUBERNETES.min.slice(2)) && minor <= Number(SUPPORTED_KUBERNETES.max.slice(2));
}

/** Cluster names (EKS, GKE and AKS rules, loosely): also a safe folder name for fleet output. */
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Today's date in UTC, `YYYY-MM-DD`. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/**
 * Loads and validates the profile at `file` and everything it extends.
 * Throws `ProfileError` listing every problem as `file:line:column: path: message`.
 */
export function loadProfile(file: string, options: LoadProfileOptions = {}): ResolvedProfile {
  const problems: ProfileProblem[] = [];
  const chain: LoadedFile[] = [];
  const roots = extendsRoots(path.dirname(path.resolve(file)));
  loadChain(file, displayName(file), [], chain, problems, undefined, roots);
  return withDate(resolveChain(file, path.resolve(file), chain, options.today ?? todayUtc(), problems), options.today);
}

/**
 * Validates and resolves an in-memory profile (its `extends` resolved against `baseDir`).
 * `file` names it in messages.
 */
export function parseProfile(text: string, file: string, options: LoadProfileOptions & { baseDir?: string } = {}): ResolvedProfile {
  const problems: ProfileProblem[] = [];
  const chain: LoadedFile[] = [];
  const source = parseOrProblem(text, file, problems);
  const abs = path.resolve(options.baseDir ?? '.', file);
  if (source) addDocument(source, sha256Of(text), abs, [], chain, problems, extendsRoots(path.dirname(abs)));
  return withDate(resolveChain(file, abs, chain, options.today ?? todayUtc(), problems), options.today);
}

/** The profile with the date it was checked against, when one was given (`--date`); none otherwise, so output stays the same day to day. */
function withDate(profile: ResolvedProfile, today: string | undefined): ResolvedProfile {
  return today === undefined ? profile : Object.defineProperty(profile, 'checkedOn', { value: today, enumerable: true });
}

/** sha256 of an in-memory profile's text (its UTF-8 bytes), hex. */
function sha256Of(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * How the report names a profile source: relative to the leaf profile's folder (forward slashes),
 * or `hardline:profiles/<name>` for a profile shipped with hardline, the same on every machine.
 */
function provenanceName(abs: string, rootAbs: string): string {
  const shipped = path.relative(shippedProfilesDir(), abs);
  if (!shipped.startsWith('..') && !path.isAbsolute(shipped)) return `hardline:profiles/${shipped.split(path.sep).join('/')}`;
  return path.relative(path.dirname(rootAbs), abs).split(path.sep).join('/');
}

function displayName(abs: string): string {
  const rel = path.relative(process.cwd(), path.resolve(abs));
  return rel && !rel.startsWith('..') ? rel : path.resolve(abs);
}

function parseOrProblem(text: string, file: string, problems: ProfileProblem[]): YamlSource | undefined {
  try {
    return parseYamlSource(text, file);
  } catch (e) {
    if (e instanceof YamlParseError) {
      problems.push(e.problem);
      return undefined;
    }
    throw e;
  }
}

function loadChain(
  file: string,
  shown: string,
  stack: readonly string[],
  chain: LoadedFile[],
  problems: ProfileProblem[],
  from: { source: YamlSource; pointer: string } | undefined,
  roots: readonly string[],
): void {
  const abs = path.resolve(file);
  const problemHere = (message: string) => {
    if (from) {
      const pos = from.source.locate(from.pointer);
      problems.push({ file: from.source.file, line: pos.line, column: pos.column, path: pointerToPath(from.pointer), message });
    } else {
      problems.push({ file: shown, line: 1, column: 1, path: '', message });
    }
  };
  let bytes: Buffer;
  try {
    const stat = fs.statSync(abs);
    if (!stat.isFile()) return problemHere(`${shown} is not a file`);
    // Refuse a huge file before reading it into memory (parseYamlSource checks the text again).
    if (stat.size > MAX_PROFILE_BYTES) {
      problems.push({ file: shown, line: 1, column: 1, path: '', message: `file is larger than ${MAX_PROFILE_BYTES / 1024 / 1024} MiB; a profile is a few kilobytes` });
      return;
    }
    bytes = fs.readFileSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return problemHere(code === 'ENOENT' ? `cannot read ${shown}: no such file` : `cannot read ${shown}: ${code ?? String(e)}`);
  }
  let text: string;
  try {
    text = decodeUtf8(bytes, shown);
  } catch (e) {
    if (!(e instanceof YamlParseError)) throw e;
    problems.push(e.problem);
    return;
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  const source = parseOrProblem(text, shown, problems);
  if (source) addDocument(source, digest, abs, stack, chain, problems, roots);
}

function addDocument(
  source: YamlSource,
  sha256: string,
  abs: string,
  stack: readonly string[],
  chain: LoadedFile[],
  problems: ProfileProblem[],
  roots: readonly string[],
): void {
  const found = schemaCheck(source);
  problems.push(...found.problems);
  // With schema problems, the parts that passed are still checked, so all problems show at once.
  const usable = found.problems.length === 0 ? { doc: source.value as ProfileDocument, loss: NO_LOSS } : salvage(source.value, found.pointers);
  if (!usable) return;
  const { doc, loss } = usable;
  const here = [...stack, abs];
  /** Real paths of the files this one extends directly (loaded now or before). */
  const direct: string[] = [];
  (doc.extends ?? []).forEach((ref, i) => {
    const pointer = `/extends/${i}`;
    const target = resolveExtends(ref, path.dirname(abs));
    const problem = (message: string) => {
      const at = source.locate(pointer);
      problems.push({ file: source.file, line: at.line, column: at.column, path: pointerToPath(pointer), message });
    };
    if (!target) problem(`"${ref}" is neither a shipped profile nor a .yaml path`);
    else if (!insideAny(target, roots)) {
      problem(
        `"${ref}" resolves to ${realpathOrSelf(target)}, outside the root profile's directory tree, the working directory's tree and hardline's shipped profiles; ` +
          'a base must live next to or below the profile you run, or under the directory you run hardline from (symbolic links are followed)',
      );
    } else if (here.some((f) => realpathOrSelf(f) === realpathOrSelf(target))) {
      problem(`"${ref}" extends itself through ${here.map((f) => path.basename(f)).join(' → ')}`);
    } else if (here.length > MAX_EXTENDS_DEPTH) problem(`extends is nested more than ${MAX_EXTENDS_DEPTH} deep`);
    // A base reached twice (a diamond of extends) is read, checked and merged once, where it was first reached.
    else if (chain.some((c) => c.real === realpathOrSelf(target))) direct.push(realpathOrSelf(target));
    else if (chain.length + here.length >= MAX_PROFILE_FILES) {
      problem(`the extends chain loads more than ${MAX_PROFILE_FILES} files; merge some bases`);
    } else {
      loadChain(target, displayName(target), here, chain, problems, { source, pointer }, roots);
      direct.push(realpathOrSelf(target));
    }
  });
  const real = realpathOrSelf(abs);
  const bases = new Set<string>();
  for (const d of direct) {
    const base = chain.find((c) => c.real === d);
    if (base) [d, ...base.bases].forEach((b) => bases.add(b));
  }
  if (!chain.some((c) => c.real === real)) chain.push({ abs, real, sha256, source, doc, loss, bases });
}

/**
 * Directories an `extends` path may resolve into (after following symbolic links): the tree of
 * the root profile's directory, the working directory's tree (so `teams/a.yaml` may extend
 * `../base.yaml` when run from the repository root) unless that is the filesystem root, and the
 * shipped profiles.
 */
function extendsRoots(rootDir: string): string[] {
  const cwd = realpathOrSelf(process.cwd());
  const roots = [realpathOrSelf(rootDir), realpathOrSelf(shippedProfilesDir())];
  return path.dirname(cwd) === cwd ? roots : [...roots, cwd];
}

/** Whether `file` (following symbolic links) is strictly inside one of `roots`. */
function insideAny(file: string, roots: readonly string[]): boolean {
  const real = realpathOrSelf(file);
  return roots.some((root) => real !== root && isSameOrAncestor(root, real));
}

/** Resolves an `extends` entry: a shipped profile name, or a path relative to the extending file. */
function resolveExtends(ref: string, dir: string): string | undefined {
  if (/^[a-z0-9][a-z0-9-]*$/.test(ref)) return path.join(shippedProfilesDir(), `${ref}.yaml`);
  if (/\.ya?ml$/.test(ref)) return path.resolve(dir, ref);
  return undefined;
}


/**
 * Merges the chain (bases first), applies defaults, and runs the rules that span fields. `prior`
 * are the problems found while loading; the rules still run on what passed the schema (skipping
 * those that a left-out entry could make misfire), and everything is thrown together.
 */
function resolveChain(file: string, rootAbs: string, chain: readonly LoadedFile[], today: string, prior: readonly ProfileProblem[]): ResolvedProfile {
  const problems: ProfileProblem[] = [...prior];
  const leaf = chain.find((c) => c.abs === rootAbs);
  if (!leaf) throw new ProfileError(problems);
  const partial = chain.some((c) => c.loss.partial);
  const at = (source: YamlSource, pointer: string, message: string, key = false) => {
    const pos = source.locate(pointer, key);
    problems.push({ file: source.file, line: pos.line, column: pos.column, path: pointerToPath(pointer), message });
  };

  let clusterName: { value: string; origin: Origin } | undefined;
  let kubernetesVersion: { value: string; origin: Origin } | undefined;
  let cisBenchmark: { value: CisVersion; origin: Origin } | undefined;
  const tiers: { [T in TierName]: TierPodSecurity } = {
    production: { ...TIER_POD_SECURITY.production },
    staging: { ...TIER_POD_SECURITY.staging },
    development: { ...TIER_POD_SECURITY.development },
  };
  const tierOrigins: Partial<Record<TierName, Origin>> = {};
  const modeHistory: TierModeHistory = {
    floors: {
      production: { audit: tiers.production.audit, warn: tiers.production.warn },
      staging: { audit: tiers.staging.audit, warn: tiers.staging.warn },
      development: { audit: tiers.development.audit, warn: tiers.development.warn },
    },
    origins: {},
  };
  const namespaces = new Map<string, LocatedNamespace>();
  const exceptions: LocatedException[] = [];
  // Least privilege (issue 3): the API server is overridden, bindings and cluster readers are added.
  let apiServer: { value: ApiServerSpec; origin: Origin } | undefined;
  const bindings: LocatedBinding[] = [];
  const clusterReaders: LocatedSubject[] = [];
  const admission = new AdmissionMerger();
  // spec.exceptionPolicy.maxDays: a profile may lower the base's limit, never raise it.
  let maxDays: { value: number; origin: Origin } | undefined;
  // Real clusters (issue 15): provider, external namespaces and DNS.
  const clusterExtras = new ClusterMerger();
  let encryption: { value: EncryptionSpec; origin: Origin } | undefined;

  // Every declaration of each namespace, to find siblings (neither extends the other) that disagree.
  const declarations = new Map<string, { file: LoadedFile; located: LocatedNamespace }[]>();
  for (const file of chain) {
    const { source, doc } = file;
    const spec = doc.spec ?? {};
    admission.add(source, spec.admission);
    clusterExtras.add(source, spec.cluster);
    if (spec.encryption) encryption = { value: spec.encryption, origin: { source, pointer: '/spec/encryption' } };
    if (spec.cluster?.name !== undefined) clusterName = { value: spec.cluster.name, origin: { source, pointer: '/spec/cluster/name' } };
    if (spec.cluster?.kubernetesVersion !== undefined) {
      kubernetesVersion = { value: spec.cluster.kubernetesVersion, origin: { source, pointer: '/spec/cluster/kubernetesVersion' } };
    }
    if (spec.cisBenchmark !== undefined) cisBenchmark = { value: spec.cisBenchmark, origin: { source, pointer: '/spec/cisBenchmark' } };
    const days = spec.exceptionPolicy?.maxDays;
    if (days !== undefined) {
      const origin = { source, pointer: '/spec/exceptionPolicy/maxDays' };
      if (maxDays && days > maxDays.value) {
        at(source, origin.pointer, `${days} days would raise the exception lifetime limit of ${maxDays.value} days set by ${maxDays.origin.source.file}; an extending profile may only lower it`);
      } else maxDays = { value: days, origin };
    }
    for (const tier of Object.keys(spec.tiers ?? {}).sort() as TierName[]) {
      tiers[tier] = { ...tiers[tier], ...(spec.tiers?.[tier]?.podSecurity ?? {}) };
      tierOrigins[tier] = { source, pointer: `/spec/tiers/${tier}/podSecurity` };
      for (const mode of ['audit', 'warn'] as const) {
        const level = spec.tiers?.[tier]?.podSecurity?.[mode];
        if (level === undefined) continue;
        modeHistory.origins[`${tier}/${mode}`] = { source, pointer: `/spec/tiers/${tier}/podSecurity/${mode}` };
        if (LEVEL_STRENGTH[level] > LEVEL_STRENGTH[modeHistory.floors[tier][mode]]) modeHistory.floors[tier][mode] = level;
      }
    }
    const seenHere = new Map<string, number>();
    (spec.namespaces ?? []).forEach((ns: NamespaceSpec | undefined, i) => {
      if (!ns) return; // left out: it failed the schema
      const pointer = `/spec/namespaces/${i}`;
      const first = seenHere.get(ns.name);
      if (first !== undefined) {
        const firstLine = source.locate(`/spec/namespaces/${first}/name`).line;
        at(source, `${pointer}/name`, `namespace "${ns.name}" is declared twice (first on line ${firstLine})`);
        return;
      }
      seenHere.set(ns.name, i);
      const located = { spec: ns, origin: { source, pointer } };
      namespaces.set(ns.name, located);
      const list = declarations.get(ns.name);
      if (list) list.push({ file, located });
      else declarations.set(ns.name, [{ file, located }]);
    });
    (spec.exceptions ?? []).forEach((ex: ControlException | undefined, i) => {
      if (ex) exceptions.push({ exception: ex, origin: { source, pointer: `/spec/exceptions/${i}` } });
    });
    if (spec.cluster?.apiServer) apiServer = { value: spec.cluster.apiServer, origin: { source, pointer: '/spec/cluster/apiServer' } };
    (spec.rbac?.bindings ?? []).forEach((binding, i) => bindings.push({ binding, origin: { source, pointer: `/spec/rbac/bindings/${i}` } }));
    (spec.rbac?.clusterReaders ?? []).forEach((subject, i) =>
      clusterReaders.push({ subject, origin: { source, pointer: `/spec/rbac/clusterReaders/${i}` } }),
    );
  }

  const metaName = leaf.doc.metadata.name;
  if (!(leaf.loss.partial && metaName === '') && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(metaName) || metaName.length > 63) {
    at(leaf.source, '/metadata/name', `"${metaName}" is not a DNS-1123 label (lower-case letters, digits and '-')`);
  }
  if (!clusterName) {
    if (!partial) at(leaf.source, '/spec', 'missing required field "cluster.name"');
  } else if (!CLUSTER_NAME.test(clusterName.value)) {
    const { source, pointer } = clusterName.origin;
    at(source, pointer, `"${clusterName.value}" is not a usable cluster name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 100 characters (it names the fleet output folder)`);
  }
  if (!kubernetesVersion) {
    if (!partial) at(leaf.source, '/spec', 'missing required field "cluster.kubernetesVersion" (e.g. "1.28"); it picks the CIS benchmark');
  } else if (!isSupportedKubernetesVersion(kubernetesVersion.value)) {
    const { source, pointer } = kubernetesVersion.origin;
    at(
      source,
      pointer,
      `"${kubernetesVersion.value}" is not a supported Kubernetes minor version; hardline supports ${SUPPORTED_KUBERNETES.min} to ${SUPPORTED_KUBERNETES.max}, written like "${SUPPORTED_KUBERNETES.min}"`,
    );
  }
  if (namespaces.size === 0 && !partial) {
    at(leaf.source, '/spec', 'no namespaces declared; a profile needs at least one under spec.namespaces');
  }

  problems.push(...siblingConflicts(declarations));
  const located = [...namespaces.values()].sort((a, b) => cmp(a.spec.name, b.spec.name));
  const levelsKnown = !chain.some((c) => c.loss.droppedLevelInputs);
  problems.push(...namespaceProblems(located, exceptions, tiers, tierOrigins, { checkLevels: levelsKnown }));
  if (levelsKnown) problems.push(...tierWeakeningProblems(located, exceptions, tiers, modeHistory));
  problems.push(...labelRuleProblems(located));
  const declared = chain.some((c) => c.loss.droppedUnnamedNamespace)
    ? new AnyName()
    : new Set([...namespaces.keys(), ...chain.flatMap((c) => c.loss.droppedNamespaces)]);
  problems.push(...exceptionProblems(exceptions, declared, today, maxDays?.value));
  problems.push(...exceptionOverlapProblems(exceptions));
  problems.push(...exceptionScopeProblems(exceptions, {
      namespaces: located,
      rules: EXCEPTABLE_RULES,
      admission: admission.resolve() !== undefined,
      tierEnforce: levelsKnown ? { production: tiers.production.enforce, staging: tiers.staging.enforce, development: tiers.development.enforce } : undefined,
    }));
  // The rules below read whole entries and cross-references; on a partial profile (parts failed
  // the schema and were left out) they could misfire on the holes, so they wait for a clean one.
  if (!partial) {
    problems.push(
      ...accessProblems(located, exceptions, {
        apiServer: apiServer && { cidrs: apiServer.value.cidrs, origin: apiServer.origin },
        bindings,
        clusterReaders,
        externalNamespaces: clusterExtras.externalNames(),
      }),
    );
    problems.push(...clusterExtras.problems(located));
    problems.push(...admission.problems(exceptions, located, kubernetesVersion?.value));
    if (encryption) problems.push(...encryptionProblems(encryption.value, encryption.origin));
    problems.push(...ownerProblems(bindings, located));
  }
  // The benchmark must be the one that applies to the provider (issue 15): its own on eks/gke/aks, a CIS Kubernetes version on self-managed.
  const provider = clusterExtras.providerName();
  const benchmarkWrong = cisBenchmark && benchmarkProblem(provider, cisBenchmark.value);
  if (cisBenchmark && benchmarkWrong) at(cisBenchmark.origin.source, cisBenchmark.origin.pointer, benchmarkWrong);
  const ops = partial ? undefined : resolveOperations(chain, located, exceptions);
  if (ops) problems.push(...ops.problems);
  if (problems.length > 0) throw new ProfileError(problems);

  const k8sVersion = kubernetesVersion!.value;
  return {
    name: metaName,
    description: leaf.doc.metadata.description,
    file,
    sources: chain.map((c) => c.source.file),
    sourceDigests: chain.map((c) => ({ file: provenanceName(c.abs, rootAbs), sha256: c.sha256 })),
    cluster: {
      name: clusterName!.value,
      kubernetesVersion: k8sVersion,
      ...(apiServer ? { apiServer: { cidrs: [...apiServer.value.cidrs].sort(), port: apiServer.value.port ?? 443 } } : {}),
      ...clusterExtras.resolve(),
    },
    // A getter: locating reads the file's positions, which only a fleet's duplicate-cluster error needs.
    get clusterNameAt() {
      return locate(clusterName!.origin);
    },
    cisVersion: cisBenchmark?.value ?? defaultBenchmark(provider, k8sVersion),
    tiers,
    namespaces: located.map(({ spec }) => ({
      name: spec.name,
      tier: spec.tier ?? 'production',
      ...(spec.podSecurity ? { podSecurity: spec.podSecurity } : {}),
      labels: { ...(spec.labels ?? {}) },
      ...resolveNamespaceAccess(spec),
    })),
    complianceDate: today,
    maxExceptionDays: maxDays?.value ?? MAX_EXCEPTION_DAYS,
    // Each exception gets its stable id here, so the copies composition makes keep it.
    exceptions: withExceptionIds(
      exceptions
        .map((e) => normalizeException(e.exception))
        .sort(
          (a, b) =>
            cmp(a.control, b.control) ||
            cmp((a.namespaces ?? []).join(','), (b.namespaces ?? []).join(',')) ||
            cmp(describeScope(a), describeScope(b)) ||
            cmp(a.expires, b.expires) ||
            cmp(JSON.stringify(a), JSON.stringify(b)),
        ),
    ),
    ...(bindings.length + clusterReaders.length > 0
      ? { rbac: { bindings: bindings.map((b) => b.binding), clusterReaders: clusterReaders.map((c) => c.subject) } }
      : {}),
    operations: ops!.operations,
    ...(admission.resolve() ? { admission: admission.resolve() } : {}),
    ...(encryption ? { encryption: encryption.value } : {}),
  };
}

/**
 * Namespaces declared differently by two files of which neither extends the other (sibling bases)
 * and that no file extending both declares again: which one would win depends only on the order of
 * `extends`, so it is a located error instead of a silent merge.
 */
function siblingConflicts(declarations: ReadonlyMap<string, readonly { file: LoadedFile; located: LocatedNamespace }[]>): ProfileProblem[] {
  const out: ProfileProblem[] = [];
  for (const [name, decls] of declarations) {
    if (decls.length < 2) continue;
    // The declarations no file extending them overrides.
    const effective = decls.filter((d) => !decls.some((e) => e !== d && e.file.bases.has(d.file.real)));
    const first = effective[0];
    for (const d of effective.slice(1)) {
      if (canonical(d.located.spec) === canonical(first.located.spec)) continue;
      const { source, pointer } = d.located.origin;
      const pos = source.locate(`${pointer}/name`);
      const firstLine = first.file.source.locate(`${first.located.origin.pointer}/name`).line;
      out.push({
        file: source.file,
        line: pos.line,
        column: pos.column,
        path: pointerToPath(`${pointer}/name`),
        message:
          `namespace "${name}" is also declared, differently, by ${first.file.source.file}:${firstLine}, and neither file extends the other; ` +
          'declare it in one of them, or again in the profile that extends both',
      });
    }
  }
  return out;
}

/** JSON of a value with every object's keys sorted: equal for equal entries written in another key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => cmp(a, b))) : v,
  );
}

/** The service accounts and flows of a namespace, sorted by name; omitted when the profile has none. */
function resolveNamespaceAccess(spec: NamespaceSpec): Pick<ResolvedNamespace, 'serviceAccounts' | 'allow'> {
  const byName = <T extends { name: string }>(items: readonly T[]) => [...items].sort((a, b) => cmp(a.name, b.name));
  const allow = {
    ...(spec.allow?.ingress?.length ? { ingress: byName(spec.allow.ingress) } : {}),
    ...(spec.allow?.egress?.length ? { egress: byName(spec.allow.egress) } : {}),
  };
  return {
    ...(spec.serviceAccounts?.length ? { serviceAccounts: byName(spec.serviceAccounts) } : {}),
    ...(Object.keys(allow).length > 0 ? { allow } : {}),
  };
}

/** The declared namespaces when an unnamed entry was left out: any name may have been it. */
class AnyName extends Set<string> {
  override has(): boolean {
    return true;
  }
}

function locate({ source, pointer }: Origin): { file: string; line: number; column: number } {
  const pos = source.locate(pointer);
  return { file: source.file, line: pos.line, column: pos.column };
}


function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Exceptions of a resolved profile that apply to one namespace. */
export function exceptionsForNamespace(profile: ResolvedProfile, namespace: string): ControlException[] {
  return profile.exceptions.filter((e) => !e.namespaces || e.namespaces.includes(namespace));
}
