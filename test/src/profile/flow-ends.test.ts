import { parseProfile } from '../../../src/profile/load-profile';
import { problems } from '../../helpers/profile-problems';
import { profileYaml, ROOT, TODAY } from '../../helpers/synth';

const parse = (text: string) => parseProfile(text, 'p.yaml', { today: TODAY, baseDir: ROOT });

/** Two namespaces, web (sender) and api (receiver), with the given flow lines. */
const twoNamespaces = (webEgress: string | undefined, apiIngress: string | undefined, extra = '') =>
  profileYaml({
    namespaces: [
      '    - name: api',
      ...(apiIngress ? ['      allow:', `        ingress: [${apiIngress}]`] : []),
      '    - name: web',
      ...(webEgress ? ['      allow:', `        egress: [${webEgress}]`] : []),
    ].join('\n'),
    extra,
  });

const EGRESS = '{ name: to-api, podSelector: { app: web }, to: [{ namespace: api, podSelector: { app: api } }], ports: [{ port: 8443 }] }';
const INGRESS = '{ name: from-web, podSelector: { app: api }, from: [{ namespace: web, podSelector: { app: web } }], ports: [{ port: 8443 }] }';

describe('both ends of a flow between managed namespaces (issue 15)', () => {
  test('a flow declared at both ends loads', () => {
    expect(() => parse(twoNamespaces(EGRESS, INGRESS))).not.toThrow();
  });

  test('an ingress wider than the egress (all pods of api, from any pod of web) admits it', () => {
    expect(() => parse(twoNamespaces(EGRESS, '{ name: from-web, from: [{ namespace: web }], ports: [{ port: 8443 }, { port: 9090 }] }'))).not.toThrow();
  });

  test('an egress without the matching ingress is a located error naming both ends', () => {
    expect(problems(() => parse(twoNamespaces(EGRESS, undefined)))).toEqual([
      'p.yaml:10:66: spec.namespaces[1].allow.egress[0].to[0]: egress "to-api" from "web" (pods app=web) to "api" (pods app=api) on TCP 8443 ' +
        'has no matching ingress in namespace "api", so default-deny there drops it; declare an ingress flow in "api" from namespace "web" ' +
        '(podSelector app=web) on those ports for pods app=api (both ends of a flow are declared)',
    ]);
  });

  test('an ingress without the matching egress is a located error naming both ends', () => {
    expect(problems(() => parse(twoNamespaces(undefined, INGRESS)))).toEqual([
      'p.yaml:9:71: spec.namespaces[0].allow.ingress[0].from[0]: ingress "from-web" into "api" (pods app=api) from "web" (pods app=web) on TCP 8443 ' +
        'has no matching egress in namespace "web", so default-deny there never lets it out; declare an egress flow in "web" to namespace "api" ' +
        'on one of those ports (both ends of a flow are declared)',
    ]);
  });

  test.each([
    ['another port', INGRESS.replace('8443', '9443'), /egress "to-api" .* on TCP 8443 has no matching ingress/],
    ['another protocol', INGRESS.replace('{ port: 8443 }', '{ port: 8443, protocol: UDP }'), /egress "to-api" .* on TCP 8443 has no matching ingress/],
    ['narrower receiving pods', INGRESS.replace('podSelector: { app: api }', 'podSelector: { app: api, tier: gold }'), /egress "to-api" .* has no matching ingress/],
    ['narrower sending pods', INGRESS.replace('podSelector: { app: web }', 'podSelector: { app: web, role: batch }'), /egress "to-api" .* has no matching ingress/],
    ['the wrong source namespace', INGRESS.replace('namespace: web', 'namespace: api'), /egress "to-api" .* has no matching ingress/],
  ])('an ingress on %s does not admit the egress', (_what, ingress, message) => {
    const lines = problems(() => parse(twoNamespaces(EGRESS, ingress)));
    expect(lines.some((l) => message.test(l))).toBe(true);
  });

  test('each port may be admitted by a different ingress flow', () => {
    const egress = EGRESS.replace('[{ port: 8443 }]', '[{ port: 8443 }, { port: 9090 }]');
    const metrics = INGRESS.replace('from-web', 'metrics').replace('8443', '9090');
    expect(() => parse(twoNamespaces(egress, `${INGRESS}, ${metrics}`))).not.toThrow();
    expect(problems(() => parse(twoNamespaces(egress, INGRESS)))).toEqual([expect.stringMatching(/egress "to-api" .* on TCP 9090 has no matching ingress/)]);
  });

  test('flows inside one namespace need both ends too', () => {
    const ns = (allow: string) => profileYaml({ namespaces: `    - name: web\n      allow: { ${allow} }` });
    const egress = 'egress: [{ name: to-cache, podSelector: { app: web }, to: [{ podSelector: { app: cache } }], ports: [{ port: 6379 }] }]';
    const ingress = 'ingress: [{ name: from-web, podSelector: { app: cache }, from: [{ podSelector: { app: web } }], ports: [{ port: 6379 }] }]';
    expect(() => parse(ns(`${egress}, ${ingress}`))).not.toThrow();
    expect(problems(() => parse(ns(egress)))).toEqual([expect.stringMatching(/egress "to-cache" from "web" \(pods app=web\) to "web" \(pods app=cache\)/)]);
  });

  test('peers in external namespaces and IP blocks need nothing at the other end', () => {
    const text = twoNamespaces(
      '{ name: to-prom, to: [{ namespace: monitoring }], ports: [{ port: 9090 }] }, { name: out, to: [{ cidr: 203.0.113.0/24 }], ports: [{ port: 443 }] }',
      '{ name: from-lb, from: [{ cidr: 10.0.0.0/24 }, { namespace: ingress-nginx }], ports: [{ port: 8080 }] }',
    ).replace('kubernetesVersion: "1.28" }', 'kubernetesVersion: "1.28", externalNamespaces: [monitoring, ingress-nginx] }');
    expect(() => parse(text)).not.toThrow();
  });

  test('a flow with problems of its own is not reported again as one-sided', () => {
    const bad = EGRESS.replace('{ port: 8443 }', '{ port: "Not_Named" }');
    expect(problems(() => parse(twoNamespaces(bad, undefined)))).toEqual([expect.stringMatching(/"Not_Named" is not a named port/)]);
  });
});
