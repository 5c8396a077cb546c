import * as fs from 'fs';
import * as path from 'path';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { dns1123LabelProblem } from '../../../constructs/_names';
import { HardlineError, OutputError } from '../../errors';
import { profileSchemaPath } from '../../package-root';
import { PROVIDERS, starterProfile } from '../../profile/starter-profile';
import { CliIo } from '../io';

/** `hardline init`: writes a commented starter profile, never over an existing file. */
export function initCommand(io: CliIo): Command {
  return new Command('init')
    .description('write a commented starter profile (first line: a yaml-language-server $schema reference); never overwrites a file')
    .option('-n, --name <name>', 'profile and cluster name, a DNS-1123 label', parseName, 'my-cluster')
    .addOption(new Option('--provider <provider>', 'where the cluster runs (changes the comments on who owns the control plane)').choices(PROVIDERS).default('generic' as const))
    .option('-o, --out <file>', 'file to write (default: profiles/<name>.yaml)')
    .action((opts) => {
      const file = opts.out ?? path.join('profiles', `${opts.name}.yaml`);
      const schema = profileSchemaPath();
      const rel = path.relative(path.dirname(path.resolve(file)), schema).split(path.sep).join('/');
      const text = starterProfile({ name: opts.name, provider: opts.provider, schemaRef: rel.startsWith('.') ? rel : `./${rel}` });
      try {
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        fs.writeFileSync(file, text, { flag: 'wx' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new HardlineError(`${file} already exists; init never overwrites a file`, { code: 'EXISTS', hint: 'name another file with --out, or edit the existing profile' });
        throw new OutputError(`cannot write ${file} (${code ?? String(e)})`);
      }
      io.stdout(`wrote ${file}; check it with \`hardline validate --profile ${file}\`\n`);
    });
}

function parseName(value: string): string {
  const problem = dns1123LabelProblem(value);
  if (problem) throw new InvalidArgumentError(problem);
  return value;
}
