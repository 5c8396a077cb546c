import { parseProfile } from '../../../src/profile/load-profile';
import { problems } from '../../helpers/profile-problems';
import { profileYaml, ROOT, TODAY } from '../../helpers/synth';

const NS = [
  '    - { name: payments, serviceAccounts: [{ name: ci }] }',
  '    - { name: web, tier: staging, serviceAccounts: [{ name: ci }] }',
].join('\n');
const parse = (bindings: string[]) =>
  parseProfile(profileYaml({ namespaces: NS, extra: ['  rbac:', '    bindings:', ...bindings].join('\n') }), 'inline.yaml', { today: TODAY, baseDir: ROOT });

describe('access review: owners of write access in production', () => {
  test('a ServiceAccount or Group with deployer or namespace-admin access in production without an owner is a located error', () => {
    const lines = problems(() =>
      parse([
        '      - { namespaces: [payments], access: deployer, subjects: [{ kind: ServiceAccount, name: ci }] }',
        '      - { namespaces: [payments, web], access: namespace-admin, subjects: [{ kind: Group, name: "oidc:admins" }] }',
      ]),
    );
    expect(lines).toEqual([
      expect.stringMatching(/^inline\.yaml:8:\d+: spec\.rbac\.bindings\[0\]\.subjects\[0\]: ServiceAccount "ci" gets deployer access in production \(payments\) but names no owner/),
      expect.stringMatching(/^inline\.yaml:9:\d+: spec\.rbac\.bindings\[1\]\.subjects\[0\]: Group "oidc:admins" gets namespace-admin access in production \(payments\) but names no owner/),
    ]);
  });

  test('read-only access, non-production namespaces and Users (people, reviewed by the identity provider) need no owner', () => {
    expect(() =>
      parse([
        '      - { namespaces: [payments], access: read-only, subjects: [{ kind: Group, name: "oidc:sre" }] }',
        '      - { namespaces: [web], access: deployer, subjects: [{ kind: ServiceAccount, name: ci }] }',
        '      - { namespaces: [payments], access: deployer, subjects: [{ kind: User, name: alice@acme.example }] }',
      ]),
    ).not.toThrow();
  });

  test('one identity named with two different owners is a located error', () => {
    const lines = problems(() =>
      parse([
        '      - { namespaces: [payments], access: deployer, subjects: [{ kind: Group, name: g, owner: a@acme.example }] }',
        '      - { namespaces: [web], access: read-only, subjects: [{ kind: Group, name: g, owner: b@acme.example }] }',
      ]),
    );
    expect(lines).toEqual([expect.stringMatching(/^inline\.yaml:9:\d+: spec\.rbac\.bindings\[1\]\.subjects\[0\]\.owner: Group "g" already has owner "a@acme\.example"/)]);
  });

  test('an owner satisfies the rule and is kept on the subject for the access review', () => {
    const p = parse(['      - { namespaces: [payments], access: deployer, subjects: [{ kind: ServiceAccount, name: ci, owner: ci-team@acme.example }] }']);
    expect(p.rbac!.bindings![0].subjects[0].owner).toBe('ci-team@acme.example');
    expect(problems(() => parse(['      - { namespaces: [payments], access: deployer, subjects: [{ kind: ServiceAccount, name: ci, owner: "" }] }'])).join()).toMatch(
      /subjects\[0\]\.owner/,
    );
  });
});
