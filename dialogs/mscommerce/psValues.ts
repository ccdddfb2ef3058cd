// PowerShell values as the MSCommerce engine sees them: text, booleans, $null, ordered objects and arrays.

/** An object as a cmdlet writes it: properties in display order (S-20), compared without regard to case. */
export class PsObject {
  constructor(readonly properties: readonly (readonly [string, PsValue])[]) {}

  /** The property names, in display order. */
  get names(): string[] {
    return this.properties.map(([name]) => name);
  }

  /** A property by name, case-insensitively as PowerShell does; undefined when it has none. */
  property(name: string): PsValue | undefined {
    const lower = name.toLowerCase();
    return this.properties.find(([key]) => key.toLowerCase() === lower)?.[1];
  }
}

export type PsValue = string | boolean | null | PsObject | readonly PsValue[];

/** Builds an object from a record whose key order is the display order. */
export function psObject(record: Readonly<Record<string, string>>): PsObject {
  return new PsObject(Object.entries(record));
}

/** `$x.Name`: an object's property, or member enumeration over an array (PowerShell 3+), else $null. */
export function memberOf(value: PsValue, name: string): PsValue {
  if (value instanceof PsObject) return value.property(name) ?? null;
  if (Array.isArray(value)) {
    const lower = name.toLowerCase();
    if (lower === 'count' || lower === 'length') return String(value.length);
    const found = (value as readonly PsValue[]).flatMap((item) => enumerate(memberOf(item, name)));
    if (found.length === 0) return null;
    return found.length === 1 ? (found[0] ?? null) : found;
  }
  if (typeof value === 'string' && name.toLowerCase() === 'length') return String(value.length);
  return null;
}

/** What a pipeline or a foreach loop walks over: an array's items, nothing for $null, else the value itself. */
export function enumerate(value: PsValue): readonly PsValue[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value as readonly PsValue[];
  return [value];
}

/** The text PowerShell converts a value to: True/False, `@{Name=Value; ...}` for objects, arrays joined by spaces. */
export function toText(value: PsValue): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') return value;
  if (value instanceof PsObject) {
    return `@{${value.properties.map(([k, v]) => `${k}=${toText(v)}`).join('; ')}}`;
  }
  return value.map(toText).join(' ');
}

/** PowerShell's truth: $null, '', $false and empty arrays are false. */
export function isTruthy(value: PsValue): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

export type ComparisonOperator = 'eq' | 'ne' | 'like' | 'notlike' | 'match' | 'notmatch';

/** Thrown for a -match pattern that is not a valid regular expression. */
export class InvalidPatternError extends Error {}

/** `-eq`, `-ne`, `-like`, `-notlike`, `-match`, `-notmatch` on scalars; case-insensitive unless `-c…`. */
export function compare(
  left: PsValue,
  operator: ComparisonOperator,
  right: PsValue,
  caseSensitive: boolean,
): boolean {
  const negate = operator === 'ne' || operator === 'notlike' || operator === 'notmatch';
  if (left === null || right === null) {
    const same = left === null && right === null;
    if (operator === 'eq' || operator === 'ne') return negate ? !same : same;
  }
  const fold = (text: string) => (caseSensitive ? text : text.toLowerCase());
  const a = fold(toText(left));
  const b = fold(toText(right));
  let result: boolean;
  if (operator === 'eq' || operator === 'ne') result = a === b;
  else if (operator === 'like' || operator === 'notlike') result = wildcard(b).test(a);
  else result = pattern(toText(right), caseSensitive).test(toText(left));
  return negate ? !result : result;
}

function wildcard(text: string): RegExp {
  const body = [...text]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's');
}

function pattern(text: string, caseSensitive: boolean): RegExp {
  try {
    return new RegExp(text, caseSensitive ? 'u' : 'iu');
  } catch {
    throw new InvalidPatternError(text);
  }
}
