// The syntax tree of the small PowerShell subset the chat accepts; offsets point into the normalized script text.

import type { ComparisonOperator } from './psValues.js';

/** Where a node starts in the script text, and how many characters it spans (for the ~ under an error). */
export interface Span {
  readonly offset: number;
  readonly length: number;
}

export type Expression =
  | { readonly kind: 'text'; readonly value: string; readonly span: Span }
  | {
      readonly kind: 'expandable';
      readonly parts: readonly (string | Expression)[];
      readonly span: Span;
    }
  | { readonly kind: 'variable'; readonly name: string; readonly span: Span }
  | {
      readonly kind: 'member';
      readonly target: Expression;
      readonly name: string;
      readonly span: Span;
    }
  | { readonly kind: 'array'; readonly items: readonly Expression[]; readonly span: Span }
  /** `( pipeline )` and `$( pipeline )`. */
  | { readonly kind: 'subexpression'; readonly pipeline: Pipeline; readonly span: Span }
  /** `@( statements )`. */
  | {
      readonly kind: 'arrayExpression';
      readonly statements: readonly Statement[];
      readonly span: Span;
    };

export type Condition =
  | {
      readonly kind: 'compare';
      readonly left: Expression;
      readonly operator: ComparisonOperator;
      readonly caseSensitive: boolean;
      readonly right: Expression;
    }
  | {
      readonly kind: 'logical';
      readonly operator: 'and' | 'or';
      readonly left: Condition;
      readonly right: Condition;
    }
  | { readonly kind: 'not'; readonly operand: Condition }
  | { readonly kind: 'truthy'; readonly value: Expression }
  | { readonly kind: 'never' };

/** `-Name`, `-Name:value` or `-Name value` (the binder pairs a parameter with the argument after it). */
export type CommandElement =
  | {
      readonly kind: 'parameter';
      readonly name: string;
      /** Set for the colon form; `null` when the colon had nothing after it. */
      readonly colonArgument?: Expression | null;
      readonly span: Span;
    }
  | { readonly kind: 'argument'; readonly value: Expression; readonly span: Span };

export type PipelineElement =
  | {
      readonly kind: 'command';
      readonly name: string;
      readonly elements: readonly CommandElement[];
      readonly span: Span;
    }
  | { readonly kind: 'expression'; readonly value: Expression; readonly span: Span }
  | { readonly kind: 'where'; readonly condition: Condition; readonly span: Span }
  | { readonly kind: 'forEach'; readonly body: readonly Statement[]; readonly span: Span }
  | { readonly kind: 'forEachMember'; readonly member: string; readonly span: Span }
  | {
      readonly kind: 'format';
      readonly view: 'table' | 'list';
      readonly properties: readonly string[];
      readonly span: Span;
    };

export interface Pipeline {
  readonly elements: readonly PipelineElement[];
}

export type Statement =
  | { readonly kind: 'pipeline'; readonly pipeline: Pipeline; readonly span: Span }
  | {
      readonly kind: 'assignment';
      readonly variable: string;
      readonly pipeline: Pipeline;
      readonly span: Span;
    }
  | {
      readonly kind: 'foreach';
      readonly variable: string;
      readonly source: Pipeline;
      readonly body: readonly Statement[];
      readonly span: Span;
    };

export interface Script {
  /** The text the offsets refer to: the input with typographic quotes, dashes and odd spaces made plain. */
  readonly source: string;
  readonly statements: readonly Statement[];
}

/** A syntax error: the whole script is refused before anything runs, as PowerShell does. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length = 1,
  ) {
    super(message);
  }
}
