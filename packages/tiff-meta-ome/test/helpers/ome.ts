/** Shared fixtures: requests with sensible defaults, and a log of every document a test file produces. */
import { expect, it } from 'vitest';
import { type OmeImageRequest, OmeXml, type OmeXmlOptions, planOmeImage } from '../../src/index.js';
import { validateAgainstOmeSchema, xmllintMissing } from './xmllint.js';

export const UUID = '0f0e0d0c-0b0a-4908-8706-050403020100';

export const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
  'xsi:schemaLocation="http://www.openmicroscopy.org/Schemas/OME/2016-06 ' +
  'http://www.openmicroscopy.org/Schemas/OME/2016-06/ome.xsd" ' +
  `UUID="urn:uuid:${UUID}" Creator="tiffkit">`;

export const TAIL = '</OME>';

/** A request for `shape`: uint16, one sample, one page per 2-D plane, unless overridden. */
export function request(
  shape: readonly number[],
  metadata: Readonly<Record<string, unknown>> = {},
  extra: Partial<OmeImageRequest> = {},
): OmeImageRequest {
  const samples = extra.samples ?? 1;
  const pages = extra.pages ?? product(shape.slice(0, samples > 1 ? -3 : -2));
  return { shape, dtype: 'uint16', samples, planar: false, pages, metadata, index: 0, ...extra };
}

export function product(values: readonly number[]): number {
  return values.reduce((a, b) => a * b, 1);
}

const produced: { name: string; xml: string }[] = [];

/** `doc.toString()`, remembered for the schema check at the end of the test file. */
export function render(doc: OmeXml, name = expect.getState().currentTestName ?? 'document'): string {
  const xml = doc.toString();
  produced.push({ name, xml });
  return xml;
}

/** A one-image document for `req` (the first write's metadata is also the document's). */
export function single(req: OmeImageRequest, options: OmeXmlOptions = {}): string {
  const doc = new OmeXml(req.metadata, { uuid: UUID, ...options });
  const plan = planOmeImage(req);
  doc.addImage(plan, { ifd: 0, planeCount: plan.planeCount });
  return render(doc);
}

/** The image elements only (between the root's start tag and StructuredAnnotations/end). */
export function body(xml: string): string {
  expect(xml.startsWith(HEAD)).toBe(true);
  expect(xml.endsWith(TAIL)).toBe(true);
  return xml.slice(HEAD.length, -TAIL.length);
}

/** Call last in a test file: every document rendered above must validate against ome.xsd. */
export function schemaCheckOfProducedDocuments(): void {
  it.skipIf(xmllintMissing())('every document produced in this file validates against the OME 2016-06 schema', () => {
    expect(produced.length).toBeGreaterThan(0);
    const invalid = validateAgainstOmeSchema(produced).filter((result) => !result.valid);
    expect(invalid.map((r) => `${r.name}:\n${r.messages}`)).toEqual([]);
  });
}
