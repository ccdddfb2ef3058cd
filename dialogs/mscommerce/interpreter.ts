// Runs statements and pipelines: foreach loops, assignments, Where-Object, ForEach-Object and the module's cmdlets.

import type { CommandElement, Pipeline, PipelineElement, Span, Statement } from './ast.js';
import { bind, BindingError, type BoundParameters, type EvaluatedElement } from './binder.js';
import {
  bindBuiltin,
  findBuiltin,
  hostText,
  selectObjects,
  sortObjects,
  type BuiltinArguments,
  type BuiltinName,
} from './builtins.js';
import { findCmdlet } from './cmdletSpecs.js';
import { BINDING_TEXT, positionText } from './errorTexts.js';
import { Evaluator, StatementError, type PipelineRunner, type Sink } from './evaluator.js';
import type { OutputItem } from './formatter.js';
import { runCmdlet, ScriptTerminatingError, type CmdletHost } from './moduleCmdlets.js';
import { enumerate, memberOf, toText, type PsValue } from './psValues.js';

/** Guards against scripts that would call the service without end (nested loops over long arrays). */
const MAX_CMDLET_CALLS = 200;
const MAX_STEPS = 10_000;

type CommandNode = Extract<PipelineElement, { kind: 'command' }>;

interface Stage {
  readonly process: Sink;
  readonly end: () => Promise<void>;
}

/** What the cmdlets reach outside the script: the domain as the chat user. */
export type CmdletServices = Pick<CmdletHost, 'policies' | 'caller' | 'tenantId' | 'report'>;

/** One script run: its output so far, its variables and whether Connect-MSCommerce has run. */
export class Interpreter implements PipelineRunner {
  readonly output: OutputItem[] = [];
  private readonly values: Evaluator;
  private statementNumber = 0;
  private calls = 0;
  private steps = 0;

  constructor(
    private readonly source: string,
    public connected: boolean,
    private readonly services: CmdletServices,
  ) {
    this.values = new Evaluator(source, this);
  }

  /** Runs the top-level statements; a module `throw` (not connected) ends the script with its message. */
  async run(statements: readonly Statement[]): Promise<void> {
    try {
      for (const statement of statements) {
        this.statementNumber++;
        await this.statement(statement, (value) => this.write(value));
      }
    } catch (error) {
      if (!(error instanceof ScriptTerminatingError)) throw error;
      this.output.push({ kind: 'error', text: error.message });
    }
  }

  async statement(statement: Statement, sink: Sink): Promise<void> {
    this.tick();
    try {
      if (statement.kind === 'pipeline') await this.pipeline(statement.pipeline, sink);
      else if (statement.kind === 'assignment') {
        this.values.set(statement.variable, await this.collect(statement.pipeline));
      } else {
        for (const item of enumerate(await this.collect(statement.source))) {
          this.tick();
          this.values.set(statement.variable, item);
          for (const inner of statement.body) await this.statement(inner, sink);
        }
      }
    } catch (error) {
      if (!(error instanceof StatementError)) throw error;
      this.output.push({ kind: 'error', text: error.message });
    }
  }

  /** A pipeline's output as one value: a lone expression keeps its shape, else 0 → $null, 1 → it, n → array. */
  async collect(pipeline: Pipeline): Promise<PsValue> {
    const [head] = pipeline.elements;
    if (pipeline.elements.length === 1 && head?.kind === 'expression') {
      return this.values.evaluate(head.value);
    }
    const values: PsValue[] = [];
    await this.pipeline(pipeline, (value) => {
      values.push(value);
      return Promise.resolve();
    });
    return values.length === 0 ? null : values.length === 1 ? (values[0] ?? null) : values;
  }

  private async write(value: PsValue): Promise<void> {
    if (Array.isArray(value)) {
      for (const item of enumerate(value)) await this.write(item);
    } else if (value !== null) {
      this.output.push({ kind: 'value', value, statement: this.statementNumber });
    }
  }

  private tick(): void {
    if (++this.steps > MAX_STEPS) {
      throw new ScriptTerminatingError(`The script was stopped after ${MAX_STEPS} steps.`);
    }
  }

  /** PowerShell finds every command and binds every later stage before the first one produces anything. */
  private async pipeline(pipeline: Pipeline, sink: Sink): Promise<void> {
    for (const element of pipeline.elements) {
      if (
        element.kind === 'command' &&
        !findCmdlet(element.name) &&
        !findBuiltin(element.name) &&
        !isModuleCommand(element)
      ) {
        const message = BINDING_TEXT.notRecognized(element.name);
        throw new StatementError(this.commandError(element.name, message, element.span));
      }
    }
    const [head, ...rest] = pipeline.elements;
    if (!head) return;
    let next: Stage = { process: sink, end: () => Promise.resolve() };
    const stages: Stage[] = [];
    for (const element of [...rest].reverse()) {
      next = await this.stage(element, next);
      stages.unshift(next);
    }
    if (head.kind === 'expression') {
      for (const item of enumerate(await this.values.evaluate(head.value)))
        await next.process(item);
    } else if (head.kind === 'command') {
      await this.invoke(head, next.process);
    } else {
      stages.unshift(await this.stage(head, next));
    }
    for (const stage of stages) await stage.end();
  }

