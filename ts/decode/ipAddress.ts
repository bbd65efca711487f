/**
 * IP addresses as Elasticsearch's `ip` field holds them: every address is
 * 128 bits, an IPv4 address being its IPv4-mapped IPv6 form
 * (`::ffff:a.b.c.d`). That one representation gives CIDR matching across
 * families, the sort order of multi-valued fields, and the canonical text
 * (IPv4 dotted, IPv6 compressed lowercase per RFC 5952, mapped IPv4 shown as
 * IPv4) that the reference reports and groups by.
 */

export interface IpAddress {
  /** Canonical text. */
  readonly text: string;
  /** The 128 bits as four big-endian 32-bit words. */
  readonly words: readonly [number, number, number, number];
}

/**
 * Parses dotted-quad IPv4 text into a 32-bit number, or undefined. Each part
 * is 0, or 1 to 3 digits without a leading zero (Elasticsearch refuses
 * those: octal or decimal?), at most 255. Read by character codes: it runs
 * for nearly every event.
 */
function parseIpv4(text: string): number | undefined {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? 46 : text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255 || ++parts > 4) return undefined;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && part === 0) return undefined;
      if (++digits > 3) return undefined;
      part = part * 10 + (c - 48);
    } else return undefined;
  }
  return parts === 4 ? value : undefined;
}

/** Parses IPv6 text (with `::` and an optional IPv4 tail) into 8 groups. */
function parseIpv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  // Only the very end of an address may be an IPv4 part.
  const parseSide = (side: string, endsAddress: boolean): number[] | undefined => {
    if (side === '') return [];
    const groups: number[] = [];
    const pieces = side.split(':');
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] as string;
      if (endsAddress && i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4(piece);
        if (v4 === undefined) return undefined;
        groups.push(Math.floor(v4 / 65536), v4 % 65536);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return groups;
  };
  const head = parseSide(halves[0] as string, halves.length === 1);
  const tail = halves.length === 2 ? parseSide(halves[1] as string, true) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  // `::` must stand for at least one zero group.
  if (head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/**
 * Addresses repeat (a few hosts talk to a few servers): parsed ones are
 * kept, up to a bound, and the map starts over when full.
 */
const PARSED_LIMIT = 1 << 16;
const parsed = new Map<string, IpAddress | null>();

/** Parses an IPv4 or IPv6 address; a zone (`%eth0`) is dropped. */
export function parseIp(input: string): IpAddress | undefined {
  const known = parsed.get(input);
  if (known !== undefined) return known ?? undefined;
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  const ip = parseUncached(input);
  parsed.set(input, ip ?? null);
  return ip;
}

function parseUncached(input: string): IpAddress | undefined {
  const text = input.trim();
  if (text === '' || text.length > 64) return undefined;
  const v4 = parseIpv4(text);
  // Dotted text that parses (no leading zeros, no spaces) is already canonical.
  if (v4 !== undefined) return { text, words: [0, 0, 0xffff, v4] };
  const zone = text.indexOf('%');
  const groups = parseIpv6Groups(zone === -1 ? text : text.slice(0, zone));
  if (groups === undefined) return undefined;
  const words = [0, 1, 2, 3].map((w) => (groups[2 * w] as number) * 65536 + (groups[2 * w + 1] as number)) as [
    number,
    number,
    number,
    number,
  ];
  if (words[0] === 0 && words[1] === 0 && words[2] === 0xffff) return fromIpv4(words[3]);
  return { text: formatIpv6(groups), words };
}

function fromIpv4(v4: number): IpAddress {
  const text = [v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255].join('.');
  return { text, words: [0, 0, 0xffff, v4] };
}

/** RFC 5952: lowercase, no leading zeros, the first longest run of two or more zero groups as `::`. */
function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Orders addresses as Elasticsearch sorts `ip` doc values: by their 128 bits. */
export function compareIp(a: IpAddress, b: IpAddress): number {
  for (let w = 0; w < 4; w++) {
    const d = (a.words[w] as number) - (b.words[w] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/** The smallest address of a list (what the reference's `doc[...].value` reads). */
export function smallestIp(ips: readonly IpAddress[]): IpAddress | undefined {
  let best: IpAddress | undefined;
  for (const ip of ips) if (best === undefined || compareIp(ip, best) < 0) best = ip;
  return best;
}
