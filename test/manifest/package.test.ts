// The Teams app package: the committed manifest and icons pass, every problem is named, and the zip is right.

import { expect } from 'chai';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { recognize, type Intent } from '../../dialogs/intents.js';
import { buildAppPackage, type PackageResult } from '../../scripts/appPackage/buildAppPackage.js';
import { parseEnvFile, type Variables } from '../../scripts/appPackage/placeholders.js';
import { encodePng, readPngHeader, type RasterImage } from '../../scripts/appPackage/png.js';

const ROOT = join(import.meta.dirname, '..', '..');
const MANIFEST_DIR = join(ROOT, 'manifest');
const SOURCE = 'env/.env.local or the environment';

const VARIABLES = {
  APP_VERSION: '2.3.4',
  TEAMS_APP_ID: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  BOT_ID: '9f8e7d6c-5b4a-4c3d-8e2f-1a0b9c8d7e6f',
  BOT_DOMAIN: 'ssp.example.com',
} as const;

/** Commands the admin module answers before the user recognizer sees the text (a later issue builds it). */
const ADMIN_COMMANDS: ReadonlySet<string> = new Set(['Get-MSCommerceProductPolicies']);

/** Every command a user can type; each scope's menu should offer all of them. */
const USER_COMMAND_KINDS: readonly Intent['kind'][] = [
  'help',
  'products',
  'eligibility',
  'buy',
  'trial',
  'myPurchases',
  'invoices',
  'requestLicense',
  'cancel',
];

interface Command {
  title: string;
  description: string;
}
interface ManifestJson {
  version: string;
  id: string;
  validDomains: string[];
  bots: { botId: string; commandLists: { scopes: string[]; commands: Command[] }[] }[];
}

const scratch = mkdtempSync(join(tmpdir(), 'ssp-app-package-'));
let runs = 0;

/** Builds from `manifestDir`, by default into a fresh folder of the scratch directory. */
function build(
  variables: Variables,
  manifestDir = MANIFEST_DIR,
  outDir = join(scratch, `out-${++runs}`),
): PackageResult {
  return buildAppPackage({
    manifestDir,
    outDir,
    zipName: 'appPackage.test.zip',
    variables,
    variablesSource: SOURCE,
  });
}

