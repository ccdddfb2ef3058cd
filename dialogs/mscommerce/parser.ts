// Parses what an admin pastes (statements, pipelines, foreach loops) into a tree; the whole script or nothing.

import {
  ParseError,
  type CommandElement,
  type Condition,
  type Pipeline,
  type PipelineElement,
  type Script,
  type Statement,
} from './ast.js';
import { BINDING_TEXT, PARSE_TEXT } from './errorTexts.js';
import { ExpressionParser } from './expressionParser.js';
import { normalizeScript, Scanner } from './scanner.js';

const UNSUPPORTED_KEYWORDS = new Set(
  [
    'if',
    'elseif',
    'else',
    'while',
    'do',
    'until',
    'for',
    'switch',
    'function',
    'filter',
    'workflow',
  ]
    .concat(['try', 'catch', 'finally', 'trap', 'throw', 'return', 'break', 'continue', 'exit'])
    .concat(['param', 'begin', 'process', 'end', 'class', 'enum', 'using', 'data', 'dynamicparam']),
);
const WHERE = new Set(['where-object', 'where', '?']);
const FOR_EACH = new Set(['foreach-object', 'foreach', '%']);
const FORMATS: Readonly<Record<string, 'table' | 'list'>> = {
  'format-table': 'table',
  ft: 'table',
  'format-list': 'list',
  fl: 'list',
};

/** The outcome of parsing: a tree, or the one syntax error that refuses the whole script. */
export type ParseOutcome =
  | { readonly ok: true; readonly script: Script }
  | { readonly ok: false; readonly source: string; readonly error: ParseError };

/**
 * Parses a script. Grammar (case-insensitive; statements end at a line end or `;`; `#` and `<# #>` are comments;
 * a backtick at a line end continues the line; a line may also continue after `|` or `,`):
 *
 *     statement  := 'foreach' '(' $var 'in' pipeline ')' '{' statement* '}' | $var '=' pipeline | pipeline
 *     pipeline   := (command | value) ('|' stage)*
 *     stage      := ('Where-Object'|'where'|'?') ('{' condition '}' | Property op argument)
 *                 | ('ForEach-Object'|'foreach'|'%') ('{' statement* '}' | Property)
 *                 | ('Format-Table'|'ft'|'Format-List'|'fl') [-AutoSize] [-Property] [names]   (last stage only)
 *                 | command
 *     command    := Name ( -Param | -Param:argument | argument )*
 *     argument   := primary (',' primary)*          primary := 'text' | "text $var $(…)" | $var(.Member)*
 *                 | bareword | ( pipeline ) | $( pipeline ) | @( statement* )
 *     condition  := unary (('-and'|'-or') unary)*   unary := ('-not'|'!') unary | '(' condition ')'
 *                 | operand [op operand]            op := -eq -ne -like -notlike -match -notmatch (i/c prefixes)
 *
 * Anything else (if, while, functions, hashtables, method calls, other operators) is a parse error that names it.
 */
export function parseScript(text: string): ParseOutcome {
  const source = normalizeScript(text);
  try {
    return {
      ok: true,
      script: { source, statements: new ScriptParser(new Scanner(source)).script() },
    };
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, source, error };
    throw error;
  }
}

class ScriptParser extends ExpressionParser {
  script(): Statement[] {
    return this.statementList(undefined, 0);
  }

  protected statements(closing: '}' | ')', openOffset: number): Statement[] {
    return this.statementList(closing, openOffset);
  }

  private statementList(closing: '}' | ')' | undefined, openOffset: number): Statement[] {
    const list: Statement[] = [];
    for (;;) {
      this.s.skipSpaces();
      const c = this.s.peek();
      if (c === '') {
        if (!closing) return list;
        const message = closing === '}' ? PARSE_TEXT.missingBrace : PARSE_TEXT.missingParen;
        throw new ParseError(message, openOffset);
      }
      if (c === closing) {
        this.s.pos++;
        return list;
      }
      if (c === '\n' || c === ';') this.s.pos++;
      else if (c === '}' || c === ')') throw this.unexpected();
      else {
        list.push(this.statement());
        this.s.skipSpaces();
        if (!this.atEnd()) throw this.unexpected();
      }
    }
  }

