/**
 * Positions of parsed profile values: every problem message names `file:line:column`, so
 * `locate` must point at the value (or key) in any line of a large file.
 */
import { parseYamlSource } from '../../../src/profile/yaml-source';

/** The 1-based line and column of the `n`-th occurrence (0-based) of `needle` in `text`, found by scanning. */
function scan(text: string, needle: string, n = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

describe('parseYamlSource(...).locate', () => {
  const n = 3000;
  const text = [
    'apiVersion: hardline.dev/v1alpha1',
    'kind: Profile',
    'metadata: { name: big }',
    'spec:',
    '  namespaces:',
    ...Array.from({ length: n }, (_, i) => `    - name: ns-${i}\n      tier: "staging"\n      labels: { team: t-${i} }`),
    '  exceptions: [{ control: HL-POD-001, reason: last line without newline }]',
  ].join('\n');
  const source = parseYamlSource(text, 'big.yaml');

  test('values and keys on the first, middle and last lines of a large file', () => {
    for (const i of [0, 1, 1234, n - 1]) {
      expect(source.locate(`/spec/namespaces/${i}/name`)).toEqual(scan(text, `ns-${i}\n`));
      expect(source.locate(`/spec/namespaces/${i}/tier`, true)).toEqual(scan(text, 'tier:', i));
      // A quoted scalar starts at its opening quote.
      expect(source.locate(`/spec/namespaces/${i}/tier`)).toEqual(scan(text, '"staging"', i));
      expect(source.locate(`/spec/namespaces/${i}/labels/team`)).toEqual(scan(text, `t-${i} }`));
    }
    expect(source.locate('/spec/exceptions/0/reason')).toEqual(scan(text, 'last line'));
    expect(source.locate('/apiVersion')).toEqual({ line: 1, column: 13 });
  });

  test('a pointer to nothing falls back to its nearest parent, and to 1:1 at the top', () => {
    expect(source.locate('/spec/namespaces/7/allow/ingress/0')).toEqual(scan(text, 'name: ns-7\n'));
    expect(source.locate('/nope')).toEqual({ line: 1, column: 1 });
  });

  test('CRLF line ends: columns do not count the carriage return', () => {
    const crlf = parseYamlSource('a: 1\r\nb:\r\n  c: "x"\r\n', 'crlf.yaml');
    expect(crlf.locate('/b/c')).toEqual({ line: 3, column: 6 });
    expect(crlf.locate('/b/c', true)).toEqual({ line: 3, column: 3 });
  });

  test('locating 10,000 problems in a 0.7 MB file takes well under a second (no rescan of the file per problem)', () => {
    const many = 10_000;
    const big = parseYamlSource(
      ['spec:', '  namespaces:', ...Array.from({ length: many }, (_, i) => `    - name: ns-${i}\n      tier: "staging"\n      labels: { team: t-${i} }`)].join('\n'),
      'bigger.yaml',
    );
    big.locate('/spec'); // indexes the positions once
    const started = Date.now();
    for (let i = 0; i < many; i++) big.locate(`/spec/namespaces/${i}/labels/team`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(big.locate(`/spec/namespaces/${many - 1}/labels/team`)).toEqual({ line: 2 + 3 * many, column: 23 });
  });
});
