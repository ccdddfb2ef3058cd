// Builds the Teams app package: fills the manifest template, checks it and its icons, and zips the result.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { z } from 'zod';
import { checkLocalization, checkManifest } from './manifestSchema.js';
import { fillPlaceholders, type Variables } from './placeholders.js';
import { readPngHeader } from './png.js';

/** The size Teams requires of each icon, in pixels (both are square). */
export const ICON_SIZES = { color: 192, outline: 32 } as const;

/** A fixed timestamp for the zip entries, so the same inputs always give the same bytes. */
const ZIP_TIME = new Date(2020, 0, 1);

export interface PackageOptions {
  /** The folder with manifest.json, its icons and its localization files. */
  readonly manifestDir: string;
  /** Where the zip goes; created when missing. */
  readonly outDir: string;
  readonly zipName: string;
  /** The values for the `${{NAME}}` placeholders. */
  readonly variables: Variables;
  /** Where a person sets a missing variable, e.g. "env/.env.local or the environment". */
  readonly variablesSource: string;
}

export type PackageResult =
  | { readonly ok: true; readonly zipPath: string; readonly files: readonly string[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/** The file names the manifest refers to, read leniently so icons are checked even when the rest is wrong. */
const referencedFilesSchema = z.object({
  icons: z.object({ color: z.string(), outline: z.string() }).partial().optional(),
  localizationInfo: z
    .object({ additionalLanguages: z.array(z.object({ file: z.string() })).optional() })
    .optional(),
});

/**
 * Builds `<outDir>/<zipName>` with the filled manifest.json, the icons and the localization files at its
 * root, or returns every problem found, one line each, so a person can fix them all in one go. A zip left
 * by an earlier build is removed on failure, so nobody uploads a package that no longer matches the sources.
 */
export function buildAppPackage(options: PackageOptions): PackageResult {
  const zipPath = join(options.outDir, options.zipName);
  const assembled = assemble(options);
  if ('problems' in assembled) {
    rmSync(zipPath, { force: true });
    return { ok: false, problems: assembled.problems };
  }
  mkdirSync(options.outDir, { recursive: true });
  const entries: Zippable = {};
  for (const [name, bytes] of assembled.files) entries[name] = [bytes, { mtime: ZIP_TIME }];
  writeFileSync(zipPath, zipSync(entries, { level: 9 }));
  return { ok: true, zipPath, files: [...assembled.files.keys()] };
}

/** The package's files, filled and checked, by their name in the zip; or every problem found. */
function assemble(
  options: PackageOptions,
): { files: Map<string, Uint8Array> } | { problems: readonly string[] } {
  const display = (file: string) => relative(process.cwd(), join(options.manifestDir, file));
  const read = (file: string): Uint8Array | string => {
    const path = join(options.manifestDir, file);
    return existsSync(path) ? readFileSync(path) : `${display(file)}: the file is missing`;
  };
  const readJson = (file: string): { json: unknown } | string => {
    const bytes = read(file);
    if (typeof bytes === 'string') return bytes;
    try {
      return { json: JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown };
    } catch (error) {
      return `${display(file)}: is not valid JSON (${(error as Error).message})`;
    }
  };

  const template = readJson('manifest.json');
  if (typeof template === 'string') return { problems: [template] };
  const references = referencedFilesSchema.safeParse(template.json);
  const languageFiles =
    references.data?.localizationInfo?.additionalLanguages?.map((language) => language.file) ?? [];
  const translations = new Map<string, unknown>();
  for (const file of languageFiles) {
    const translation = readJson(file);
    if (typeof translation === 'string') return { problems: [translation] };
    translations.set(file, translation.json);
  }

  // Fill everything first: with a placeholder left, every later check would only report noise.
  const manifestFill = fillPlaceholders(template.json, options.variables);
  const filledTranslations = new Map<string, unknown>();
  const missing = new Set(manifestFill.missing);
  for (const [file, json] of translations) {
    const fill = fillPlaceholders(json, options.variables);
    fill.missing.forEach((name) => missing.add(name));
    filledTranslations.set(file, fill.filled);
  }
  if (missing.size > 0) {
    return {
      problems: [...missing].map(
        (name) => `${name} is not set: add ${name}=<value> to ${options.variablesSource}.`,
      ),
    };
  }

  const filled = manifestFill.filled;
  const checked = checkManifest(filled, display('manifest.json'));
  const problems = [...checked.problems];
  const files = new Map<string, Uint8Array>();
  files.set('manifest.json', Buffer.from(`${JSON.stringify(filled, null, 2)}\n`));

  for (const role of ['color', 'outline'] as const) {
    const file = references.data?.icons?.[role];
    if (!file) continue; // Reported by the schema check.
    const bytes = read(file);
    if (typeof bytes === 'string') problems.push(bytes);
    else {
      problems.push(...checkIcon(role, display(file), bytes));
      files.set(file, bytes);
    }
  }
  for (const [file, json] of filledTranslations) {
    if (checked.manifest) {
      problems.push(...checkLocalization(json, display(file), checked.manifest, filled));
    }
    files.set(file, Buffer.from(`${JSON.stringify(json, null, 2)}\n`));
  }
  return problems.length > 0 ? { problems } : { files };
}

/** Checks an icon's size, and that the outline icon can be transparent (Teams draws it over its own colour). */
export function checkIcon(
  role: keyof typeof ICON_SIZES,
  fileName: string,
  bytes: Uint8Array,
): string[] {
  const header = readPngHeader(bytes);
  if (typeof header === 'string') return [`${fileName}: ${header}`];
  const size = ICON_SIZES[role];
  const problems: string[] = [];
  if (header.width !== size || header.height !== size) {
    problems.push(
      `${fileName}: is ${header.width}x${header.height}; the ${role} icon must be ${size}x${size}`,
    );
  }
  if (role === 'outline' && !header.hasTransparency) {
    problems.push(
      `${fileName}: has no transparency (${header.colorTypeName}); the outline icon must be white on transparent`,
    );
  }
  return problems;
}