  private statement(): Statement {
    const start = this.s.pos;
    const keyword = /^[A-Za-z]+/.exec(this.s.peekBareWord())?.[0].toLowerCase() ?? '';
    if (keyword && this.s.atWord(keyword)) {
      if (keyword === 'foreach') return this.foreach(start);
      if (UNSUPPORTED_KEYWORDS.has(keyword)) {
        throw new ParseError(PARSE_TEXT.unsupportedKeyword(keyword), start, keyword.length);
      }
    }
    if (this.s.peek() === '$') {
      this.s.pos++;
      const variable = this.s.readVariableName(start);
      this.s.skipSpaces();
      if (this.s.peek() === '=' && this.s.peek(1) !== '=') {
        this.s.pos++;
        this.s.skipSpaces();
        if (this.atEnd()) {
          throw new ParseError(PARSE_TEXT.valueAfterAssignment, this.s.pos);
        }
        return { kind: 'assignment', variable, pipeline: this.pipeline(), span: this.span(start) };
      }
      const rest = this.s.text.slice(this.s.pos).split('\n')[0] ?? '';
      if (/^(\.[A-Za-z_]\w*)+\s*=(?!=)/.test(rest)) {
        throw new ParseError(PARSE_TEXT.assignmentTarget, start);
      }
      this.s.pos = start;
    }
    return { kind: 'pipeline', pipeline: this.pipeline(), span: this.span(start) };
  }

  private foreach(start: number): Statement {
    const s = this.s;
    s.pos += 'foreach'.length;
    s.skipSpaces();
    if (s.peek() !== '(') throw new ParseError(PARSE_TEXT.foreachParen, s.pos);
    const open = s.pos++;
    s.skipSpaces();
    if (s.peek() !== '$') throw new ParseError(PARSE_TEXT.foreachVariable, s.pos);
    s.pos++;
    const variable = s.readVariableName(s.pos - 1);
    s.skipSpaces();
    if (!s.atWord('in')) throw new ParseError(PARSE_TEXT.foreachIn, s.pos);
    s.pos += 2;
    s.skipSpaces();
    if (this.atEnd()) throw new ParseError(PARSE_TEXT.foreachCollection, s.pos);
    const source = this.nested(open, () => this.pipeline());
    s.skipSpaces();
    if (s.peek() !== ')') throw new ParseError(PARSE_TEXT.foreachClose, s.pos);
    s.pos++;
    s.skipSpacesAndNewlines();
    if (s.peek() !== '{') throw new ParseError(PARSE_TEXT.foreachBody, s.pos);
    const brace = s.pos++;
    const body = this.nested(brace, () => this.statementList('}', brace));
    return { kind: 'foreach', variable, source, body, span: this.span(start) };
  }

  protected pipeline(): Pipeline {
    return this.nested(this.s.pos, () => {
      const elements = [this.element(true)];
      for (;;) {
        this.s.skipSpaces();
        if (this.s.peek() !== '|') return { elements };
        const bar = this.s.pos;
        if (this.s.peek(1) === '|') throw new ParseError(PARSE_TEXT.unexpected('||'), bar, 2);
        if (elements.some((e) => e.kind === 'format'))
          throw new ParseError(PARSE_TEXT.formatLast, bar);
        this.s.pos++;
        this.s.skipSpacesAndNewlines();
        if (this.atEnd() || this.s.peek() === '|') throw new ParseError(PARSE_TEXT.emptyPipe, bar);
        elements.push(this.element(false));
      }
    });
  }

  private element(first: boolean): PipelineElement {
    const start = this.s.pos;
    if (this.atValue()) {
      if (!first) throw new ParseError(PARSE_TEXT.expressionNotFirst, start);
      const value = this.value();
      return { kind: 'expression', value, span: this.span(start) };
    }
    if (this.s.peek() === '{') throw new ParseError(PARSE_TEXT.scriptBlockArgument, start);
    if ('&@!'.includes(this.s.peek())) throw this.unexpected();
    const name = this.s.readBareWord();
    if (name === '') throw this.unexpected();
    const lower = name.toLowerCase();
    const span = { offset: start, length: name.length };
    if (WHERE.has(lower)) return { kind: 'where', condition: this.whereFilter(start), span };
    if (FOR_EACH.has(lower)) return this.forEachObject(start, span);
    const view = FORMATS[lower];
    if (view) return { kind: 'format', view, properties: this.formatProperties(), span };
    return { kind: 'command', name, elements: this.commandElements(), span };
  }