/** A copy of manifest/ with one change, to see what the checks say about it. */
function editedCopy(edit: (dir: string) => void): string {
  const dir = join(scratch, `manifest-${++runs}`);
  cpSync(MANIFEST_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}

function editJson<T>(dir: string, file: string, edit: (json: T) => void): void {
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
  edit(json);
  writeFileSync(join(dir, file), JSON.stringify(json));
}

function image(size: number, channels: 3 | 4): RasterImage {
  return { width: size, height: size, channels, pixels: new Uint8Array(size * size * channels) };
}

function problemsOf(result: PackageResult): readonly string[] {
  expect(result.ok, 'the package should have been refused').to.equal(false);
  return result.ok ? [] : result.problems;
}

const template = JSON.parse(
  readFileSync(join(MANIFEST_DIR, 'manifest.json'), 'utf8'),
) as ManifestJson;
const swedish = JSON.parse(readFileSync(join(MANIFEST_DIR, 'sv-se.json'), 'utf8')) as Record<
  string,
  string
>;

describe('Teams app package', () => {
  after(() => rmSync(scratch, { recursive: true, force: true }));

  describe('the committed manifest', () => {
    it('passes every check once the placeholders are given, and zips the four files filled in', () => {
      const result = build(VARIABLES);
      if (!result.ok) expect.fail(result.problems.join('\n'));
      const zip = unzipSync(readFileSync(result.zipPath));
      expect(Object.keys(zip).sort()).to.deep.equal(
        ['color.png', 'manifest.json', 'outline.png', 'sv-se.json'].sort(),
      );
      const manifest = JSON.parse(strFromU8(zip['manifest.json']!)) as ManifestJson;
      expect(manifest.id).to.equal(VARIABLES.TEAMS_APP_ID);
      expect(manifest.version).to.equal(VARIABLES.APP_VERSION);
      expect(manifest.bots[0]!.botId).to.equal(VARIABLES.BOT_ID);
      expect(manifest.validDomains).to.deep.equal([VARIABLES.BOT_DOMAIN]);
      expect(strFromU8(zip['manifest.json']!) + strFromU8(zip['sv-se.json']!)).not.to.include(
        '${{',
      );
      for (const icon of ['color.png', 'outline.png']) {
        expect(Buffer.from(zip[icon]!).equals(readFileSync(join(MANIFEST_DIR, icon)))).to.equal(
          true,
        );
      }
    });

    it('builds with the values of env/.env.local.example, so the example names every placeholder', () => {
      const example = parseEnvFile(
        readFileSync(join(ROOT, 'env', '.env.local.example'), 'utf8'),
        'env/.env.local.example',
      );
      expect(example.problems).to.deep.equal([]);
      const result = build(example.variables);
      expect(result.ok ? [] : result.problems).to.deep.equal([]);
    });

    it('has icons of the sizes Teams requires, with a transparent outline', () => {
      const color = readPngHeader(readFileSync(join(MANIFEST_DIR, 'color.png')));
      const outline = readPngHeader(readFileSync(join(MANIFEST_DIR, 'outline.png')));
      expect(color).to.include({ width: 192, height: 192 });
      expect(outline).to.include({ width: 32, height: 32, hasTransparency: true });
    });
  });

  describe('a missing variable fails with one line naming it and where to set it', () => {
    for (const name of Object.keys(VARIABLES) as (keyof typeof VARIABLES)[]) {
      for (const value of [undefined, '']) {
        it(`${name} ${value === undefined ? 'unset' : 'empty'}`, () => {
          const result = build({ ...VARIABLES, [name]: value });
          expect(problemsOf(result)).to.deep.equal([
            `${name} is not set: add ${name}=<value> to ${SOURCE}.`,
          ]);
        });
      }
    }
  });

  describe('a wrong icon is reported, and the zip of an earlier build removed', () => {
    const cases: [string, string, Uint8Array, RegExp][] = [
      [
        'an outline of 48x48',
        'outline.png',
        encodePng(image(48, 4)),
        /outline\.png: is 48x48; the outline icon must be 32x32$/,
      ],
      [
        'a color icon of 100x100',
        'color.png',
        encodePng(image(100, 4)),
        /color\.png: is 100x100; the color icon must be 192x192$/,
      ],
      [
        'an outline without alpha',
        'outline.png',
        encodePng(image(32, 3)),
        /outline\.png: has no transparency \(RGB\)/,
      ],
      [
        'an outline that is not a PNG',
        'outline.png',
        Buffer.from('GIF89a'),
        /outline\.png: is not a PNG file$/,
      ],
    ];
    for (const [what, file, bytes, expected] of cases) {
      it(what, () => {
        const earlier = build(VARIABLES);
        if (!earlier.ok) expect.fail(earlier.problems.join('\n'));
        const dir = editedCopy((copy) => writeFileSync(join(copy, file), bytes));
        const problems = problemsOf(build(VARIABLES, dir, dirname(earlier.zipPath)));
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(expected);
        expect(existsSync(earlier.zipPath), 'a stale zip is left to upload').to.equal(false);
      });
    }
  });

  describe('a wrong manifest field is reported with its path', () => {
    const cases: [string, Variables, (dir: string) => void, string[]][] = [
      [
        'bad values from the environment, all at once',
        {
          ...VARIABLES,
          APP_VERSION: '1.0',
          BOT_ID: 'my-bot',
          BOT_DOMAIN: 'https://ssp.example.com',
        },
        () => {},
        [
          'version: must be a version like 1.0.0',
          'bots[0].botId: must be a GUID',
          'validDomains[0]: must be a domain like bot.example.com, without https://',
        ],
      ],
      [
        'a command title longer than 32 characters and an 11th command',
        VARIABLES,
        (dir) =>
          editJson<ManifestJson>(dir, 'manifest.json', (m) => {
            const list = m.bots[0]!.commandLists[0]!;
            list.commands[0]!.title = 'can I buy Power BI Premium Per User?';
            list.commands.push({ title: 'hello', description: 'Say hello' });
          }),
        [
          'bots[0].commandLists[0].commands[0].title: must be at most 32 characters',
          'bots[0].commandLists[0].commands: must have at most 10 commands',
        ],
      ],
      [
        'a bot scope without a command list',
        VARIABLES,
        (dir) =>
          editJson<ManifestJson>(dir, 'manifest.json', (m) => {
            m.bots[0]!.commandLists.pop();
          }),
        ['bots[0].commandLists: the "groupChat" scope has no command list'],
      ],
      [
        'a command without a Swedish translation',
        VARIABLES,
        (dir) =>
          editJson<Record<string, string>>(dir, 'sv-se.json', (sv) => {
            delete sv['bots[0].commandLists[2].commands[3].description'];
          }),
        ['sv-se.json: bots[0].commandLists[2].commands[3].description: has no translation'],
      ],
    ];
    for (const [what, variables, edit, expected] of cases) {
      it(what, () => {
        const problems = problemsOf(build(variables, editedCopy(edit)));
        expect(problems).to.have.length(expected.length);
        for (const line of expected) {
          expect(
            problems.some((problem) => problem.includes(line)),
            line,
          ).to.equal(true);
        }
      });
    }
  });

  describe('every command in the menus is one the bot understands', () => {
    template.bots[0]!.commandLists.forEach((list, l) => {
      const scope = list.scopes.join(', ');
      const user = list.commands
        .map((command, c) => ({ ...command, c }))
        .filter((command) => !ADMIN_COMMANDS.has(command.title));

      it(`${scope}: offers every user command, read alike in English and Swedish`, () => {
        const kinds = user.map(({ title, c }) => {
          const english = recognize(title);
          const swedishTitle = swedish[`bots[0].commandLists[${l}].commands[${c}].title`] ?? '';
          expect(english.kind, title).not.to.equal('unknown');
          // Same intent, product and quantity: clicking either language's title starts the same flow.
          expect(recognize(swedishTitle), `${swedishTitle} (${title})`).to.deep.equal(english);
          return english.kind;
        });
        expect([...kinds].sort()).to.deep.equal([...USER_COMMAND_KINDS].sort());
      });
    });

    it('lists the admin command in the personal menu, and leaves it to the admin module', () => {
      const personal = template.bots[0]!.commandLists.find((list) =>
        list.scopes.includes('personal'),
      );
      const titles = personal!.commands.map((command) => command.title);
      for (const admin of ADMIN_COMMANDS) {
        expect(titles).to.include(admin);
        // The user recognizer must not claim it, or a non-admin would start a user flow instead.
        expect(recognize(admin).kind).to.equal('unknown');
      }
    });
  });
});
