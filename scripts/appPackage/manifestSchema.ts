// The parts of a filled Teams app manifest (v1.22+) and its localization files that Teams rejects when wrong.

import { z } from 'zod';

/**
 * The oldest manifest version accepted: 1.22, current when this was written. Older schemas lack fields Teams
 * now expects, and an old `manifestVersion` is usually a copied sample nobody updated.
 */
export const MIN_MANIFEST_MINOR = 22;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Teams' own version pattern: three numbers without leading zeros, no pre-release suffix. */
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/** A host name, optionally with a leading `*.` wildcard, a port and a path; no scheme. */
const DOMAIN =
  /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d+)?(\/\S*)?$/i;
/** A file at the root of the zip: Teams does not look into folders. */
const ROOT_FILE = /^[^/\\]+$/;

const BOT_SCOPES = ['personal', 'team', 'groupChat'] as const;

const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).max(2048);
const guid = z.string().regex(GUID, 'must be a GUID like 6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b');
const rootFile = (kind: string) =>
  z.string().regex(ROOT_FILE, `must name a ${kind} at the zip's root`);

/**
 * An array with a size limit checked after its items. zod's own `.min()`/`.max()` on an array stop before
 * the items are looked at, which would hide the items' problems behind the count.
 */
function listOf<T extends z.ZodType>(item: T, min: number, max: number, what: string) {
  return z.array(item).superRefine((items, ctx) => {
    if (items.length < min) {
      ctx.addIssue({ code: 'custom', message: `must have at least ${min} ${what}` });
    }
    if (items.length > max) {
      ctx.addIssue({ code: 'custom', message: `must have at most ${max} ${what}` });
    }
  });
}

const commandSchema = z.object({ title: text(32), description: text(128) });

const commandListSchema = z.object({
  scopes: listOf(z.enum(BOT_SCOPES), 1, 3, 'scopes'),
  commands: listOf(commandSchema, 1, 10, 'commands (the most Teams shows in a list)'),
});

const botSchema = z.object({
  botId: guid,
  scopes: listOf(z.enum(BOT_SCOPES), 1, 3, 'scopes'),
  commandLists: listOf(commandListSchema, 0, 3, 'command lists (one per scope)').optional(),
});

/** The manifest after its placeholders are filled; fields not listed here are left to Teams. */
export const manifestSchema = z
  .object({
    $schema: z.string(),
    manifestVersion: z.string().regex(/^1\.\d+$/, 'must look like "1.22"'),
    version: z.string().regex(VERSION, 'must be a version like 1.0.0 (numbers only)'),
    id: guid,
    developer: z.object({
      name: text(32),
      websiteUrl: httpsUrl,
      privacyUrl: httpsUrl,
      termsOfUseUrl: httpsUrl,
    }),
    name: z.object({ short: text(30), full: text(100).optional() }),
    description: z.object({ short: text(80), full: text(4000) }),
    icons: z.object({ color: rootFile('PNG file'), outline: rootFile('PNG file') }),
    accentColor: z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a colour like #0F6CBD'),
    localizationInfo: z
      .object({
        defaultLanguageTag: z.string().min(2),
        additionalLanguages: z
          .array(z.object({ languageTag: z.string().min(2), file: rootFile('JSON file') }))
          .optional(),
      })
      .optional(),
    bots: listOf(botSchema, 1, 1, 'bot'),
    validDomains: listOf(
      z.string().regex(DOMAIN, 'must be a domain like bot.example.com, without https://'),
      1,
      16,
      'domains',
    ),
  })
  .superRefine((manifest, ctx) => {
    const minor = Number(manifest.manifestVersion.split('.')[1]);
    if (minor < MIN_MANIFEST_MINOR) {
      ctx.addIssue({
        code: 'custom',
        path: ['manifestVersion'],
        message: `must be 1.${MIN_MANIFEST_MINOR} or later`,
      });
    }
    const expected = `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`;
    if (manifest.$schema !== expected) {
      ctx.addIssue({ code: 'custom', path: ['$schema'], message: `must be ${expected}` });
    }
    const bot = manifest.bots[0];
    if (bot) checkCommandLists(bot, ctx);
  });

export type Manifest = z.infer<typeof manifestSchema>;

/**
 * Each bot scope has exactly one command list, and no list repeats a title: Teams picks the menu by scope,
 * so a missing list leaves that menu empty and a duplicate makes one of them unreachable.
 */
