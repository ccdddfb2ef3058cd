// Values and Where-Object conditions: strings, variables, members, arrays, subexpressions, comparisons.

import {
  ParseError,
  type Condition,
  type Expression,
  type Pipeline,
  type Statement,
} from './ast.js';
import { PARSE_TEXT } from './errorTexts.js';
import type { ComparisonOperator } from './psValues.js';
import type { Scanner } from './scanner.js';

const COMPARISONS: Readonly<Record<string, ComparisonOperator>> = {
  eq: 'eq',
  ne: 'ne',
  like: 'like',
  notlike: 'notlike',
  match: 'match',
  notmatch: 'notmatch',
};
const OTHER_OPERATORS = new Set(
  [
    'gt',
    'lt',
    'ge',
    'le',
    'contains',
    'notcontains',
    'in',
    'notin',
    'replace',
    'split',
    'join',
  ].concat(['is', 'isnot', 'as', 'band', 'bor', 'bxor', 'bnot', 'shl', 'shr', 'f', 'xor']),
);
/** Bounds on nesting and on chains (`$a.b.c…`, `… -and … -and …`), which are evaluated recursively. */
const MAX_DEPTH = 40;
const MAX_PARTS = 100;

/** A comparison operator as typed (`-ceq`), and what it means. */
export interface OperatorToken {
  readonly text: string;
  readonly operator: ComparisonOperator;
  readonly caseSensitive: boolean;
}

/**
 * The expression half of the parser. PowerShell reads a line in two modes: in argument mode a bare word is text
 * (`-ProductId CFQ7TTC0H9MP`); in value mode (conditions, `$x = …`) only quoted text, variables and numbers are.
 */
export abstract class ExpressionParser {
  private depth = 0;

  constructor(protected readonly s: Scanner) {}

  /** A pipeline up to a line end, `;`, `}` or `)`. */
  protected abstract pipeline(): Pipeline;

  /** Statements up to the closing bracket whose opening is at `openOffset`. */
  protected abstract statements(closing: '}' | ')', openOffset: number): Statement[];

