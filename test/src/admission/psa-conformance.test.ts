/**
 * The rule model against Kubernetes' own Pod Security Admission conformance data: every Pod of
 * k8s.io/pod-security-admission `test/testdata/<level>/v1.<minor>/{pass,fail}` for 1.28..1.36 must get
 * PSA's verdict from the build-time evaluator and from the rules' CEL (cel-js). The data is read from a
 * local clone (`HARDLINE_PSA_REPO`, a bare or normal git repository); without one the test is skipped
 * with the reason printed. Nothing of upstream is copied into this repository.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'js-yaml';
import { evaluateRules, FIXTURE_PARAMS, podSecurityRulesFor, POD_VARIABLES, SUPPORTED_MINORS } from '../../../src/admission';
import { admits } from '../../helpers/cel';

const REPO = process.env.HARDLINE_PSA_REPO ?? '/work/.mirror/kubernetes+pod-security-admission/repo';

function extractTestdata(): string | undefined {
  if (!fs.existsSync(REPO)) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'psa-testdata-'));
  try {
    const tar = execFileSync('git', ['-C', REPO, 'archive', '--format=tar', 'HEAD', 'test/testdata'], { maxBuffer: 1 << 28 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    return path.join(dir, 'test', 'testdata');
  } catch {
    return undefined;
  }
}

const testdata = extractTestdata();

if (!testdata) {
  describe('PSA conformance data', () => {
    // eslint-disable-next-line no-console
    console.warn(`skipping PSA conformance: no k8s.io/pod-security-admission clone at ${REPO} (set HARDLINE_PSA_REPO)`);
    test.skip('needs a pod-security-admission clone', () => undefined);
  });
} else {
  const cases = SUPPORTED_MINORS.flatMap((minor) => (['baseline', 'restricted'] as const).map((level) => [level, minor] as const));
  describe('the rule model gives PSA verdicts on upstream conformance data', () => {
    afterAll(() => fs.rmSync(path.dirname(path.dirname(testdata)), { recursive: true, force: true }));
    test.each(cases)('%s at 1.%i', (level, minor) => {
      const rules = podSecurityRulesFor(level, minor);
      const ctx = { minor, params: FIXTURE_PARAMS };
      const mismatches: string[] = [];
      let count = 0;
      for (const outcome of ['pass', 'fail'] as const) {
        const dir = path.join(testdata, level, `v1.${minor}`, outcome);
        for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
          const pod = yaml.load(fs.readFileSync(path.join(dir, file), 'utf8')) as any;
          count++;
          const buildTime = evaluateRules(rules, { metadata: pod.metadata, spec: pod.spec }, ctx).length === 0;
          const cel = rules.every((r) => admits(POD_VARIABLES, r.expression(ctx), pod));
          const want = outcome === 'pass';
          if (buildTime !== want || cel !== want) mismatches.push(`${outcome}/${file}: build-time ${buildTime}, CEL ${cel}`);
        }
      }
      expect(count).toBeGreaterThan(10);
      expect(mismatches).toEqual([]);
    });
  });
}
