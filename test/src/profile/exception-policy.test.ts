import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProfile, parseProfile } from '../../../src/profile/load-profile';
import { problems } from '../../helpers/profile-problems';
import { ROOT, TODAY } from '../../helpers/synth';

const profile = (lines: string[]) =>
  ['apiVersion: hardline.dev/v1alpha1', 'kind: Profile', 'metadata: { name: p }', ...lines, ''].join('\n');

describe('spec.exceptionPolicy and weakening across extends', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-exception-policy-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('an extending profile may lower maxDays but never raise it; the limit reaches the resolved profile', () => {
    fs.writeFileSync(path.join(dir, 'base.yaml'), profile(['spec:', '  exceptionPolicy: { maxDays: 30 }']));
    fs.writeFileSync(
      path.join(dir, 'lower.yaml'),
      profile(['extends: [base.yaml]', 'spec:', '  cluster: { name: c, kubernetesVersion: "1.28" }', '  exceptionPolicy: { maxDays: 7 }', '  namespaces: [{ name: a }]']),
    );
    expect(loadProfile(path.join(dir, 'lower.yaml'), { today: TODAY }).maxExceptionDays).toBe(7);
    fs.writeFileSync(
      path.join(dir, 'raise.yaml'),
      profile(['extends: [base.yaml]', 'spec:', '  cluster: { name: c, kubernetesVersion: "1.28" }', '  exceptionPolicy: { maxDays: 200 }', '  namespaces: [{ name: a }]']),
    );
    expect(problems(() => loadProfile(path.join(dir, 'raise.yaml'), { today: TODAY }))).toEqual([
      expect.stringMatching(/raise\.yaml:7:31: spec\.exceptionPolicy\.maxDays: 200 days would raise the exception lifetime limit of 30 days .*only lower it/),
    ]);
  });

  test('maxDays above 365 (unlimited) is a schema error', () => {
    const text = profile(['spec:', '  cluster: { name: c, kubernetesVersion: "1.28" }', '  exceptionPolicy: { maxDays: 100000 }', '  namespaces: [{ name: a }]']);
    expect(problems(() => parseProfile(text, 'p.yaml', { today: TODAY, baseDir: ROOT }))[0]).toMatch(/spec\.exceptionPolicy\.maxDays: must be <= 365/);
  });

  test('HL-POD-003: lowering development audit below the soc2 base (restricted) is refused at the leaf, and accepted with an exception naming the namespace', () => {
    const lines = (exceptions: string[]) =>
      profile([
        'extends: [soc2]',
        'spec:',
        '  cluster: { name: c, kubernetesVersion: "1.28" }',
        '  tiers:',
        '    development: { podSecurity: { audit: baseline } }',
        '  namespaces: [{ name: sandbox, tier: development }]',
        ...exceptions,
      ]);
    expect(problems(() => parseProfile(lines([]), 'p.yaml', { today: TODAY, baseDir: ROOT }))).toEqual([
      expect.stringMatching(/^p\.yaml:8:42: spec\.tiers\.development\.podSecurity\.audit: development audit "baseline" is below "restricted".*"sandbox" \(HL-POD-003\)/),
    ]);
    const excepted = lines(['  exceptions:', '    - { control: HL-POD-003, namespaces: [sandbox], reason: "noisy audit log during the migration (OPS-3)", owner: ops@acme.example, expires: 2027-03-31 }']);
    expect(parseProfile(excepted, 'p.yaml', { today: TODAY, baseDir: ROOT }).tiers.development.audit).toBe('baseline');
  });
});
