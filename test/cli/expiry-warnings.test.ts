/** synth and validate warn on stderr (and exit 0) about exceptions expiring within 30 days. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../helpers/cli';
import { profileYaml } from '../helpers/synth';

const profile = (expires: string) =>
  profileYaml({
    namespaces: '    - name: legacy\n      tier: production\n      podSecurity: baseline',
    exceptions: `    - { control: HL-POD-001, namespaces: [legacy], reason: "vendor image runs as root (SEC-1)", owner: platform@acme.example, approvedBy: ciso@acme.example, ticket: SEC-1, scope: namespace, expires: ${expires} }`,
  });

describe('exception expiry warnings', () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hardline-expiry-'))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(['synth', 'validate'])('%s warns 30 days ahead and on the last day, exits 0, and says nothing 31 days ahead', async (command) => {
    const file = path.join(dir, `${command}.yaml`);
    const out = ['--out', path.join(dir, `out-${command}`)];
    fs.writeFileSync(file, profile('2026-12-23'));
    const extra = command === 'synth' ? out : [];
    const soon = await cli(command, '--profile', file, '--date', '2026-11-23', ...extra);
    expect(soon.code).toBe(0);
    expect(soon.stderr).toBe(
      'warning: profile "test-profile": the exception for HL-POD-001 (namespaces legacy) expires in 30 days (2026-12-23); ' +
        'platform@acme.example should renew it with a new reason and expiry, or remove it, before synth starts failing\n',
    );
    const lastDay = await cli(command, '--profile', file, '--date', '2026-12-23', ...extra);
    expect([lastDay.code, lastDay.stderr]).toEqual([0, expect.stringMatching(/HL-POD-001 \(namespaces legacy\) expires today/)]);
    const later = await cli(command, '--profile', file, '--date', '2026-11-22', ...extra);
    expect([later.code, later.stderr]).toEqual([0, '']);
  });
});
