// The error texts of PowerShell and of the MSCommerce module (§6.1, §6.2), word for word, in one place.

/** The module's own messages (§6, S-27). */
export const MODULE_TEXT = {
  connected: 'Connection established successfully',
  notConnected: 'You must call the Connect-MSCommerce cmdlet before calling any other cmdlets',
  updated: 'Update policy product success',
  aborted: 'Updating product policy aborted',
  badEnabled: 'Value of $Enabled must be one of the following: $True, $true, $False, $false',
  whatIf:
    'What if: Performing the operation "Update-MSCommerceProductPolicy" on target "ShouldProcess?".',
} as const;

/** PowerShell's parameter-binding and command-discovery messages. */
export const BINDING_TEXT = {
  notRecognized: (name: string) =>
    `The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. ` +
    'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.',
  noSuchParameter: (name: string) =>
    `A parameter cannot be found that matches parameter name '${name}'.`,
  ambiguous: (name: string, matches: readonly string[]) =>
    `Parameter cannot be processed because the parameter name '${name}' is ambiguous. ` +
    `Possible matches include: ${matches.map((m) => `-${m}`).join(' ')}.`,
  twice: (name: string) =>
    `Cannot bind parameter because parameter '${name}' is specified more than once. To provide multiple values ` +
    'to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".',
  missingArgument: (name: string, type: string) =>
    `Missing an argument for parameter '${name}'. Specify a parameter of type '${type}' and try again.`,
  positional: (argument: string) =>
    `A positional parameter cannot be found that accepts argument '${argument}'.`,
  arrayToString: (name: string) =>
    `Cannot convert 'System.Object[]' to the type 'System.String' required by parameter '${name}'. ` +
    'Specified method is not supported.',
  notBoolean: (name: string, typeName: string) =>
    `Cannot process argument transformation on parameter '${name}'. Cannot convert value "${typeName}" to type ` +
    '"System.Management.Automation.SwitchParameter". Boolean parameters accept only Boolean values and numbers, ' +
    'such as $True, $False, 1 or 0.',
  nullOrEmpty: (name: string) =>
    `Cannot validate argument on parameter '${name}'. The argument is null or empty. Provide an argument that is ` +
    'not null or empty, and then try the command again.',
  notInSet: (name: string, value: string, set: readonly string[]) =>
    `Cannot validate argument on parameter '${name}'. The argument "${value}" does not belong to the set ` +
    `"${set.join(',')}" specified by the ValidateSet attribute. Supply an argument that is in the set and then ` +
    'try the command again.',
  parameterSet: 'Parameter set cannot be resolved using the specified named parameters.',
  missingMandatory: (names: readonly string[]) =>
    `Cannot process command because of one or more missing mandatory parameters: ${names.join(' ')}.`,
  noPipelineInput:
    'The input object cannot be bound to any parameters for the command either because the command does not ' +
    'take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.',
  badPattern: (pattern: string) => `The regular expression pattern ${pattern} is not valid.`,
} as const;

/** The parser's messages: PowerShell's own where it has one, else a sentence in its style saying what is supported. */
export const PARSE_TEXT = {
  unterminated: (quote: string) => `The string is missing the terminator: ${quote}.`,
  unterminatedComment: "Missing the terminator '#>' for the block comment.",
  missingBrace: "Missing closing '}' in statement block or type definition.",
  missingParen: "Missing closing ')' in expression.",
  unexpected: (token: string) => `Unexpected token '${token}' in expression or statement.`,
  emptyPipe: 'An empty pipe element is not allowed.',
  expressionNotFirst: 'Expressions are only allowed as the first element of a pipeline.',
  valueAfterOperator: (op: string) =>
    `You must provide a value expression following the '${op}' operator.`,
  badVariable:
    "Variable reference is not valid. '$' was not followed by a valid variable name character. " +
    'Consider using ${} to delimit the name.',
  foreachParen: "Missing opening '(' after keyword 'foreach'.",
  foreachVariable: 'Missing variable name after foreach.',
  foreachIn: "Missing 'in' after variable in foreach loop.",
  foreachClose: "Missing closing ')' after expression in 'foreach' statement.",
  foreachBody: 'Missing statement body in foreach loop.',
  tooDeep: 'The script is nested too deeply.',
  unsupportedKeyword: (word: string) =>
    `The '${word}' statement is not supported here. This chat runs the MSCommerce cmdlets, variable ` +
    'assignments, foreach loops, and pipelines through Where-Object, ForEach-Object, Format-Table and Format-List.',
  unsupportedOperator: (op: string) =>
    `The '${op}' operator is not supported here. Use -eq, -ne, -like, -notlike, -match or -notmatch, ` +
    'joined by -and or -or.',
  scriptBlockArgument:
    'A script block can only follow Where-Object, ForEach-Object or a foreach loop here.',
  whereFilter:
    "Where-Object needs a filter here, for example Where-Object { $_.PolicyValue -eq 'Enabled' }.",
  forEachBlock:
    'ForEach-Object needs a script block here, for example ForEach-Object { $_.ProductId }.',
  formatLast: 'Format-Table and Format-List must be the last command of a pipeline.',
  methodCall: 'Method calls are not supported here.',
  assignmentTarget: 'Only a plain variable such as $products can be assigned here.',
  valueAfterAssignment:
    "You must provide a value expression on the right-hand side of the '=' operator.",
  foreachCollection: "Missing foreach loop collection after 'in'.",
  expressionAfterParen: "An expression was expected after '('.",
  formatNames: 'Format-Table and Format-List take property names only here.',
} as const;

/** How a failure of the module's web calls reads (§6.1): the module writes it from its HandleError function. */
export function handleErrorText(
  context: string,
  status: number,
  reason: string,
  details: string,
): string {
  return (
    `HandleError : ${context}, ErrorMessage - The remote server returned an error: (${status}) ${reason}. ` +
    `ErrorDetails - ${details}`
  );
}

/** PowerShell's "At line:L char:C" block under an error, with the line and a ~ under the culprit. */
export function positionText(source: string, offset: number, length: number): string {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const lineEnd = source.indexOf('\n', offset);
  const lineText = source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trimEnd();
  const column = offset - lineStart;
  // Like PowerShell, show a long line only around the culprit, with "..." where it was cut.
  const from = lineText.length > ECHO_WIDTH ? Math.max(0, column - 40) : 0;
  const to = Math.min(lineText.length, from + ECHO_WIDTH);
  const head = from > 0 ? '... ' : '';
  const shown = `${head}${lineText.slice(from, to)}${to < lineText.length ? ' ...' : ''}`;
  const caret = head.length + column - from;
  const width = Math.max(1, Math.min(length, to - column));
  return [
    `At line:${line} char:${column + 1}`,
    `+ ${shown}`,
    `+ ${' '.repeat(caret)}${'~'.repeat(width)}`,
  ].join('\n');
}

const ECHO_WIDTH = 120;
