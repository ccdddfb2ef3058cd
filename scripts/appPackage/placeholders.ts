// Teams Toolkit-style `${{NAME}}` placeholders: reading env files of KEY=value lines, and filling JSON with them.

/** `${{NAME}}`, as Teams Toolkit writes them in manifest templates. */
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const ENV_LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

/** Variables by name; an empty string counts as unset, because an empty id is never what anyone meant. */
export type Variables = Readonly<Record<string, string | undefined>>;

/**
 * Parses a Teams Toolkit env file: `KEY=value` lines, `#` comments and blank lines; a value may be quoted.
 * Returns the problems, each naming its line, instead of guessing what a malformed line meant.
 */
export function parseEnvFile(
  text: string,
  fileName: string,
): { variables: Record<string, string>; problems: string[] } {
  const variables: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const match = ENV_LINE.exec(line);
    if (!match?.[1]) {
      problems.push(`${fileName}:${index + 1}: expected KEY=value, found "${line.slice(0, 40)}"`);
      return;
    }
    const value = match[2] ?? '';
    const quoted = /^(["'])(.*)\1$/.exec(value);
    variables[match[1]] = quoted ? (quoted[2] ?? '') : value.replace(/\s+#.*$/, '');
  });
  return { variables, problems };
}

/**
 * Replaces every placeholder in the strings of a JSON value. Filling after parsing, not in the raw text,
 * means a value containing a quote or a backslash cannot break the JSON.
 */
export function fillPlaceholders<T>(
  value: T,
  variables: Variables,
): { filled: T; missing: string[] } {
  const missing = new Set<string>();
  const filled = visitStrings(value, (text) =>
    text.replace(PLACEHOLDER, (whole, name: string) => {
      const replacement = variables[name];
      if (replacement) return replacement;
      missing.add(name);
      return whole;
    }),
  ) as T;
  return { filled, missing: [...missing] };
}

function visitStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => visitStrings(item, map));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, visitStrings(item, map)]),
    );
  }
  return value;
}
