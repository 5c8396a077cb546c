/**
 * Exception ids (issue 14 item 3): stable, from the canonical form, and the short reason objects carry.
 */
import { assertExceptionValid, exceptionId, SHORT_REASON_CHARS, shortReason, withExceptionIds } from '../../../src/controls';

const EX = { control: 'HL-ADM-008', namespaces: ['b', 'a'], reason: 'vendor chart uses the default SA (SEC-8)', owner: 'team@acme.example', expires: '2027-06-30' };

describe('exceptionId', () => {
  test('the control in lower case and 8 hex digits; the same in any key or namespace order', () => {
    const id = exceptionId(EX);
    expect(id).toMatch(/^hl-adm-008-[0-9a-f]{8}$/);
    const reordered = { expires: EX.expires, owner: EX.owner, reason: EX.reason, namespaces: ['a', 'b'], control: EX.control };
    expect(exceptionId(reordered)).toBe(id);
  });

  test('any change to the exception gives another id; a set id wins', () => {
    const id = exceptionId(EX);
    for (const change of [{ reason: `${EX.reason}.` }, { owner: 'other@acme.example' }, { expires: '2027-06-29' }, { namespaces: ['a'] }]) {
      expect(exceptionId({ ...EX, ...change })).not.toBe(id);
    }
    expect(exceptionId({ ...EX, control: 'HL-ADM-007', id })).toBe(id);
  });

  test('identical exceptions get -2, -3 so every id is unique', () => {
    const ids = withExceptionIds([EX, { ...EX }, { ...EX, owner: 'x@acme.example' }, { ...EX }]).map((e) => e.id);
    expect(ids[1]).toBe(`${ids[0]}-2`);
    expect(ids[3]).toBe(`${ids[0]}-3`);
    expect(new Set(ids).size).toBe(4);
  });

  test('the validator refuses an id that is not one (newlines, other shapes)', () => {
    const rules = { today: '2026-12-01' };
    expect(() => assertExceptionValid({ ...EX, id: 'hl-adm-008-0000000g' }, rules)).toThrow(/not an exception id/);
    expect(() => assertExceptionValid({ ...EX, id: 'hl-adm-008-00000000\nx' }, rules)).toThrow(/not an exception id/);
    expect(() => assertExceptionValid({ ...EX, id: exceptionId(EX) }, rules)).not.toThrow();
  });
});

describe('shortReason', () => {
  test(`whole up to ${SHORT_REASON_CHARS} characters`, () => {
    const reason = 'x'.repeat(SHORT_REASON_CHARS);
    expect(shortReason({ ...EX, reason })).toBe(reason);
  });

  test('longer: the first characters (code points, never half a surrogate pair), an ellipsis and the id the report lists it under', () => {
    const reason = `${'x'.repeat(SHORT_REASON_CHARS - 1)}😀${'y'.repeat(500)}`;
    const e = { ...EX, reason };
    const short = shortReason(e);
    expect(short).toBe(`${'x'.repeat(SHORT_REASON_CHARS - 1)}😀… (full reason: exception ${exceptionId(e)} in compliance/report.json)`);
    expect(short.length).toBeLessThan(SHORT_REASON_CHARS + 80);
  });
});
