/**
 * Scans the committed dist/ the way an auditor would: no Role or ClusterRole grants a wildcard,
 * an escalation verb, secrets read, exec/attach or token creation unless the object records an
 * exception for that control; nothing is bound to cluster-admin or system:masters; no
 * NetworkPolicy ipBlock reaches the metadata address.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { ROOT } from './helpers/synth';

const DIST = path.join(ROOT, 'dist');

interface Rule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

function distObjects(): { file: string; obj: any }[] {
  const k = yaml.load(fs.readFileSync(path.join(DIST, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
  return k.resources.map((file) => ({ file, obj: yaml.load(fs.readFileSync(path.join(DIST, file), 'utf8')) }));
}

const excepted = (obj: any): string[] => (obj.metadata.annotations['compliance.hardline.dev/exceptions'] ?? '').split(',').filter(Boolean);

/** The controls a rule breaks, judged from the raw YAML, independently of the constructs' own checks. */
function broken(rule: Rule): string[] {
  const out: string[] = [];
  const all = [...rule.apiGroups, ...rule.resources, ...rule.verbs];
  const verb = (v: string) => rule.verbs.includes(v) || rule.verbs.includes('*');
  const resource = (r: string) => rule.resources.some((x) => x === r || x === '*' || x === `${r.split('/')[0]}/*`);
  if (all.some((x) => x.includes('*'))) out.push('HL-RBAC-001');
  if (['bind', 'escalate', 'impersonate'].some((v) => rule.verbs.includes(v))) out.push('HL-RBAC-002');
  if (['get', 'list', 'watch'].some(verb) && resource('secrets')) out.push('HL-RBAC-003');
  if (verb('create') && ['pods', 'pods/exec', 'pods/attach', 'serviceaccounts/token'].some(resource)) out.push('HL-RBAC-004');
  return out;
}

describe('dist/ least privilege (scan of the committed output)', () => {
  const objects = distObjects();
  const roles = objects.filter(({ obj }) => obj.kind === 'Role' || obj.kind === 'ClusterRole');

  test('the default profile emits Roles, a ClusterRole, bindings, workload ServiceAccounts and flow policies', () => {
    const kinds = new Set(objects.map(({ obj }) => obj.kind));
    for (const k of ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding']) expect(kinds.has(k)).toBe(true);
    expect(objects.filter(({ obj }) => obj.kind === 'NetworkPolicy' && obj.metadata.name.startsWith('allow-ingress-')).length).toBeGreaterThan(0);
    expect(objects.filter(({ obj }) => obj.kind === 'ServiceAccount' && obj.metadata.name !== 'default').length).toBeGreaterThan(0);
  });

  test('no Role or ClusterRole has a wildcard, escalation verb, secrets read, exec/attach or token creation without an exception', () => {
    expect(roles.length).toBeGreaterThan(0);
    for (const { file, obj } of roles) {
      const needed = [...new Set((obj.rules as Rule[]).flatMap(broken))].sort();
      const missing = needed.filter((c) => !excepted(obj).includes(c));
      expect({ file, missing }).toEqual({ file, missing: [] });
    }
  });

  test('ClusterRoles only read', () => {
    for (const { file, obj } of roles.filter(({ obj }) => obj.kind === 'ClusterRole')) {
      const verbs = new Set((obj.rules as Rule[]).flatMap((r) => r.verbs));
      expect({ file, verbs: [...verbs].filter((v) => !['get', 'list', 'watch'].includes(v)) }).toEqual({ file, verbs: [] });
    }
  });

  test('no binding references cluster-admin or system:masters without an exception', () => {
    for (const { file, obj } of objects.filter(({ obj }) => obj.kind === 'RoleBinding' || obj.kind === 'ClusterRoleBinding')) {
      const privileged = obj.roleRef.name === 'cluster-admin' || obj.subjects.some((s: any) => s.kind === 'Group' && s.name === 'system:masters');
      expect({ file, unexcepted: privileged && !excepted(obj).includes('HL-RBAC-005') }).toEqual({ file, unexcepted: false });
    }
  });

  test('every ipBlock that contains 169.254.169.254 excepts it, and none is the metadata address itself', () => {
    const toInt = (ip: string) => ip.split('.').reduce((a, p) => a * 256 + Number(p), 0);
    const contains = (cidr: string, ip: string) => {
      const [base, bits] = cidr.split('/');
      if (base.includes(':')) return false;
      const size = 2 ** (32 - Number(bits));
      return Math.floor(toInt(base) / size) === Math.floor(toInt(ip) / size);
    };
    const blocks = objects
      .filter(({ obj }) => obj.kind === 'NetworkPolicy')
      .flatMap(({ file, obj }) =>
        [...(obj.spec.ingress ?? []).flatMap((r: any) => r.from ?? []), ...(obj.spec.egress ?? []).flatMap((r: any) => r.to ?? [])]
          .filter((p: any) => p.ipBlock)
          .map((p: any) => ({ file, ipBlock: p.ipBlock })),
      );
    expect(blocks.length).toBeGreaterThan(0);
    for (const { file, ipBlock } of blocks) {
      expect({ file, cidr: ipBlock.cidr, isMetadata: ipBlock.cidr === '169.254.169.254/32' }).toEqual({ file, cidr: ipBlock.cidr, isMetadata: false });
      if (contains(ipBlock.cidr, '169.254.169.254')) {
        expect({ file, excepted: (ipBlock.except ?? []).some((e: string) => contains(e, '169.254.169.254')) }).toEqual({ file, excepted: true });
      }
    }
  });

  test('every workload ServiceAccount that mounts a token records an HL-SA-002 exception', () => {
    for (const { file, obj } of objects.filter(({ obj }) => obj.kind === 'ServiceAccount')) {
      expect({ file, ok: obj.automountServiceAccountToken === false || excepted(obj).length > 0 }).toEqual({ file, ok: true });
    }
  });
});
