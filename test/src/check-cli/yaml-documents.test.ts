import { parseYamlDocuments, YamlStreamError } from '../../../src/check-cli/yaml-documents';

describe('parseYamlDocuments: multi-document streams with positions', () => {
  test('each document starts at its first node, after --- and comments; empty documents are null', () => {
    const text = '---\n# Source: a.yaml\napiVersion: v1\nkind: A\n---\n---\n  # indented comment\n  kind: B\n';
    const docs = parseYamlDocuments(text, 'x.yaml');
    expect(docs.map((d) => d.value)).toEqual([{ apiVersion: 'v1', kind: 'A' }, null, { kind: 'B' }]);
    expect(docs[0].start).toEqual({ line: 3, column: 1 });
    expect(docs[2].start).toEqual({ line: 8, column: 3 });
  });

  test('a collection value is located at its key, a scalar at its value, a missing field at its nearest parent', () => {
    const text = 'spec:\n  containers:\n    - name: app\n      image: "nginx:1"\n      securityContext:\n        privileged: true\n';
    const [doc] = parseYamlDocuments(text, 'x.yaml');
    expect(doc.locate('/spec/containers')).toEqual({ line: 2, column: 3 });
    expect(doc.locate('/spec/containers/0')).toEqual({ line: 3, column: 7 });
    expect(doc.locate('/spec/containers/0/image')).toEqual({ line: 4, column: 14 });
    expect(doc.locate('/spec/containers/0/securityContext/privileged')).toEqual({ line: 6, column: 21 });
    expect(doc.locate('/spec/containers/0/securityContext/runAsNonRoot')).toEqual({ line: 5, column: 7 });
    expect(doc.locate('/nothing/here')).toEqual({ line: 1, column: 1 });
  });

  test('keys holding / and ~ are escaped as JSON pointers; JSON documents are located too', () => {
    const [doc] = parseYamlDocuments('{"metadata": {"annotations": {"a/b~c": "x"}}}', 'x.json');
    expect(doc.locate('/metadata/annotations/a~1b~0c')).toEqual({ line: 1, column: 40 });
  });

  test('syntax errors and duplicate keys are YamlStreamErrors with a position', () => {
    expect(() => parseYamlDocuments('a: 1\n---\nb: [1\n', 'x')).toThrow(YamlStreamError);
    try {
      parseYamlDocuments('a: 1\na: 2\n', 'x');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(YamlStreamError);
      expect((e as YamlStreamError).position.line).toBe(2);
    }
  });
});
