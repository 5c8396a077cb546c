import { fieldPointer } from '../../../src/check-cli/field-pointer';

describe('fieldPointer', () => {
  test('dotted paths and indexes become JSON pointers', () => {
    expect(fieldPointer({}, 'spec.template.spec.containers[0].image')).toBe('/spec/template/spec/containers/0/image');
    expect(fieldPointer({}, 'rules[1]')).toBe('/rules/1');
    expect(fieldPointer({}, '')).toBe('');
  });

  test('a key holding dots (an annotation) is matched against the object', () => {
    const obj = { metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } } };
    expect(fieldPointer(obj, 'metadata.annotations.container.apparmor.security.beta.kubernetes.io/app')).toBe(
      '/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1app',
    );
  });
});