  /** Guards recursion so that `((((…` fails with a message instead of overflowing the stack. */
  protected nested<T>(offset: number, read: () => T): T {
    if (++this.depth > MAX_DEPTH) throw new ParseError(PARSE_TEXT.tooDeep, offset);
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  protected unexpected(): ParseError {
    const c = this.s.peek();
    const token = '|;(){},'.includes(c) ? c : this.s.peekBareWord() || c;
    return new ParseError(PARSE_TEXT.unexpected(token), this.s.pos, token.length);
  }

  /** True at the end of a statement or of the bracket around it. */
  protected atEnd(): boolean {
    return ['', '\n', ';', '}', ')'].includes(this.s.peek());
  }

  /** One argument in argument mode, with `a,b` arrays. */
  protected argument(): Expression {
    return this.list(() => this.primary('argument') ?? this.fail());
  }

  /** One value in value mode, with `a,b` arrays; used for the head of a pipeline and for `$x = …`. */
  protected value(): Expression {
    return this.list(() => this.primary('value') ?? this.fail());
  }

  /** True when a value-mode expression starts here (rather than a command name). */
  protected atValue(): boolean {
    const c = this.s.peek();
    if (c === '$' || c === "'" || c === '"' || c === '(') return true;
    if (c === '@') return this.s.peek(1) === '(';
    return /^\d+(\.\d+)?$/.test(this.s.peekBareWord());
  }

  /** A Where-Object condition: comparisons joined by -and / -or (equal precedence, left to right, as in PowerShell). */
  protected condition(): Condition {
    const start = this.s.pos;
    let left = this.unary();
    for (let parts = 1; ; parts++) {
      if (parts > MAX_PARTS) throw new ParseError(PARSE_TEXT.tooDeep, start);
      const save = this.s.pos;
      this.s.skipSpaces();
      const joiner = this.s.atWord('-and') ? 'and' : this.s.atWord('-or') ? 'or' : undefined;
      if (!joiner) {
        this.s.pos = save;
        return left;
      }
      this.s.pos += joiner.length + 1;
      this.s.skipSpacesAndNewlines();
      left = { kind: 'logical', operator: joiner, left, right: this.unary() };
    }
  }

  private unary(): Condition {
    this.s.skipSpaces();
    const start = this.s.pos;
    if (this.s.atWord('-not') || this.s.peek() === '!') {
      this.s.pos += this.s.peek() === '!' ? 1 : 4;
      return { kind: 'not', operand: this.nested(start, () => this.unary()) };
    }
    let left: Expression;
    if (this.s.peek() === '(') {
      this.s.pos++;
      const inner = this.nested(start, () => {
        this.s.skipSpacesAndNewlines();
        const c = this.condition();
        this.s.skipSpacesAndNewlines();
        return c;
      });
      if (this.s.peek() !== ')') throw new ParseError(PARSE_TEXT.missingParen, start);
      this.s.pos++;
      if (inner.kind !== 'truthy') return inner;
      left = inner.value;
    } else {
      left = this.primary('value') ?? this.fail();
    }
    this.s.skipSpaces();
    const op = this.operator();
    if (!op) return { kind: 'truthy', value: left };
    this.s.skipSpacesAndNewlines();
    const right = this.primary('value');
    if (!right) throw new ParseError(PARSE_TEXT.valueAfterOperator(op.text), this.s.pos);
    return { kind: 'compare', left, right, operator: op.operator, caseSensitive: op.caseSensitive };
  }

  /** Reads `-eq`, `-ieq`, `-cne`, … ; undefined (nothing read) when no comparison operator is here. */
  protected operator(): OperatorToken | undefined {
    if (this.s.peek() !== '-') return undefined;
    const start = this.s.pos;
    this.s.pos++;
    const text = this.s.readName().toLowerCase();
    const bare = /^[ic]/.test(text) && COMPARISONS[text.slice(1)] ? text.slice(1) : text;
    const operator = COMPARISONS[bare];
    if (operator) return { text: `-${text}`, operator, caseSensitive: text.startsWith('c') };
    if (OTHER_OPERATORS.has(bare)) {
      throw new ParseError(PARSE_TEXT.unsupportedOperator(`-${text}`), start, text.length + 1);
    }
    this.s.pos = start;
    return undefined;
  }

  private fail(): never {
    throw this.atEnd()
      ? new ParseError(PARSE_TEXT.unexpected(this.s.peek() || 'end of script'), this.s.pos)
      : this.unexpected();
  }

  private list(one: () => Expression): Expression {
    const start = this.s.pos;
    const items = [one()];
    for (;;) {
      const save = this.s.pos;
      this.s.skipSpaces();
      if (this.s.peek() !== ',') {
        this.s.pos = save;
        break;
      }
      this.s.pos++;
      this.s.skipSpacesAndNewlines();
      items.push(one());
    }
    const span = { offset: start, length: this.s.pos - start };
    return items.length === 1 && items[0] ? items[0] : { kind: 'array', items, span };
  }

  /** One primary, with `.Member` access after it; undefined for a bare word in value mode. */
  private primary(mode: 'argument' | 'value'): Expression | undefined {
    const start = this.s.pos;
    const c = this.s.peek();
    let node: Expression;
    if (c === "'") {
      node = { kind: 'text', value: this.s.readSingleQuoted(), span: this.span(start) };
    } else if (c === '"') {
      node = this.expandable();
    } else if (c === '$' && this.s.peek(1) === '(') {
      this.s.pos += 2;
      node = { kind: 'subexpression', pipeline: this.bracketed(start), span: this.span(start) };
    } else if (c === '$') {
      this.s.pos++;
      node = { kind: 'variable', name: this.s.readVariableName(start), span: this.span(start) };
    } else if (c === '@' && this.s.peek(1) === '(') {
      this.s.pos += 2;
      const statements = this.nested(start, () => this.statements(')', start));
      node = { kind: 'arrayExpression', statements, span: this.span(start) };
    } else if (c === '(') {
      this.s.pos++;
      node = { kind: 'subexpression', pipeline: this.bracketed(start), span: this.span(start) };
    } else if (c === '{') {
      throw new ParseError(PARSE_TEXT.scriptBlockArgument, start);
    } else if (mode === 'argument' || this.atValue()) {
      const word = this.s.readBareWord();
      if (word === '') return undefined;
      return { kind: 'text', value: word, span: this.span(start) };
    } else {
      return undefined;
    }
    return this.members(node, start);
  }

  private members(node: Expression, start: number): Expression {
    for (let count = 0; this.s.peek() === '.' && /[A-Za-z_]/.test(this.s.peek(1)); count++) {
      if (count >= MAX_PARTS) throw new ParseError(PARSE_TEXT.tooDeep, start);
      this.s.pos++;
      const name = this.s.readMemberName();
      if (this.s.peek() === '(') throw new ParseError(PARSE_TEXT.methodCall, this.s.pos);
      node = { kind: 'member', target: node, name, span: this.span(start) };
    }
    return node;
  }

  /** The inside of `( … )` or `$( … )`, the opening already read. */
  private bracketed(open: number): Pipeline {
    return this.nested(open, () => {
      this.s.skipSpacesAndNewlines();
      if (this.s.peek() === ')') throw new ParseError(PARSE_TEXT.expressionAfterParen, open);
      const pipeline = this.pipeline();
      this.s.skipSpacesAndNewlines();
      if (this.s.peek() !== ')') {
        if (this.s.peek() === '') throw new ParseError(PARSE_TEXT.missingParen, open);
        throw this.unexpected();
      }
      this.s.pos++;
      return pipeline;
    });
  }

  /** "…" with `$name`, `${name}` and `$( … )` expanded; `$x.Prop` expands only `$x`, as in PowerShell. */
  private expandable(): Expression {
    const start = this.s.pos++;
    const parts: (string | Expression)[] = [];
    let text = '';
    const flush = () => {
      if (text) parts.push(text);
      text = '';
    };
    for (;;) {
      const c = this.s.peek();
      if (c === '') throw new ParseError(PARSE_TEXT.unterminated('"'), start);
      if (c === '"' && this.s.peek(1) === '"') {
        text += '"';
        this.s.pos += 2;
      } else if (c === '"') {
        this.s.pos++;
        break;
      } else if (c === '`') {
        text += this.s.readEscape(start);
      } else if (c === '$' && this.s.peek(1) === '(') {
        flush();
        const at = this.s.pos;
        this.s.pos += 2;
        parts.push({ kind: 'subexpression', pipeline: this.bracketed(at), span: this.span(at) });
      } else if (c === '$' && /[A-Za-z_{]/.test(this.s.peek(1))) {
        flush();
        const at = this.s.pos++;
        parts.push({ kind: 'variable', name: this.s.readVariableName(at), span: this.span(at) });
      } else {
        text += c;
        this.s.pos++;
      }
    }
    flush();
    const span = this.span(start);
    if (parts.every((p) => typeof p === 'string'))
      return { kind: 'text', value: parts.join(''), span };
    return { kind: 'expandable', parts, span };
  }

  protected span(start: number): { offset: number; length: number } {
    return { offset: start, length: this.s.pos - start };
  }
}
