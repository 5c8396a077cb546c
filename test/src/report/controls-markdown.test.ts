import * as fs from 'fs';
import * as path from 'path';
import { CONTROLS } from '../../../src/controls';
import { renderControlsMarkdown } from '../../../src/report/controls-markdown';
import { IMPLEMENTATIONS } from '../../../src/report/implementations';
import { ROOT } from '../../helpers/synth';

describe('CONTROLS.md', () => {
  const rendered = renderControlsMarkdown(CONTROLS, IMPLEMENTATIONS);

  test('is current (run `npm run docs` if this fails)', () => {
    const committed = fs.readFileSync(path.join(ROOT, 'CONTROLS.md'), 'utf8');
    expect({ current: committed === rendered, hint: 'run `npm run docs`' }).toEqual({ current: true, hint: 'run `npm run docs`' });
  });

  test('lists every control with per-version CIS IDs, SOC 2 IDs and its evidence command', () => {
    for (const c of CONTROLS) {
      expect(rendered).toContain(`## ${c.id}`);
      expect(rendered).toContain(c.evidence);
    }
    expect(rendered).toMatch(/\| \[HL-NS-001\]\(#hl-ns-001\) \| .* \| 5\.7\.1, 5\.7\.4 \| 5\.6\.1, 5\.6\.4 \| 5\.6\.1, 5\.6\.4 \| 5\.6\.1, 5\.6\.4 \| 4\.5\.1, 4\.5\.2 \| 4\.6\.1, 4\.6\.4 \| 4\.6\.1, 4\.6\.3 \| CC6\.1 \| `HardenedNamespace` \|/);
    expect(rendered).toMatch(/not certified by CIS/);
  });

  test('indexes the catalog by SOC 2 criterion and by CIS recommendation, with IDs per version', () => {
    const soc2 = [...new Set(CONTROLS.flatMap((c) => c.soc2.map((s) => s.id)))];
    const index = rendered.slice(rendered.indexOf('## Index by SOC 2 criterion'));
    for (const id of soc2) {
      const row = index.split('\n').find((l) => l.startsWith(`| ${id} |`));
      const expected = CONTROLS.filter((c) => c.soc2.some((s) => s.id === id)).map((c) => c.id);
      expect(row?.match(/HL-[A-Z]+-\d{3}(?=\])/g)).toEqual(expected);
    }
    expect(index).toMatch(/\| 5\.7\.1 \| 5\.6\.1 \| 5\.6\.1 \| 5\.6\.1 \| 4\.5\.1 \| 4\.6\.1 \| 4\.6\.1 \| Create administrative boundaries between resources using namespaces \| .*\[HL-NS-001\]\(#hl-ns-001\)/);
    expect(index).toMatch(/\| 5\.2\.9 \| 5\.2\.9 \| — \| — \| — \| — \| — \| Minimize the admission of containers with added capabilities \|/);
  });
});
