import { OmeError } from './errors.js';
import type { XmlTreeElement } from './xml-tree.js';

/** Typed access to parsed elements: children by name, attributes as numbers, booleans, camelCase keys. */

export function children(e: XmlTreeElement | undefined, name: string): XmlTreeElement[] {
  return e === undefined ? [] : e.children.filter((child) => child.name === name);
}

export function childText(e: XmlTreeElement, name: string): string | undefined {
  return children(e, name)[0]?.text;
}

export function refs(e: XmlTreeElement, name: string): string[] {
  return children(e, name).map((ref) => ref.attributes.get('ID') ?? '');
}

export function id(e: XmlTreeElement): string {
  return e.attributes.get('ID') ?? '';
}

/** `{ key: value }` when value is defined, else `{}` (keeps absent attributes absent, not `undefined`). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function camel(name: string): string {
  return name === 'NDFilter' ? 'ndFilter' : name[0]?.toLowerCase() + name.slice(1);
}

export function strings(e: XmlTreeElement, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = e.attributes.get(name);
    if (value !== undefined) out[camel(name)] = value;
  }
  return out;
}

export function numbers(e: XmlTreeElement, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names) {
    const value = number(e, name);
    if (value !== undefined) out[camel(name)] = value;
  }
  return out;
}

export function integers(e: XmlTreeElement, names: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of names) {
    const value = integer(e, name);
    if (value !== undefined) out[camel(name)] = value;
  }
  return out;
}

export function number(e: XmlTreeElement, name: string): number | undefined {
  const value = e.attributes.get(name);
  return value === undefined ? undefined : parseNumber(value, `<${e.name}> ${name}`);
}

export function integer(e: XmlTreeElement, name: string): number | undefined {
  const value = e.attributes.get(name);
  if (value === undefined) return undefined;
  const n = Number(parseInteger(value, `<${e.name}> ${name}`));
  if (!Number.isSafeInteger(n)) throw new OmeError('INVALID_DATA', `<${e.name}> ${name}="${value}" is out of range`);
  return n;
}

export function boolean(e: XmlTreeElement, name: string): boolean | undefined {
  const value = e.attributes.get(name);
  return value === undefined ? undefined : parseBoolean(value, `<${e.name}> ${name}`);
}

/** xsd:float / xsd:double lexical forms, including INF, -INF and NaN. */
export function parseNumber(text: string, where: string): number {
  const value = text.trim();
  if (value === 'INF' || value === '+INF') return Number.POSITIVE_INFINITY;
  if (value === '-INF') return Number.NEGATIVE_INFINITY;
  if (value === 'NaN') return Number.NaN;
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(value)) {
    throw new OmeError('INVALID_DATA', `${where}="${text}" is not a number`);
  }
  return Number(value);
}

export function parseInteger(text: string, where: string): bigint {
  const value = text.trim();
  if (!/^[+-]?\d+$/.test(value)) throw new OmeError('INVALID_DATA', `${where}="${text}" is not an integer`);
  return BigInt(value);
}

export function parseBoolean(text: string, where: string): boolean {
  const value = text.trim();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new OmeError('INVALID_DATA', `${where}="${text}" is not a boolean`);
}
