import { describe, expect, it } from 'vitest';
import { request, schemaCheckOfProducedDocuments, single } from './helpers/ome.js';
import { toolMissing, validateAgainstOmeSchema, xmllintMissing } from './helpers/xmllint.js';

describe('the schema harness', () => {
  it('fails under REQUIRE_INTEROP=1 when xmllint is missing, and skips with a notice otherwise', () => {
    const notices: string[] = [];
    expect(() => toolMissing('xmllint', false, true, () => notices.push('n'))).toThrow('REQUIRE_INTEROP=1');
    expect(toolMissing('xmllint', false, false, () => notices.push('n'))).toBe(true);
    expect(toolMissing('xmllint', true, true, () => notices.push('n'))).toBe(false);
    expect(notices).toEqual(['n']);
  });

  describe.skipIf(xmllintMissing())('with xmllint', () => {
    const good = single(request([2, 8, 8], { axes: 'CYX', PhysicalSizeX: 0.5, PhysicalSizeXUnit: 'µm' }));

    it('accepts a tiffkit document and rejects what tifffile-style or hand-made mistakes produce', () => {
      const cases = [
        { name: 'good', xml: good },
        // Python's str(True): not an xsd:boolean.
        { name: 'True', xml: good.replace('SizeT="1"', 'SizeT="1" Interleaved="True"') },
        // ASCII 'um' is not in UnitsLength.
        { name: 'um', xml: good.replace('PhysicalSizeXUnit="µm"', 'PhysicalSizeXUnit="um"') },
        // Python's str(datetime) uses a space.
        { name: 'date', xml: good.replace('<Pixels', '<AcquisitionDate>2024-01-01 10:00:00</AcquisitionDate><Pixels') },
        { name: 'no SizeX', xml: good.replace(' SizeX="8"', '') },
        {
          name: 'Channel order',
          xml: good
            .replace(/<Channel [^>]*><LightPath\/><\/Channel>/, '')
            .replace('</Pixels>', '<Channel ID="Channel:0:9"/></Pixels>'),
        },
      ];
      const results = validateAgainstOmeSchema(cases);
      expect(results.map((r) => [r.name, r.valid])).toEqual([
        ['good', true],
        ['True', false],
        ['um', false],
        ['date', false],
        ['no SizeX', false],
        ['Channel order', false],
      ]);
      expect(results[1]?.messages).toContain("'True' is not a valid value");
      expect(results[4]?.messages).toContain("attribute 'SizeX' is required");
    });

    it('reports documents that are not even well-formed', () => {
      const [result] = validateAgainstOmeSchema([{ name: 'broken', xml: good.slice(0, -6) }]);
      expect(result?.valid).toBe(false);
      expect(result?.messages).not.toBe('');
    });
  });
});

schemaCheckOfProducedDocuments();
