// PowerShell's default console output for what a script wrote: host lines, errors, and objects as tables or lists.

import { PsObject, toText, type PsValue } from './psValues.js';

/** One thing a script wrote, in order. */
export type OutputItem =
  /** Write-Host lines such as `Update policy product success`. */
  | { readonly kind: 'host'; readonly text: string }
  /** An error record, already in PowerShell's words (may span lines). */
  | { readonly kind: 'error'; readonly text: string }
  /** A value on the output stream of top-level statement number `statement`. */
  | { readonly kind: 'value'; readonly value: PsValue; readonly statement: number }
  /** What `| Format-Table` or `| Format-List` produced. */
  | {
      readonly kind: 'formatted';
      readonly view: 'table' | 'list';
      readonly properties: readonly string[];
      readonly values: readonly PsValue[];
    };

interface Block {
  readonly lines: readonly string[];
  /** Tables and lists stand apart from the lines around them by a blank line, as in the console. */
  readonly spaced: boolean;
}

/**
 * Renders a script's output as plain text for a monospace block (the caller wraps it).
 *
 * Which view, mirroring §6's examples and PowerShell's rule: objects that one statement writes one after another
 * with nothing in between form a run. A run of one object is a list (`Get-MSCommerceProductPolicy`, and the object
 * after `Update policy product success`). A longer run is a table when the objects have at most four properties
 * (`Get-MSCommerceProductPolicies`), and a list per object with five or more (`-Scope OfferType`), as PowerShell
 * does. `| Format-Table` and `| Format-List` force the view. Tables have a header, a row of dashes as long as
 * each header, columns padded to their widest value, and no trailing spaces.
 */
export function formatOutput(items: readonly OutputItem[]): string {
  const blocks: Block[] = [];
  for (let i = 0; i < items.length;) {
    const item = items[i];
    i++;
    if (!item) continue;
    if (item.kind === 'host' || item.kind === 'error') {
      blocks.push({ lines: item.text.split('\n'), spaced: false });
    } else if (item.kind === 'formatted') {
      blocks.push(...formatted(item.view, item.values, item.properties));
    } else if (!(item.value instanceof PsObject)) {
      blocks.push({ lines: toText(item.value).split('\n'), spaced: false });
    } else {
      const run = [item.value];
      for (let next = items[i]; isSameRun(next, item.statement, item.value); next = items[i]) {
        run.push(next.value);
        i++;
      }
      const asTable = run.length > 1 && item.value.names.length <= 4;
      blocks.push(...(asTable ? [table(run)] : run.map((o) => list(o))));
    }
  }
  const lines: string[] = [];
  blocks.forEach((block, index) => {
    if (index > 0 && (block.spaced || blocks[index - 1]?.spaced)) lines.push('');
    lines.push(...block.lines);
  });
  return lines.map((line) => line.trimEnd()).join('\n');
}

function isSameRun(
  item: OutputItem | undefined,
  statement: number,
  first: PsObject,
): item is { kind: 'value'; value: PsObject; statement: number } {
  return (
    item?.kind === 'value' &&
    item.statement === statement &&
    item.value instanceof PsObject &&
    item.value.names.join('\n') === first.names.join('\n')
  );
}

function formatted(
  view: 'table' | 'list',
  values: readonly PsValue[],
  properties: readonly string[],
): Block[] {
  const objects = values.filter((v): v is PsObject => v instanceof PsObject);
  const scalars = values.filter((v) => !(v instanceof PsObject) && v !== null);
  const blocks: Block[] = scalars.map((v) => ({ lines: [toText(v)], spaced: false }));
  if (objects.length === 0) return blocks;
  if (view === 'table') return [...blocks, table(objects, properties)];
  return [...blocks, ...objects.map((o) => list(o, properties))];
}

/** The columns to show: the requested ones (spelt as the object spells them), else every property of the first. */
function columns(first: PsObject, requested: readonly string[]): string[] {
  if (requested.length === 0) return first.names;
  return requested.map((r) => first.names.find((n) => n.toLowerCase() === r.toLowerCase()) ?? r);
}

/** Format-Table: header, dashes, rows. */
export function table(objects: readonly PsObject[], requested: readonly string[] = []): Block {
  const first = objects[0];
  if (!first) return { lines: [], spaced: true };
  const names = columns(first, requested);
  const rows = objects.map((o) => names.map((n) => toText(o.property(n) ?? null)));
  const widths = names.map((n, c) => Math.max(n.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' ');
  return {
    lines: [line(names), line(names.map((n) => '-'.repeat(n.length))), ...rows.map(line)],
    spaced: true,
  };
}

/** Format-List: `Name : Value`, names padded to the longest. */
export function list(object: PsObject, requested: readonly string[] = []): Block {
  const names = columns(object, requested);
  const width = Math.max(...names.map((n) => n.length));
  return {
    lines: names.map((n) => `${n.padEnd(width)} : ${toText(object.property(n) ?? null)}`),
    spaced: true,
  };
}
