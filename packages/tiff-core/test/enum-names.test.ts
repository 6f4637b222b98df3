/**
 * The name types (`PhotometricName`, …) are built from the tables and alias tables in lower and upper
 * case; this checks that `parseEnum` accepts every such spelling, so the types never offer a name the
 * run time refuses.
 */
import { describe, expect, it } from 'vitest';
import {
  Compression,
  CompressionAliases,
  ExtraSample,
  ExtraSampleAliases,
  Photometric,
  PlanarConfig,
  PlanarConfigAliases,
  Predictor,
  parseEnum,
  ResolutionUnit,
  ResolutionUnitAliases,
} from '../src/index.js';

const tables = [
  ['photometric', Photometric, {}],
  ['planarConfig', PlanarConfig, PlanarConfigAliases],
  ['extraSamples', ExtraSample, ExtraSampleAliases],
  ['resolutionUnit', ResolutionUnit, ResolutionUnitAliases],
  ['predictor', Predictor, {}],
  ['compression', Compression, CompressionAliases],
] as const;

describe.each(tables)('%s names', (option, members, aliases) => {
  const spellings = [...Object.entries(members), ...Object.entries(aliases)].flatMap(([name, code]) => {
    // Upper-casing the micro sign gives a Greek capital mu: the types leave that spelling out.
    const upper = name === 'µm' ? [] : [[name.toUpperCase(), code] as const];
    return [[name.toLowerCase(), code] as const, ...upper];
  });

  it('parse in lower and upper case to their code', () => {
    for (const [spelling, code] of spellings) expect(parseEnum(members, spelling, option, aliases)).toBe(code);
  });

  it('parse the aliases only through the alias table', () => {
    for (const name of Object.keys(aliases)) expect(() => parseEnum(members, name, option)).toThrow(/is invalid/);
  });
});