  private whereFilter(start: number): Condition {
    const s = this.s;
    s.skipSpaces();
    if (s.atWord('-filterscript')) s.pos += '-filterscript'.length;
    s.skipSpaces();
    if (s.peek() === '{') {
      const brace = s.pos++;
      s.skipSpacesAndNewlines();
      const condition: Condition =
        s.peek() === '}' ? { kind: 'never' } : this.nested(brace, () => this.condition());
      s.skipSpacesAndNewlines();
      if (s.peek() === '}') {
        s.pos++;
        return condition;
      }
      if (s.peek() === '') throw new ParseError(PARSE_TEXT.missingBrace, brace);
      throw this.unexpected();
    }
    if (!/[A-Za-z_]/.test(s.peek())) throw new ParseError(PARSE_TEXT.whereFilter, start);
    const nameStart = s.pos;
    const property = s.readBareWord();
    s.skipSpaces();
    const op = this.operator();
    if (!op) throw new ParseError(PARSE_TEXT.whereFilter, start);
    s.skipSpaces();
    if (this.atEnd() || s.peek() === '|') {
      throw new ParseError(PARSE_TEXT.valueAfterOperator(op.text), s.pos);
    }
    const target = { kind: 'variable', name: '_', span: { offset: nameStart, length: 0 } } as const;
    return {
      kind: 'compare',
      left: { kind: 'member', target, name: property, span: this.span(nameStart) },
      operator: op.operator,
      caseSensitive: op.caseSensitive,
      right: this.argument(),
    };
  }

  private forEachObject(start: number, span: { offset: number; length: number }): PipelineElement {
    const s = this.s;
    s.skipSpaces();
    if (s.atWord('-process')) s.pos += '-process'.length;
    s.skipSpaces();
    if (s.peek() === '{') {
      const brace = s.pos++;
      return {
        kind: 'forEach',
        body: this.nested(brace, () => this.statementList('}', brace)),
        span,
      };
    }
    if (/[A-Za-z_]/.test(s.peek()))
      return { kind: 'forEachMember', member: s.readBareWord(), span };
    throw new ParseError(PARSE_TEXT.forEachBlock, start);
  }

  private formatProperties(): string[] {
    const names: string[] = [];
    for (;;) {
      this.s.skipSpaces();
      if (this.atEnd() || this.s.peek() === '|') return names;
      const start = this.s.pos;
      if (this.s.peek() === '-' && /[A-Za-z]/.test(this.s.peek(1))) {
        this.s.pos++;
        const name = this.s.readName();
        const lower = name.toLowerCase();
        const known = ['autosize', 'wrap', 'property'].some((p) => p.startsWith(lower));
        if (!known)
          throw new ParseError(BINDING_TEXT.noSuchParameter(name), start, name.length + 1);
        continue;
      }
      const value = this.argument();
      const items = value.kind === 'array' ? value.items : [value];
      for (const item of items) {
        if (item.kind !== 'text') {
          throw new ParseError(PARSE_TEXT.formatNames, start);
        }
        names.push(item.value);
      }
    }
  }

  private commandElements(): CommandElement[] {
    const elements: CommandElement[] = [];
    for (;;) {
      this.s.skipSpaces();
      if (this.atEnd() || this.s.peek() === '|') return elements;
      const start = this.s.pos;
      if (this.s.peek() === '-' && /[A-Za-z_?]/.test(this.s.peek(1))) {
        this.s.pos++;
        const name = this.s.readName();
        const span = this.span(start);
        if (this.s.peek() !== ':') {
          elements.push({ kind: 'parameter', name, span });
          continue;
        }
        this.s.pos++;
        this.s.skipSpaces();
        const colonArgument = this.atEnd() || this.s.peek() === '|' ? null : this.argument();
        elements.push({ kind: 'parameter', name, colonArgument, span });
        continue;
      }
      const value = this.argument();
      elements.push({ kind: 'argument', value, span: this.span(start) });
    }
  }
}
