/**
 * The fast reading of an ECS line: one pass over the text that keeps only
 * the fields beaconwatch reads (the statistics', the filters', the
 * grouping's) and steps over the rest, checking the JSON grammar as it goes.
 * Nothing of the line becomes an object unless it is kept.
 *
 * It gives exactly what JSON.parse followed by `readField` gives, or
 * declines: on anything it does not handle plainly (an escape in a string,
 * an array of objects on a kept path, a field met twice, any syntax error)
 * it returns undefined and the general reading decides, error messages
 * included. A test holds the two readings equal over every input we have.
 */
import type { JsonPrimitive } from './fieldPath.js';

/** Kept fields by dotted name: one value, or the values of an array. */
export type ScannedFields = Record<string, JsonPrimitive | JsonPrimitive[]>;

/** A step of a kept path; `field` is set where a kept field ends. */
interface PathNode {
  readonly children: Map<string, PathNode>;
  field: string | undefined;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/** Thrown inside the scan: the line is left to the general reading. */
const DECLINE = Symbol('decline');

export class EcsLineScanner {
  private readonly root: PathNode = { children: new Map(), field: undefined };
  private line = '';
  private at = 0;
  private out: ScannedFields = {};

  constructor(fields: readonly string[]) {
    for (const field of fields) {
      let node = this.root;
      for (const segment of field.split('.')) {
        let child = node.children.get(segment);
        if (child === undefined) {
          child = { children: new Map(), field: undefined };
          node.children.set(segment, child);
        }
        node = child;
      }
      node.field = field;
    }
  }

  /** The kept fields of one line, or undefined to leave it to the general reading. */
  scan(line: string): ScannedFields | undefined {
    this.line = line;
    this.at = 0;
    this.out = {};
    try {
      this.space();
      if (this.code() !== OPEN_BRACE) return undefined;
      this.object(this.root);
      this.space();
      return this.at === line.length ? this.out : undefined;
    } catch (err) {
      if (err === DECLINE) return undefined;
      throw err;
    }
  }

  private code(): number {
    return this.line.charCodeAt(this.at);
  }

  private space(): void {
    for (let c = this.code(); c === 32 || c === 9 || c === 10 || c === 13; c = this.code()) this.at++;
  }

  private expect(code: number): void {
    if (this.code() !== code) throw DECLINE;
    this.at++;
  }

  /** An object whose keys continue the paths below `node` (undefined: kept nowhere). */
  private object(node: PathNode | undefined): void {
    this.expect(OPEN_BRACE);
    this.space();
    if (this.code() === CLOSE_BRACE) {
      this.at++;
      return;
    }
    // Keys of this object that lead somewhere: a repeat would make JSON.parse
    // drop the first one's values, so it is declined.
    const leading: string[] = [];
    for (;;) {
      const key = this.string();
      this.space();
      this.expect(COLON);
      this.space();
      const next = node === undefined ? undefined : this.step(node, key);
      if (next !== undefined) {
        if (leading.includes(key)) throw DECLINE;
        leading.push(key);
      }
      this.value(next);
      this.space();
      const c = this.code();
      this.at++;
      if (c === CLOSE_BRACE) return;
      if (c !== COMMA) throw DECLINE;
      this.space();
    }
  }

  /** Where a key leads from `node`; a dotted key walks several steps. */
  private step(node: PathNode, key: string): PathNode | undefined {
    const direct = node.children.get(key);
    if (direct !== undefined || !key.includes('.')) return direct;
    let walked: PathNode | undefined = node;
    for (const segment of key.split('.')) walked = walked?.children.get(segment);
    return walked;
  }

  /** A value at `node`: kept when a field ends there, walked into when paths go on. */
  private value(node: PathNode | undefined): void {
    const c = this.code();
    if (c === OPEN_BRACE) {
      // Paths go on inside objects only; an object where a field ends holds no value of it.
      this.object(node !== undefined && node.children.size > 0 ? node : undefined);
      return;
    }
    const field = node?.field;
    if (c === OPEN_BRACKET) {
      // An array where paths go on holds objects to walk: the general reading's.
      if (node !== undefined && node.children.size > 0) throw DECLINE;
      this.array(field);
      return;
    }
    const primitive = this.primitive();
    if (field !== undefined && primitive !== null) this.keep(field, primitive);
  }

  /** An array: its primitives kept where a field ends; objects inside kept paths declined. */
  private array(field: string | undefined): void {
    this.expect(OPEN_BRACKET);
    this.space();
    const values: JsonPrimitive[] = [];
    if (this.code() === CLOSE_BRACKET) this.at++;
    else {
      for (;;) {
        const c = this.code();
        if (c === OPEN_BRACE || c === OPEN_BRACKET) {
          // Nested structures on a kept path are the general reading's.
          if (field !== undefined) throw DECLINE;
          if (c === OPEN_BRACE) this.object(undefined);
          else this.array(undefined);
        } else {
          const primitive = this.primitive();
          if (primitive !== null) values.push(primitive);
        }
        this.space();
        const next = this.code();
        this.at++;
        if (next === CLOSE_BRACKET) break;
        if (next !== COMMA) throw DECLINE;
        this.space();
      }
    }
    if (field !== undefined && values.length > 0) this.keep(field, values);
  }

  private keep(field: string, value: JsonPrimitive | JsonPrimitive[]): void {
    // A field met twice (a key repeated, or dotted and nested forms both
    // present) is left to the general reading, which knows which one wins.
    if (field in this.out) throw DECLINE;
    this.out[field] = value;
  }

  /** A string, number, true, false or null (null is kept by nobody). */
  private primitive(): JsonPrimitive | null {
    const c = this.code();
    if (c === QUOTE) return this.string();
    if (c === MINUS || (c >= ZERO && c <= NINE)) return this.number();
    for (const [word, value] of LITERALS) {
      if (this.line.startsWith(word, this.at)) {
        this.at += word.length;
        return value;
      }
    }
    throw DECLINE;
  }

  /** A string without escapes or control characters (others are declined). */
  private string(): string {
    this.expect(QUOTE);
    const start = this.at;
    const end = this.line.indexOf('"', start);
    if (end === -1) throw DECLINE;
    for (let i = start; i < end; i++) {
      const c = this.line.charCodeAt(i);
      if (c === BACKSLASH || c < 32) throw DECLINE;
    }
    this.at = end + 1;
    return this.line.slice(start, end);
  }

  /** A number as JSON writes it: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)? */
  private number(): number {
    const start = this.at;
    if (this.code() === MINUS) this.at++;
    if (this.code() === ZERO) this.at++;
    else if (!this.digits()) throw DECLINE;
    if (this.code() === DOT) {
      this.at++;
      if (!this.digits()) throw DECLINE;
    }
    const e = this.code();
    if (e === 101 || e === 69) {
      this.at++;
      if (this.code() === PLUS || this.code() === MINUS) this.at++;
      if (!this.digits()) throw DECLINE;
    }
    return Number(this.line.slice(start, this.at));
  }

  private digits(): boolean {
    const start = this.at;
    for (let c = this.code(); c >= ZERO && c <= NINE; c = this.code()) this.at++;
    return this.at > start;
  }
}

const LITERALS: readonly (readonly [string, JsonPrimitive | null])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];
