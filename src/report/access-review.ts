/**
 * Access review evidence: every subject × namespace of the emitted RoleBindings and
 * ClusterRoleBindings with the effective permissions resolved from the emitted Role and ClusterRole
 * rules (not just the role's name), the files, the subject's owner from the profile, and empty
 * reviewer, decision and date columns for the quarterly sign-off (`compliance/access-review.csv`).
 */
import { ResolvedProfile, SubjectSpec } from '../profile/types';
import { RenderedObject } from '../synth/collect-objects';

/** One reviewable grant: a subject's permissions in one namespace (`*` for cluster-wide) through one binding. */
export interface AccessReviewRow {
  /** `Group`, `User` or `ServiceAccount`. */
  readonly subjectKind: string;
  /** Subject name. */
  readonly subjectName: string;
  /** ServiceAccount namespace (empty for other kinds). */
  readonly subjectNamespace: string;
  /** Namespace the permissions apply in; `*` for a ClusterRoleBinding. */
  readonly namespace: string;
  /** `Role` or `ClusterRole`. */
  readonly roleKind: string;
  /** Role name. */
  readonly roleName: string;
  /** Effective permissions: `resource[.group][/subresource][:names]=verb,verb`, sorted, `; `-separated. */
  readonly permissions: string;
  /** Whether any permission is more than get, list and watch. */
  readonly writeAccess: boolean;
  /** File of the binding, relative to the output directory. */
  readonly bindingFile: string;
  /** File of the role (empty when the role is not emitted by hardline). */
  readonly roleFile: string;
  /** Owner of the subject from the profile (empty when none is named). */
  readonly owner: string;
}

/** Column names of `access-review.csv`, in order; the last three are filled in by the reviewer. */
export const ACCESS_REVIEW_COLUMNS = [
  'subject_kind',
  'subject_name',
  'subject_namespace',
  'namespace',
  'role_kind',
  'role_name',
  'permissions',
  'write_access',
  'binding_file',
  'role_file',
  'owner',
  'reviewer',
  'decision',
  'reviewed_on',
] as const;

const READ_VERBS = new Set(['get', 'list', 'watch']);

interface Rule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly resourceNames?: readonly string[];
  readonly verbs?: readonly string[];
}

/** The access review rows of a profile's rendered objects, sorted by subject, namespace, then binding file. */
export function accessReviewRows(profile: ResolvedProfile, objects: readonly RenderedObject[]): AccessReviewRow[] {
  const roles = new Map<string, RenderedObject>();
  for (const o of objects) {
    if (o.manifest.kind === 'Role' || o.manifest.kind === 'ClusterRole') roles.set(roleKey(o.manifest.kind, o.manifest.metadata.name, o.manifest.metadata.namespace), o);
  }
  const owners = subjectOwners(profile);
  const rows: AccessReviewRow[] = [];
  for (const o of objects) {
    const kind = o.manifest.kind;
    if (kind !== 'RoleBinding' && kind !== 'ClusterRoleBinding') continue;
    const ns = kind === 'RoleBinding' ? o.manifest.metadata.namespace ?? '' : '*';
    const ref = o.manifest.roleRef as { kind: string; name: string };
    // A RoleBinding may reference a ClusterRole; its rules then apply in the binding's namespace only.
    const role = roles.get(roleKey(ref.kind, ref.name, ref.kind === 'Role' ? ns : undefined));
    const rules = ((role?.manifest.rules as Rule[] | undefined) ?? []);
    const perms = effectivePermissions(rules);
    for (const s of (o.manifest.subjects as { kind: string; name: string; namespace?: string }[] | undefined) ?? []) {
      const subjectNamespace = s.kind === 'ServiceAccount' ? s.namespace ?? '' : '';
      rows.push({
        subjectKind: s.kind,
        subjectName: s.name,
        subjectNamespace,
        namespace: ns,
        roleKind: ref.kind,
        roleName: ref.name,
        permissions: perms.text,
        writeAccess: perms.write,
        bindingFile: o.file,
        roleFile: role?.file ?? '',
        owner: owners.get(subjectKey(s.kind, s.name, subjectNamespace)) ?? '',
      });
    }
  }
  return rows.sort(
    (a, b) =>
      cmp(a.subjectKind, b.subjectKind) ||
      cmp(a.subjectName, b.subjectName) ||
      cmp(a.subjectNamespace, b.subjectNamespace) ||
      cmp(a.namespace, b.namespace) ||
      cmp(a.bindingFile, b.bindingFile),
  );
}

/** The union of a role's rules, one entry per resource (and resource names) with its sorted verbs. */
export function effectivePermissions(rules: readonly Rule[]): { text: string; write: boolean } {
  const byResource = new Map<string, Set<string>>();
  for (const r of rules) {
    for (const group of r.apiGroups ?? ['']) {
      for (const resource of r.resources ?? []) {
        const [base, sub] = resource.split('/');
        const name = `${base}${group ? `.${group}` : ''}${sub ? `/${sub}` : ''}${r.resourceNames?.length ? `:${[...r.resourceNames].sort().join('|')}` : ''}`;
        const verbs = byResource.get(name) ?? new Set<string>();
        for (const v of r.verbs ?? []) verbs.add(v);
        byResource.set(name, verbs);
      }
    }
  }
  const entries = [...byResource.entries()].sort(([a], [b]) => cmp(a, b));
  return {
    text: entries.map(([name, verbs]) => `${name}=${[...verbs].sort().join(',')}`).join('; '),
    write: entries.some(([, verbs]) => [...verbs].some((v) => !READ_VERBS.has(v))),
  };
}

/** Renders the rows as CSV (RFC 4180: CRLF, fields quoted when needed); reviewer, decision and date are empty. */
export function renderAccessReviewCsv(rows: readonly AccessReviewRow[]): string {
  const lines = [ACCESS_REVIEW_COLUMNS.join(',')];
  for (const r of rows) {
    const cells = [
      r.subjectKind,
      r.subjectName,
      r.subjectNamespace,
      r.namespace,
      r.roleKind,
      r.roleName,
      r.permissions,
      r.writeAccess ? 'yes' : 'no',
      r.bindingFile,
      r.roleFile,
      r.owner,
      '',
      '',
      '',
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Owners named in the profile's RBAC subjects, by subject (the first owner named wins). */
function subjectOwners(profile: ResolvedProfile): Map<string, string> {
  const out = new Map<string, string>();
  const add = (s: SubjectSpec, ns: string) => {
    const key = subjectKey(s.kind, s.name, s.kind === 'ServiceAccount' ? s.namespace ?? ns : '');
    if (s.owner && !out.has(key)) out.set(key, s.owner);
  };
  for (const b of profile.rbac?.bindings ?? []) for (const ns of b.namespaces) for (const s of b.subjects) add(s, ns);
  for (const s of profile.rbac?.clusterReaders ?? []) add(s, '');
  return out;
}

function roleKey(kind: string, name: string, namespace: string | undefined): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function subjectKey(kind: string, name: string, namespace: string): string {
  return `${kind}/${namespace}/${name}`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
