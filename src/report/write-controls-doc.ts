/** `npm run docs`: regenerates CONTROLS.md from the catalog. */
import * as fs from 'fs';
import * as path from 'path';
import { CONTROLS } from '../controls';
import { packageRoot } from '../package-root';
import { renderControlsMarkdown } from './controls-markdown';
import { IMPLEMENTATIONS } from './implementations';

const target = path.join(packageRoot(), 'CONTROLS.md');
fs.writeFileSync(target, renderControlsMarkdown(CONTROLS, IMPLEMENTATIONS));
process.stdout.write(`wrote ${path.relative(process.cwd(), target) || target}\n`);
