// Values and Where-Object conditions at run time: variables, $_, members, arrays, subexpressions, comparisons.

import type { Condition, Expression, Pipeline, Span, Statement } from './ast.js';
import { BINDING_TEXT, positionText } from './errorTexts.js';
import {
  compare,
  enumerate,
  InvalidPatternError,
  isTruthy,
  memberOf,
  toText,
  type PsValue,
} from './psValues.js';

/** Ends the current statement only (command not found, parameter binding): PowerShell goes on with the next. */
export class StatementError extends Error {}

export type Sink = (value: PsValue) => Promise<void>;

/** What evaluation needs from the interpreter: `( pipeline )` and `@( statements )` run pipelines. */
export interface PipelineRunner {
  collect(pipeline: Pipeline): Promise<PsValue>;
  statement(statement: Statement, sink: Sink): Promise<void>;
}

/** Holds the script's variables (one scope, as a script run in the console has) and evaluates against them. */
export class Evaluator {
  private readonly variables = new Map<string, PsValue>();

  constructor(
    private readonly source: string,
    private readonly runner: PipelineRunner,
  ) {}

  set(name: string, value: PsValue): void {
    this.variables.set(name.toLowerCase(), value);
  }

  /** Runs `body` with `$_` bound to the pipeline item, restoring the outer `$_` after (nested blocks). */
  async withItem(item: PsValue, body: () => Promise<void>): Promise<void> {
    const saved = this.variables.get('_');
    this.variables.set('_', item);
    try {
      await body();
    } finally {
      if (saved === undefined) this.variables.delete('_');
      else this.variables.set('_', saved);
    }
  }

  async evaluate(expression: Expression): Promise<PsValue> {
    switch (expression.kind) {
      case 'text':
        return expression.value;
      case 'expandable': {
        let text = '';
        for (const part of expression.parts) {
          text += typeof part === 'string' ? part : toText(await this.evaluate(part));
        }
        return text;
      }
      case 'variable': {
        const name = expression.name.toLowerCase();
        if (name === 'true') return true;
        if (name === 'false') return false;
        if (name === 'null') return null;
        return this.variables.get(name) ?? null;
      }
      case 'member':
        return memberOf(await this.evaluate(expression.target), expression.name);
      case 'array': {
        const items: PsValue[] = [];
        for (const item of expression.items) items.push(await this.evaluate(item));
        return items;
      }
      case 'subexpression':
        return this.runner.collect(expression.pipeline);
      case 'arrayExpression': {
        const items: PsValue[] = [];
        const sink: Sink = (value) => {
          items.push(...enumerate(value));
          return Promise.resolve();
        };
        for (const statement of expression.statements) await this.runner.statement(statement, sink);
        return items;
      }
    }
  }

  /** A Where-Object condition; -and / -or short-circuit as in PowerShell. */
  async test(condition: Condition, span: Span): Promise<boolean> {
    switch (condition.kind) {
      case 'never':
        return false;
      case 'truthy':
        return isTruthy(await this.evaluate(condition.value));
      case 'not':
        return !(await this.test(condition.operand, span));
      case 'logical': {
        const left = await this.test(condition.left, span);
        if (condition.operator === 'and' ? !left : left) return left;
        return this.test(condition.right, span);
      }
      case 'compare': {
        const left = await this.evaluate(condition.left);
        const right = await this.evaluate(condition.right);
        try {
          return compare(left, condition.operator, right, condition.caseSensitive);
        } catch (error) {
          if (!(error instanceof InvalidPatternError)) throw error;
          const where = positionText(this.source, span.offset, span.length);
          throw new StatementError(`${BINDING_TEXT.badPattern(error.message)}\n${where}`);
        }
      }
    }
  }
}
