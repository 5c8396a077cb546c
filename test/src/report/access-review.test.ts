import * as fs from 'fs';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { ACCESS_REVIEW_COLUMNS, accessReviewRows, effectivePermissions, renderAccessReviewCsv } from '../../../src/report/access-review';
import { buildReport } from '../../../src/report/build-report';
import { renderHtml } from '../../../src/report/html-reporter';
import { renderMarkdown } from '../../../src/report/markdown-reporter';
import { RenderedObject } from '../../../src/synth/collect-objects';
import { renderProfile } from '../../../src/synth/synthesize-profile';
import { readCsv } from '../../helpers/shared';
import { defaultProfile, ROOT } from '../../helpers/synth';

const DIST = path.join(ROOT, 'dist');

/** Every YAML object under dist/, by file. */
function distObjects(): { file: string; obj: any }[] {
  const out: { file: string; obj: any }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.yaml')) {
        const file = path.relative(DIST, full).split(path.sep).join('/');
        for (const obj of yaml.loadAll(fs.readFileSync(full, 'utf8'))) out.push({ file, obj });
      }
    }
  };
  walk(DIST);
  return out;
}

/**
 * The grants of dist/'s RBAC, resolved here without the code under test: one tuple per subject, namespace,
 * resource (group, subresource, names) and verb, with the binding and role files.
 */
function independentGrants(): Set<string> {
  const objects = distObjects();
  const roles = objects.filter(({ obj }) => obj?.kind === 'Role' || obj?.kind === 'ClusterRole');
  const out = new Set<string>();
  for (const { file, obj } of objects.filter(({ obj }) => obj?.kind === 'RoleBinding' || obj?.kind === 'ClusterRoleBinding')) {
    const ns = obj.kind === 'RoleBinding' ? obj.metadata.namespace : '*';
    const role = roles.find(
      (r) => r.obj.kind === obj.roleRef.kind && r.obj.metadata.name === obj.roleRef.name && (r.obj.kind === 'ClusterRole' || r.obj.metadata.namespace === ns),
    );
    expect({ binding: file, roleFound: role !== undefined }).toEqual({ binding: file, roleFound: true });
    for (const s of obj.subjects) {
      for (const rule of role!.obj.rules) {
        for (const g of rule.apiGroups) {
          for (const res of rule.resources) {
            for (const verb of rule.verbs) {
              out.add([s.kind, s.namespace ?? '', s.name, ns, g, res, (rule.resourceNames ?? []).join('|'), verb, file, role!.file].join(' '));
            }
          }
        }
      }
    }
  }
  return out;
}

/** The grants the committed access-review.csv states, expanded back into the same tuples. */
function csvGrants(): Set<string> {
  const out = new Set<string>();
  for (const row of readCsv(path.join(DIST, 'compliance', 'access-review.csv'))) {
    for (const entry of row.permissions.split('; ')) {
      const [resourcePart, verbs] = entry.split('=');
      const [withGroup, names = ''] = resourcePart.split(':');
      const [baseAndGroup, sub] = withGroup.split('/');
      const dot = baseAndGroup.indexOf('.');
      const base = dot < 0 ? baseAndGroup : baseAndGroup.slice(0, dot);
      const group = dot < 0 ? '' : baseAndGroup.slice(dot + 1);
      for (const verb of verbs.split(',')) {
        out.add([row.subject_kind, row.subject_namespace, row.subject_name, row.namespace, group, sub ? `${base}/${sub}` : base, names, verb, row.binding_file, row.role_file].join(' '));
      }
    }
  }
  return out;
}

