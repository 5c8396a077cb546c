/**
 * Keeps the parts of a profile that passed its schema, so the semantic rules can still run on
 * them and every problem is reported at once. Entries of `namespaces` and `exceptions` with a
 * schema problem become holes (`undefined`), so the remaining entries keep their indices (and
 * their positions in messages).
 */
import { ProfileDocument } from './types';

/** What was left out of a salvaged document; the rules that could misfire on it are skipped. */
export interface SalvageLoss {
  /** Some part of the document failed the schema. */
  readonly partial: boolean;
  /** Names of namespace entries that were left out (when they had a string name). */
  readonly droppedNamespaces: readonly string[];
  /** A namespace entry without a usable name was left out. */
  readonly droppedUnnamedNamespace: boolean;
  /** An exception entry or the tiers were left out (Pod Security levels cannot be judged). */
  readonly droppedLevelInputs: boolean;
}

/** No loss: the document passed its schema. */
export const NO_LOSS: SalvageLoss = { partial: false, droppedNamespaces: [], droppedUnnamedNamespace: false, droppedLevelInputs: false };

/**
 * Returns the usable part of `value` given the JSON pointers of its schema problems, or
 * undefined when nothing of it can be used (not a mapping).
 */
export function salvage(value: unknown, badPointers: readonly string[]): { doc: ProfileDocument; loss: SalvageLoss } | undefined {
  if (!isObject(value)) return undefined;
  // A pointer is bad when a problem is at it or below it: index every problem pointer and its
  // ancestors once, rather than scanning all problems for each entry (quadratic on large profiles).
  const badOrAbove = new Set<string>();
  for (const p of badPointers) {
    badOrAbove.add(p);
    for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) badOrAbove.add(p.slice(0, i));
  }
  const bad = (pointer: string) => badOrAbove.has(pointer);
  const droppedNamespaces: string[] = [];
  let droppedUnnamedNamespace = false;
  let droppedLevelInputs = false;

  const metadata = isObject(value.metadata) && typeof value.metadata.name === 'string' ? { name: value.metadata.name } : { name: '' };
  const ext = !bad('/extends') && Array.isArray(value.extends) ? (value.extends as string[]) : undefined;
  const spec = isObject(value.spec) ? value.spec : {};

  const entries = (field: 'namespaces' | 'exceptions') => {
    const list = spec[field];
    if (!Array.isArray(list)) {
      if (field === 'namespaces') droppedUnnamedNamespace = true;
      else droppedLevelInputs = true;
      return undefined;
    }
    return list.map((entry, i) => {
      if (!bad(`/spec/${field}/${i}`)) return entry;
      if (field === 'exceptions') droppedLevelInputs = true;
      else if (isObject(entry) && typeof entry.name === 'string') droppedNamespaces.push(entry.name);
      else droppedUnnamedNamespace = true;
      return undefined;
    });
  };
  // Every other spec field (and cluster sub-field) is kept whole when it passed, left out when not.
  const outSpec: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(spec)) {
    if (key === 'namespaces' || key === 'exceptions') outSpec[key] = entries(key);
    else if (key === 'cluster' && isObject(v)) {
      outSpec.cluster = Object.fromEntries(Object.entries(v).filter(([k]) => !bad(`/spec/cluster/${k}`)));
    } else if (!bad(`/spec/${key}`)) outSpec[key] = v;
    else if (key === 'tiers') droppedLevelInputs = true;
  }

  const doc = {
    apiVersion: 'hardline.dev/v1alpha1',
    kind: 'Profile',
    metadata,
    ...(ext ? { extends: ext } : {}),
    spec: outSpec,
  } as unknown as ProfileDocument;
  return { doc, loss: { partial: true, droppedNamespaces, droppedUnnamedNamespace, droppedLevelInputs } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
