// `npm run package [-- --env dev]`: builds build/appPackage/appPackage.<env>.zip from manifest/ and env/.env.<env>.

import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildAppPackage } from './appPackage/buildAppPackage.js';
import { parseEnvFile } from './appPackage/placeholders.js';

const ROOT = join(import.meta.dirname, '..');

function fail(lines: readonly string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(1);
}

/**
 * The placeholder values: the env file, with the process environment taking precedence so CI can set
 * values without writing a file. Empty values are dropped, so an empty line in the file counts as unset.
 */
function loadVariables(envFile: string): Record<string, string> {
  const fromFile = existsSync(envFile)
    ? parseEnvFile(readFileSync(envFile, 'utf8'), relative(process.cwd(), envFile))
    : { variables: {}, problems: [] };
  if (fromFile.problems.length > 0) fail(fromFile.problems);
  const fromProcess = Object.entries(process.env).filter(
    (entry): entry is [string, string] => !!entry[1],
  );
  return { ...fromFile.variables, ...Object.fromEntries(fromProcess) };
}

function main(): void {
  const { values } = parseArgs({ options: { env: { type: 'string', default: 'local' } } });
  const envName = values.env;
  if (!/^[a-z0-9-]+$/i.test(envName)) fail([`--env must be a name like "local" or "dev"`]);
  const envFile = join(ROOT, 'env', `.env.${envName}`);
  const shownEnvFile = relative(process.cwd(), envFile);
  const source = existsSync(envFile)
    ? `${shownEnvFile} or set it in the environment`
    : `${shownEnvFile} (copy env/.env.local.example to start) or set it in the environment`;

  const result = buildAppPackage({
    manifestDir: join(ROOT, 'manifest'),
    outDir: join(ROOT, 'build', 'appPackage'),
    zipName: `appPackage.${envName}.zip`,
    variables: loadVariables(envFile),
    variablesSource: source,
  });
  if (!result.ok) fail(result.problems);
  process.stdout.write(
    `Built ${relative(process.cwd(), result.zipPath)} (${result.files.join(', ')}): upload it in Teams ` +
      `(Apps > Manage your apps > Upload an app) or in the Teams Developer Portal.\n`,
  );
}

main();