function checkCommandLists(bot: z.infer<typeof botSchema>, ctx: z.RefinementCtx): void {
  const listed = new Set<string>();
  const problem = (path: PropertyKey[], message: string) =>
    ctx.addIssue({ code: 'custom', path: ['bots', 0, 'commandLists', ...path], message });
  bot.commandLists?.forEach((list, index) => {
    for (const scope of list.scopes) {
      if (!bot.scopes.includes(scope)) {
        problem([index, 'scopes'], `"${scope}" is not one of the bot's scopes`);
      }
      if (listed.has(scope))
        problem([index, 'scopes'], `"${scope}" has more than one command list`);
      listed.add(scope);
    }
    const titles = list.commands.map((command) => command.title.toLowerCase());
    titles.forEach((title, at) => {
      if (titles.indexOf(title) !== at) {
        problem([index, 'commands', at, 'title'], `"${title}" is listed twice`);
      }
    });
  });
  for (const scope of bot.scopes) {
    if (!listed.has(scope)) problem([], `the "${scope}" scope has no command list`);
  }
}

/** `bots[0].commandLists[1].title`: the notation Teams uses in localization files, so paths read the same. */
export function formatPath(path: readonly PropertyKey[]): string {
  const joined = path
    .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
    .join('')
    .replace(/^\./, '');
  return joined || '(the whole file)';
}

/** Every problem in a filled manifest, one line each, prefixed with the file name and the field's path. */
export function checkManifest(
  json: unknown,
  fileName: string,
): { manifest: Manifest; problems: [] } | { manifest?: undefined; problems: string[] } {
  const result = manifestSchema.safeParse(json);
  if (result.success) return { manifest: result.data, problems: [] };
  return {
    problems: result.error.issues.map(
      (issue) => `${fileName}: ${formatPath(issue.path)}: ${issue.message}`,
    ),
  };
}

/** The longest text Teams accepts for each localizable field. */
function maxLength(key: string): number | undefined {
  if (key === 'name.short') return 30;
  if (key === 'name.full') return 100;
  if (key === 'description.short') return 80;
  if (key === 'description.full') return 4000;
  if (/\.commands\[\d+\]\.title$/.test(key)) return 32;
  if (/\.commands\[\d+\]\.description$/.test(key)) return 128;
  return undefined;
}

/** The value at a localization key such as `bots[0].commandLists[0].commands[2].title`. */
function valueAt(json: unknown, key: string): unknown {
  let current = json;
  for (const part of key.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Every localizable string of the manifest: the name, the description and each command. */
function localizableKeys(manifest: Manifest): string[] {
  const keys = ['name.short', 'name.full', 'description.short', 'description.full'];
  manifest.bots[0]?.commandLists?.forEach((list, l) =>
    list.commands.forEach((_command, c) => {
      const prefix = `bots[0].commandLists[${l}].commands[${c}]`;
      keys.push(`${prefix}.title`, `${prefix}.description`);
    }),
  );
  return keys;
}

/**
 * Checks a localization file against the manifest it translates: every key names a text the manifest has,
 * every text of the manifest is translated, and no translation is longer than Teams allows. Keys are looked
 * up in `filled` (the whole manifest), since `manifest` holds only the fields the schema knows.
 */
export function checkLocalization(
  json: unknown,
  fileName: string,
  manifest: Manifest,
  filled: unknown,
): string[] {
  const parsed = z.record(z.string(), z.string()).safeParse(json);
  if (!parsed.success) return [`${fileName}: must be an object of "key": "text" pairs`];
  const problems: string[] = [];
  const expectedSchema = `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.Localization.schema.json`;
  if (parsed.data.$schema !== expectedSchema) {
    problems.push(`${fileName}: $schema: must be ${expectedSchema}`);
  }
  for (const [key, value] of Object.entries(parsed.data)) {
    if (key === '$schema') continue;
    if (typeof valueAt(filled, key) !== 'string') {
      problems.push(`${fileName}: ${key}: the manifest has no text at this path`);
    }
    const max = maxLength(key);
    if (!value.trim()) problems.push(`${fileName}: ${key}: must not be empty`);
    else if (max !== undefined && value.length > max) {
      problems.push(`${fileName}: ${key}: must be at most ${max} characters`);
    }
  }
  for (const key of localizableKeys(manifest)) {
    if (valueAt(filled, key) !== undefined && !(key in parsed.data)) {
      problems.push(`${fileName}: ${key}: has no translation`);
    }
  }
  return problems;
}
