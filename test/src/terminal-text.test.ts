import { escapeTerminalOutput, escapeTerminalText, restoreStyles, styleMark } from '../../src/terminal-text';
import { cli } from '../helpers/cli';

describe('terminal text: control characters are shown, never sent', () => {
  test.each([
    ['ESC (colours, cursor, title)', 'a\u001b[2Jb\u001b]0;x\u0007', 'a\\u001b[2Jb\\u001b]0;x\\u0007'],
    ['CR (overwrites the line)', 'ok\rFAIL', 'ok\\rFAIL'],
    ['NUL and DEL', 'a\u0000b\u007f', 'a\\u0000b\\u007f'],
    ['C1 controls (CSI)', 'a\u009bb', 'a\\u009bb'],
    ['bidirectional overrides', 'a\u202eb\u2066c', 'a\\u202eb\\u2066c'],
    ['line separators', 'a\u2028b', 'a\\u2028b'],
    ['tab', 'a\tb', 'a\\tb'],
    ['plain text with Unicode', 'équipe 財務 ✓', 'équipe 財務 ✓'],
  ])('%s', (_, text, expected) => {
    expect(escapeTerminalText(text)).toBe(expected);
    expect(escapeTerminalOutput(text)).toBe(expected);
  });

  test('a newline is escaped inside one message, kept between the lines of output', () => {
    expect(escapeTerminalText('a\nb')).toBe('a\\nb');
    expect(escapeTerminalOutput('a\nb\n')).toBe('a\nb\n');
  });

  test('the CLI escapes what it echoes back (an unknown explain ID with ESC)', async () => {
    const r = await cli('explain', 'HL-\u001b[31mX');
    expect(r.stdout + r.stderr).toContain('\\u001b[31m');
    expect(r.stdout + r.stderr).not.toMatch(/\u001b/);
  });
});

describe('hardline colour survives escaping; user text cannot colour or move the terminal', () => {
  test('styleMark sequences become SGR after escapeTerminalOutput, raw ESC in user text stays escaped', () => {
    const user = 'evil\u001b[2Jname';
    const out = restoreStyles(escapeTerminalOutput(`${styleMark(31)}error${styleMark(0)}: ${user}`));
    expect(out).toBe('\u001b[31merror\u001b[0m: evil\\u001b[2Jname');
  });

  test('only hardline’s own codes are restored', () => {
    expect(restoreStyles(`${styleMark(8)}hidden`)).toBe('\ue000[8mhidden');
  });
});
