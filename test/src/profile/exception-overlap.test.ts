import { parseProfile } from '../../../src/profile/load-profile';
import { profileYaml, ROOT, TODAY } from '../../helpers/synth';
import { problems } from '../../helpers/profile-problems';

const NAMESPACES = ['    - { name: a, tier: staging }', '    - { name: b, tier: staging }'].join('\n');
const ex = (control: string, namespaces?: string[]) =>
  `    - { control: ${control},${namespaces ? ` namespaces: [${namespaces.join(', ')}],` : ''} reason: "vendor image runs as root (SEC-1)", owner: me@acme.example, expires: 2027-06-30 }`;
const parse = (...exceptions: string[]) => parseProfile(profileYaml({ namespaces: NAMESPACES, exceptions: exceptions.join('\n') }), 'p.yaml', { today: TODAY, baseDir: ROOT });

describe('overlapping exceptions: one reason, owner and expiry per control and namespace', () => {
  test('exceptions for one control in different namespaces, or for different controls, are fine', () => {
    expect(parse(ex('HL-POD-001', ['a']), ex('HL-POD-001', ['b']), ex('HL-QTA-003', ['a'])).exceptions).toHaveLength(3);
  });

  test('the same control and namespace twice is located at the second, naming the first', () => {
    expect(problems(() => parse(ex('HL-POD-001', ['a']), ex('HL-POD-001', ['b', 'a'])))).toEqual([
      expect.stringMatching(/^p\.yaml:11:\d+: spec\.exceptions\[1\]\.namespaces\[1\]: HL-POD-001 is already excepted for namespace "a" at p\.yaml:10; one exception per control and namespace/),
    ]);
  });

  test('a namespace listed twice in one exception', () => {
    expect(problems(() => parse(ex('HL-POD-001', ['a', 'a'])))).toEqual([
      expect.stringMatching(/spec\.exceptions\[0\]\.namespaces\[1\]: namespace "a" is listed twice in this exception/),
    ]);
  });

  test.each([
    ['cluster-wide first', [ex('HL-POD-001'), ex('HL-POD-001', ['a'])], /spec\.exceptions\[1\]\.namespaces\[0\]: HL-POD-001 is already excepted for namespace "a" at p\.yaml:10/],
    ['scoped first', [ex('HL-POD-001', ['a']), ex('HL-POD-001')], /spec\.exceptions\[1\]\.control: HL-POD-001 is already excepted at p\.yaml:10; a cluster-wide exception covers every namespace/],
    ['two cluster-wide', [ex('HL-POD-001'), ex('HL-POD-001')], /spec\.exceptions\[1\]\.control: HL-POD-001 is already excepted at p\.yaml:10/],
  ])('a cluster-wide and another exception for one control (%s)', (_, exceptions, message) => {
    expect(problems(() => parse(...exceptions))).toEqual([expect.stringMatching(message)]);
  });
});
