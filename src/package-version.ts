/** The version of the installed hardline package. */
import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from './package-root';

/** `version` of hardline's package.json. */
export function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
