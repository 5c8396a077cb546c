import { Node } from 'constructs';
import { composeProfile } from '../../../src/compose/compose-profile';
import { HardlineError } from '../../../src/errors';
import { collectObjects, composeAndCollect } from '../../../src/synth/collect-objects';
import { fixtureProfile } from '../../helpers/report';
import { defaultProfile, TODAY } from '../../helpers/synth';

describe('composeAndCollect: chart by chart, the same result as the whole app', () => {
  test.each([
    ['the shipped default profile', () => defaultProfile(TODAY)],
    ['the report fixture profile', () => fixtureProfile()],
  ])('%s: same objects, order, manifests and extra files', (_name, profile) => {
    // GIVEN the whole composed app rendered at once
    const whole = composeProfile(profile());
    const expected = collectObjects(whole);
    // WHEN each chart is rendered and dropped as it is composed
    const streamed = composeAndCollect(profile());
    // THEN nothing differs
    expect(streamed.objects).toEqual(expected);
    expect([...streamed.extraFiles]).toEqual([...whole.extraFiles]);
  });

  test('validation problems are all reported, in construct order, exactly as for the whole app', () => {
    // GIVEN a validation that fails on two namespace charts' Namespace constructs
    const original = Node.prototype.validate;
    const spy = jest.spyOn(Node.prototype, 'validate').mockImplementation(function (this: Node) {
      return /ns-(payments|checkout)\/Namespace$/.test(this.path) ? ['broken on purpose'] : original.call(this);
    });
    try {
      const messageOf = (f: () => unknown) => {
        try {
          f();
        } catch (e) {
          expect(e).toBeInstanceOf(HardlineError);
          return (e as Error).message;
        }
        throw new Error('no validation error');
      };
      // WHEN both paths validate
      const whole = messageOf(() => collectObjects(composeProfile(fixtureProfile())));
      const streamed = messageOf(() => composeAndCollect(fixtureProfile()));
      // THEN the messages are the same and name both charts
      expect(streamed).toBe(whole);
      expect(whole.split('\n').filter((l) => l.includes('broken on purpose')).length).toBe(2);
    } finally {
      spy.mockRestore();
    }
  });
});
