// Character-level reading of a pasted script: typographic characters made plain, spaces, comments, words, strings.

import { ParseError } from './ast.js';
import { PARSE_TEXT } from './errorTexts.js';

/**
 * PowerShell itself reads ‘ ’ ‚ ‛ as ', “ ” „ as " and – — ― as -, and Teams turns typed quotes and dashes into
 * those; odd spaces (no-break, zero-width, BOM) are spaces. One character in, one out, so offsets stay valid.
 */
export function normalizeScript(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if ('\u2018\u2019\u201a\u201b'.includes(c)) out += "'";
    else if ('\u201c\u201d\u201e'.includes(c)) out += '"';
    else if ('\u2013\u2014\u2015'.includes(c)) out += '-';
    else if (c === '\r') out += text[i + 1] === '\n' ? ' ' : '\n';
    else if (/[\t\v\f\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]/.test(c)) out += ' ';
    else out += c;
  }
  return out;
}

/** Characters that end a bare word (a command name or an unquoted argument). */
const WORD_END = new Set([' ', '\n', '|', ';', '(', ')', '{', '}', ',', '']);
const SCOPES = new Set(['global', 'script', 'local', 'private', 'env', 'using']);
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\u0007',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** A cursor over the normalized text; the parsers move `pos` and ask it for the pieces PowerShell reads alike. */
export class Scanner {
  pos = 0;

  constructor(readonly text: string) {}

  /** The character `ahead` places on, or '' past the end. */
  peek(ahead = 0): string {
    return this.text[this.pos + ahead] ?? '';
  }

  /** Skips spaces, backtick line continuations and comments, but not line ends. */
  skipSpaces(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ') this.pos++;
      else if (c === '`' && this.peek(1) === '\n') this.pos += 2;
      else if (c === '<' && this.peek(1) === '#') this.skipBlockComment();
      else if (c === '#') while (this.peek() !== '\n' && this.peek() !== '') this.pos++;
      else return;
    }
  }

  /** Skips spaces, comments and line ends: inside brackets and after `|`, a line end does not end anything. */
  skipSpacesAndNewlines(): void {
    for (;;) {
      this.skipSpaces();
      if (this.peek() !== '\n') return;
      this.pos++;
    }
  }

  /** True when the text here is `word` (any case) and not the start of a longer word. */
  atWord(word: string): boolean {
    const here = this.text.slice(this.pos, this.pos + word.length).toLowerCase();
    return here === word && !/[A-Za-z0-9_-]/.test(this.peek(word.length));
  }

  /** The bare word here, without moving. */
  peekBareWord(): string {
    let end = this.pos;
    while (!WORD_END.has(this.text[end] ?? '')) end++;
    return this.text.slice(this.pos, end);
  }

  /** Reads a bare word: everything up to a space, a line end or one of | ; ( ) { } , */
  readBareWord(): string {
    const word = this.peekBareWord();
    this.pos += word.length;
    return word;
  }

  /** Reads the letters of a `-Parameter` or `-operator` name (the dash already read). */
  readName(): string {
    const start = this.pos;
    while (/[A-Za-z0-9_?]/.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Reads a member name after `.`; '' when there is none. */
  readMemberName(): string {
    const start = this.pos;
    if (!/[A-Za-z_]/.test(this.peek())) return '';
    while (/[A-Za-z0-9_]/.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** True when a variable name can start here (after the `$`). */
  atVariableName(): boolean {
    return /[A-Za-z0-9_{$?^]/.test(this.peek());
  }

  /** Reads a variable name after `$`: `name`, `_`, `scope:name` or `{any text}`. */
  readVariableName(dollarOffset: number): string {
    if (this.peek() === '{') {
      const close = this.text.indexOf('}', this.pos);
      if (close === -1) throw new ParseError(PARSE_TEXT.missingBrace, this.pos);
      const name = this.text.slice(this.pos + 1, close);
      this.pos = close + 1;
      return name;
    }
    if ('$?^'.includes(this.peek()) && this.peek() !== '') return this.text[this.pos++] ?? '';
    const start = this.pos;
    while (/[A-Za-z0-9_]/.test(this.peek())) this.pos++;
    let name = this.text.slice(start, this.pos);
    if (name === '') throw new ParseError(PARSE_TEXT.badVariable, dollarOffset);
    if (this.peek() === ':' && SCOPES.has(name.toLowerCase()) && /[A-Za-z_]/.test(this.peek(1))) {
      this.pos++;
      name = `${name}:${this.readMemberName()}`;
    }
    return name;
  }

  /** Reads a '…' string ('' inside is one quote). */
  readSingleQuoted(): string {
    const start = this.pos++;
    let value = '';
    for (;;) {
      const c = this.peek();
      if (c === '') throw new ParseError(PARSE_TEXT.unterminated("'"), start);
      this.pos++;
      if (c !== "'") value += c;
      else if (this.peek() === "'") {
        value += "'";
        this.pos++;
      } else return value;
    }
  }

  /** Reads the character after a backtick inside "…": `n is a line end, `t a tab, any other is itself. */
  readEscape(stringStart: number): string {
    const c = this.peek(1);
    if (c === '') throw new ParseError(PARSE_TEXT.unterminated('"'), stringStart);
    this.pos += 2;
    return ESCAPES[c] ?? c;
  }

  private skipBlockComment(): void {
    const close = this.text.indexOf('#>', this.pos + 2);
    if (close === -1) throw new ParseError(PARSE_TEXT.unterminatedComment, this.pos, 2);
    this.pos = close + 2;
  }
}
