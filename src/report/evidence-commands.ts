/**
 * Evidence a reviewer can paste: a control's evidence template with `<objects>` filled in with the
 * objects that implement it (not those excepted from it: the exception lists them), one `kubectl get` per kind and namespace naming each object, so the
 * output shows exactly those objects. Templates without `<objects>` are used as they are.
 */
import { ObjectEntry } from './model';

/** The placeholder a catalog evidence command uses for "the objects implementing this control". */
export const OBJECTS_PLACEHOLDER = '<objects>';

/** API groups built into Kubernetes (`apps`, `policy`, `*.k8s.io`), whose resources kubectl knows by their plural alone. */
const BUILT_IN_GROUP = /^[a-z]+$|(^|\.)k8s\.io$/;

/** The resource kubectl names an object's kind by: its plural, qualified by the group for custom resources. */
export function resourceOf(apiVersion: string, kind: string): string {
  const lower = kind.toLowerCase();
  const plural = lower.endsWith('y') ? `${lower.slice(0, -1)}ies` : lower.endsWith('s') ? `${lower}es` : `${lower}s`;
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return group === '' || BUILT_IN_GROUP.test(group) ? plural : `${plural}.${group}`;
}

/**
 * The commands of a template for the cluster objects given (control-plane files, which kubectl
 * cannot reach, are left out): one per (resource, namespace), in resource, namespace and name order.
 * Names and namespaces are DNS labels or subdomains, so they need no shell quoting.
 */
export function evidenceCommands(template: string, objects: readonly ObjectEntry[]): string[] {
  if (!template.includes(OBJECTS_PLACEHOLDER)) return [template];
  const groups = new Map<string, { resource: string; namespace?: string; names: string[] }>();
  for (const o of objects) {
    if (!o.kustomize) continue;
    const resource = resourceOf(o.apiVersion, o.kind);
    const key = `${resource}\u0000${o.namespace ?? ''}`;
    const group = groups.get(key) ?? { resource, ...(o.namespace ? { namespace: o.namespace } : {}), names: [] };
    if (!group.names.includes(o.name)) group.names.push(o.name);
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => template.replace(OBJECTS_PLACEHOLDER, [g.resource, ...(g.namespace ? ['-n', g.namespace] : []), ...[...g.names].sort()].join(' ')));
}