  private async stage(element: PipelineElement, next: Stage): Promise<Stage> {
    const end = () => Promise.resolve();
    switch (element.kind) {
      case 'where':
        return {
          process: (item) => {
            this.tick();
            return this.values.withItem(item, async () => {
              if (await this.values.test(element.condition, element.span)) await next.process(item);
            });
          },
          end,
        };
      case 'forEach':
        return {
          process: (item) => {
            this.tick();
            return this.values.withItem(item, async () => {
              for (const inner of element.body) await this.statement(inner, next.process);
            });
          },
          end,
        };
      case 'forEachMember':
        return {
          process: async (item) => {
            for (const value of enumerate(memberOf(item, element.member)))
              await next.process(value);
          },
          end,
        };
      case 'format': {
        const values: PsValue[] = [];
        const { view, properties } = element;
        return {
          process: (item) => Promise.resolve(void values.push(item)),
          end: () =>
            Promise.resolve(void this.output.push({ kind: 'formatted', view, properties, values })),
        };
      }
      case 'command': {
        const builtin = findBuiltin(element.name);
        if (builtin) return this.builtinStage(builtin, await this.bindBuiltinOrFail(element), next);
        // The module's cmdlets take no pipeline input: each item is an error, and the cmdlet never runs.
        const spec = findCmdlet(element.name);
        if (spec) await this.bindOrFail(element);
        const text = this.commandError(
          spec?.name ?? element.name,
          BINDING_TEXT.noPipelineInput,
          element.span,
        );
        return {
          process: () => Promise.resolve(void this.output.push({ kind: 'error', text })),
          end,
        };
      }
      case 'expression':
        return { process: () => Promise.resolve(), end };
    }
  }

  private async invoke(element: CommandNode, emit: Sink): Promise<void> {
    const builtin = findBuiltin(element.name);
    if (builtin) {
      const args = await this.bindBuiltinOrFail(element);
      // First in a pipeline there is no input: only Write-Host has something to write.
      if (builtin === 'Write-Host') this.output.push({ kind: 'host', text: hostText(args) });
      return;
    }
    const spec = findCmdlet(element.name);
    if (!spec) return; // Import-Module / Install-Module MSCommerce: the module is already loaded in this chat.
    const bound = await this.bindOrFail(element);
    if (++this.calls > MAX_CMDLET_CALLS) {
      throw new ScriptTerminatingError(
        `The script was stopped after ${MAX_CMDLET_CALLS} MSCommerce commands.`,
      );
    }
    await runCmdlet(spec.name, bound, {
      ...this.services,
      isConnected: () => this.connected,
      connect: () => {
        this.connected = true;
      },
      host: (text) => this.output.push({ kind: 'host', text }),
      error: (text) => this.output.push({ kind: 'error', text }),
      emit,
    });
  }

  /** Write-Host writes each item, Out-Null drops them, Select-Object and Sort-Object need them all first. */
  private builtinStage(builtin: BuiltinName, args: BuiltinArguments, next: Stage): Stage {
    const end = () => Promise.resolve();
    if (builtin === 'Write-Host') {
      return {
        process: (item) =>
          Promise.resolve(void this.output.push({ kind: 'host', text: hostText(args, item) })),
        end,
      };
    }
    if (builtin === 'Out-Null') return { process: () => Promise.resolve(), end };
    const items: PsValue[] = [];
    return {
      process: (item) => Promise.resolve(void items.push(item)),
      end: async () => {
        const out =
          builtin === 'Select-Object' ? selectObjects(args, items) : sortObjects(args, items);
        for (const item of out) {
          this.tick();
          await next.process(item);
        }
      },
    };
  }

  private async bindBuiltinOrFail(element: CommandNode): Promise<BuiltinArguments> {
    const builtin = findBuiltin(element.name);
    if (!builtin) throw new Error(`Not a built-in cmdlet: ${element.name}`);
    const values = await this.evaluateElements(element.elements);
    try {
      return bindBuiltin(builtin, values);
    } catch (error) {
      if (!(error instanceof BindingError)) throw error;
      throw new StatementError(this.commandError(builtin, error.message, error.span));
    }
  }

  private async bindOrFail(element: CommandNode): Promise<BoundParameters> {
    const spec = findCmdlet(element.name);
    if (!spec) throw new Error(`Not a module cmdlet: ${element.name}`);
    const values = await this.evaluateElements(element.elements);
    try {
      return bind(spec, values, element.span);
    } catch (error) {
      if (!(error instanceof BindingError)) throw error;
      throw new StatementError(this.commandError(spec.name, error.message, error.span));
    }
  }

  private async evaluateElements(elements: readonly CommandElement[]): Promise<EvaluatedElement[]> {
    const values: EvaluatedElement[] = [];
    for (const e of elements) {
      if (e.kind === 'argument') {
        values.push({ kind: 'argument', value: await this.values.evaluate(e.value), span: e.span });
      } else if (e.colonArgument === undefined) {
        values.push({ kind: 'parameter', name: e.name, span: e.span });
      } else {
        const colon =
          e.colonArgument === null
            ? { hasValue: false, value: null }
            : { hasValue: true, value: await this.values.evaluate(e.colonArgument) };
        values.push({ kind: 'parameter', name: e.name, colon, span: e.span });
      }
    }
    return values;
  }

  /** PowerShell 5.1's console form: `Name : message`, then where it happened. */
  private commandError(name: string, message: string, span: Span): string {
    return `${name} : ${message}\n${positionText(this.source, span.offset, span.length)}`;
  }
}

/** `Import-Module MSCommerce` / `Install-Module -Name MSCommerce`, copied from the docs above a script. */
function isModuleCommand(element: CommandNode): boolean {
  if (!/^(import|install)-module$/i.test(element.name)) return false;
  return element.elements.some(
    (e) =>
      e.kind === 'argument' &&
      e.value.kind === 'text' &&
      /^mscommerce$/i.test(toText(e.value.value)),
  );
}