describe('access review evidence (compliance/access-review.csv)', () => {
  test('the rows of dist/ match the emitted RBAC exactly, resolved independently from the Role and ClusterRole rules', () => {
    const expected = independentGrants();
    expect(expected.size).toBeGreaterThan(100);
    expect([...csvGrants()].sort()).toEqual([...expected].sort());
  });

  test('one row per subject × namespace × binding, with owners from the profile and empty sign-off columns', () => {
    const rows = readCsv(path.join(DIST, 'compliance', 'access-review.csv'));
    expect(Object.keys(rows[0])).toEqual([...ACCESS_REVIEW_COLUMNS]);
    const bindings = distObjects().filter(({ obj }) => obj?.kind === 'RoleBinding' || obj?.kind === 'ClusterRoleBinding');
    expect(rows).toHaveLength(bindings.reduce((n, b) => n + b.obj.subjects.length, 0));
    for (const r of rows) expect([r.reviewer, r.decision, r.reviewed_on]).toEqual(['', '', '']);
    const ci = rows.filter((r) => r.subject_name === 'ci-deployer');
    expect(ci.map((r) => [r.namespace, r.role_name, r.write_access, r.owner])).toEqual([
      ['checkout', 'hardline-deployer', 'yes', 'platform-ci@acme.example'],
      ['payments', 'hardline-deployer', 'yes', 'platform-ci@acme.example'],
    ]);
    const sreCluster = rows.find((r) => r.subject_name === 'oidc:acme-sre' && r.namespace === '*')!;
    expect(sreCluster).toMatchObject({ role_kind: 'ClusterRole', write_access: 'no', owner: 'sre-leads@acme.example' });
    // Write access in production always has an owner.
    const prod = new Set(['payments', 'checkout', 'legacy-billing']);
    for (const r of rows.filter((x) => x.write_access === 'yes' && prod.has(x.namespace) && x.subject_kind !== 'User')) expect(r.owner).not.toBe('');
  });

  test('the report carries the same rows (JSON) and an access review section (Markdown)', () => {
    const profile = defaultProfile();
    const { objects } = renderProfile(profile);
    const report = buildReport(profile, objects);
    expect(renderAccessReviewCsv(report.accessReview)).toBe(fs.readFileSync(path.join(DIST, 'compliance', 'access-review.csv'), 'utf8'));
    const md = renderMarkdown(report);
    expect(md).toContain('## Access review');
    expect(md).toMatch(/\| ServiceAccount payments\/ci-deployer \| payments \| Role hardline-deployer \| yes \| platform-ci@acme\.example \|/);
    const html = renderHtml(report);
    expect(html).toContain('<table id="access-review">');
    expect((html.match(/<tr><td>(ServiceAccount|Group|User) /g) ?? []).length).toBe(report.accessReview.length);
  });

  test('effective permissions are the union of the rules, per resource, group, subresource and names', () => {
    expect(
      effectivePermissions([
        { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['watch', 'get'] },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch'] },
        { apiGroups: [''], resources: ['configmaps'], resourceNames: ['b', 'a'], verbs: ['get'] },
      ]),
    ).toEqual({ text: 'configmaps:a|b=get; deployments.apps=patch; pods=get,list,watch; pods/log=get,list', write: true });
    expect(effectivePermissions([{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }]).write).toBe(false);
  });

  test('a RoleBinding to a ClusterRole is resolved through the ClusterRole; an unknown role gives no permissions, never invented ones', () => {
    const obj = (file: string, manifest: any): RenderedObject => ({ file, kustomize: true, manifest });
    const objects = [
      obj('c.yaml', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'view-x' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] }),
      obj('b.yaml', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'b', namespace: 'team' },
        roleRef: { kind: 'ClusterRole', name: 'view-x' },
        subjects: [{ kind: 'User', name: 'alice' }],
      }),
      obj('d.yaml', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: 'd', namespace: 'team' },
        roleRef: { kind: 'Role', name: 'missing' },
        subjects: [{ kind: 'Group', name: 'g' }],
      }),
    ];
    const rows = accessReviewRows(defaultProfile(), objects);
    expect(rows.map((r) => [r.subjectName, r.namespace, r.permissions, r.roleFile])).toEqual([
      ['g', 'team', '', ''],
      ['alice', 'team', 'pods=get', 'c.yaml'],
    ]);
  });
});
