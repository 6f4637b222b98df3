/**
 * The smallest TypeScript loader for the webpack test (what ts-loader does with transpileOnly): type
 * checking is the job of `pnpm lint`.
 */
const ts = require('typescript');

module.exports = function transpile(source) {
  const options = { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false };
  return ts.transpileModule(source, { compilerOptions: options, fileName: this.resourcePath }).outputText;
};
