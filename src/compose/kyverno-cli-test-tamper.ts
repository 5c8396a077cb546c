/**
 * The tamper protection (HL-ADM-010) part of the shipped Kyverno CLI test. `kyverno test` takes one
 * request user per Test (`userinfo`) and an admission operation per result (`operation: UPDATE |
 * DELETE`), so each identity gets its own Test under `tests/tamper-protection/<n>-<identity>/`: every
 * identity the policy allows passes UPDATE and DELETE of an object hardline manages, an identity it
 * does not allow fails them, and an object without `compliance.hardline.dev/controls` is skipped.
 */
import { Yaml } from 'cdk8s';
import { ANNOTATIONS } from '../../constructs/_annotate-controls';
import { KyvernoTamperProtectionPolicy } from '../../constructs/kyverno-tamper-protection-policy';
import { Json } from '../admission';

/** Folder of the tamper protection Tests, under the tests folder. */
export const TAMPER_FOLDER = 'tamper-protection';

/** The user name the tamper Tests use for someone the policy does not allow. */
export function outsiderOf(allowed: readonly string[]): string {
  let name = 'hardline-test:not-a-gitops-identity';
  while (allowed.includes(name)) name += '-x';
  return name;
}

/** A NetworkPolicy in `namespace`, managed by hardline (carrying its controls annotation) or not. */
function networkPolicy(name: string, namespace: string, managed: boolean): Json {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace, ...(managed ? { annotations: { [ANNOTATIONS.controls]: 'HL-NET-001' } } : {}) },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };
}

/** The tamper protection Test files (without header), keyed by output path under `testsFolder`. */
export function tamperProtectionTestFiles(testsFolder: string, profileName: string, policy: KyvernoTamperProtectionPolicy, namespace: string): Map<string, string> {
  const kind = String(policy.apiObject.kind);
  const validating = kind === 'ValidatingPolicy';
  const managed = networkPolicy('hl-test-managed', namespace, true);
  const unmanaged = networkPolicy('hl-test-unmanaged', namespace, false);
  const folder = `${testsFolder}/${TAMPER_FOLDER}`;
  const files = new Map<string, string>([[`${folder}/resources.yaml`, Yaml.stringify(managed, unmanaged)]]);
  const identities = [...policy.allowed.map((u) => ({ user: u, allowed: true })), { user: outsiderOf(policy.allowed), allowed: false }];
  identities.forEach(({ user, allowed }, i) => {
    const slug = user.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 50).replace(/^-+|-+$/g, '');
    const dir = `${folder}/${String(i + 1).padStart(2, '0')}-${slug}`;
    const result = (operation: string, o: Json, outcome: string) => ({
      ...(validating ? { isValidatingPolicy: true } : {}),
      kind: o.kind,
      operation,
      policy: policy.name,
      ...(validating ? {} : { rule: policy.name }),
      resources: [o.metadata.name],
      result: outcome,
    });
    const results = ['UPDATE', 'DELETE'].flatMap((op) => [result(op, managed, allowed ? 'pass' : 'fail'), result(op, unmanaged, 'skip')]);
    const test = {
      apiVersion: 'cli.kyverno.io/v1alpha1',
      kind: 'Test',
      metadata: { name: `${profileName}-tamper-protection-${String(i + 1).padStart(2, '0')}` },
      policies: [`../../../${kind.toLowerCase()}-${policy.name}.yaml`],
      resources: ['../resources.yaml'],
      userinfo: 'userinfo.yaml',
      results,
    };
    const userInfo = { apiVersion: 'cli.kyverno.io/v1alpha1', kind: 'UserInfo', metadata: { name: slug || 'user' }, userInfo: { username: user } };
    files.set(`${dir}/kyverno-test.yaml`, Yaml.stringify(test));
    files.set(`${dir}/userinfo.yaml`, Yaml.stringify(userInfo));
  });
  return files;
}
