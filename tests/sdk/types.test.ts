import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/typed-misuse.ts', import.meta.url));
// The same code without its directives, compiled next to it so its imports resolve the same way.
const STRIPPED = FIXTURE.replace(/\.ts$/, '.stripped.ts');

/** Compiles the fixture and its stripped twin in one program, with the project's compiler options. */
function compile(): { fixture: readonly ts.Diagnostic[]; stripped: readonly ts.Diagnostic[]; expectedLines: number[] } {
  const source = readFileSync(FIXTURE, 'utf8');
  const lines = source.split('\n');
  const expectedLines = lines.flatMap((line, i) => (/^\s*\/\/ @ts-expect-error/.test(line) ? [i + 1] : []));
  const stripped = lines.map((line) => line.replace(/^(\s*)\/\/ @ts-expect-error.*/, '$1//')).join('\n');

  const configFile = ts.readConfigFile(`${ROOT}/tsconfig.json`, (path) => ts.sys.readFile(path));
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, version, ...rest) =>
    fileName === STRIPPED ? ts.createSourceFile(fileName, stripped, version) : getSourceFile(fileName, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => fileName === STRIPPED || fileExists(fileName);

  const program = ts.createProgram([FIXTURE, STRIPPED], { ...options, noEmit: true }, host);
  const diagnosticsOf = (file: string) => [...program.getSyntacticDiagnostics(program.getSourceFile(file)), ...program.getSemanticDiagnostics(program.getSourceFile(file))];
  return { fixture: diagnosticsOf(FIXTURE), stripped: diagnosticsOf(STRIPPED), expectedLines };
}

const lineOf = (d: ts.Diagnostic) => (d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : -1);
const text = (d: ts.Diagnostic) => `${lineOf(d)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;

describe('typed documents and the SDK API reject wrong variable types at compile time', () => {
  const { fixture, stripped, expectedLines } = compile();

  it('the fixture compiles: right calls pass and every expected error occurs', () => {
    expect(fixture.map(text)).toEqual([]);
    expect(expectedLines.length).toBeGreaterThanOrEqual(10);
  });

  it('without the directives, exactly the marked lines fail to compile', () => {
    const failing = [...new Set(stripped.map(lineOf))].sort((a, b) => a - b);
    expect(failing).toEqual(expectedLines.map((line) => line + 1));
  });
});
