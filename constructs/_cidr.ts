/**
 * CIDR arithmetic for NetworkPolicy ipBlocks (IPv4 and IPv6), locale- and platform-free.
 * @internal
 */

/** A parsed CIDR: family width, network bits and prefix. @internal */
export interface Cidr {
  /** 32 for IPv4, 128 for IPv6. */
  readonly bits: number;
  /** Network address with host bits cleared. */
  readonly network: bigint;
  /** Prefix length. */
  readonly prefix: number;
  /** The canonical text, as given when its host bits are clear. */
  readonly text: string;
}

function parseV4(ip: string): bigint | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
}

function parseV6(ip: string): bigint | undefined {
  if (!/^[0-9a-fA-F:]+$/.test(ip) || (ip.match(/::/g) ?? []).length > 1) return undefined;
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
  const groups = [...h, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...t];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/**
 * Parses `a.b.c.d/n` or an IPv6 `x::y/n`; returns a reason string when it is not a CIDR with its
 * host bits clear (Kubernetes rejects those).
 * @internal
 */
export function parseCidr(text: string): Cidr | string {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!m) return `"${text}" is not a CIDR such as 10.0.0.0/8`;
  const v4 = parseV4(m[1]);
  const addr = v4 ?? parseV6(m[1]);
  const bits = v4 !== undefined ? 32 : 128;
  const prefix = Number(m[2]);
  if (addr === undefined || prefix > bits) return `"${text}" is not a CIDR such as 10.0.0.0/8`;
  const hostMask = (1n << BigInt(bits - prefix)) - 1n;
  if ((addr & hostMask) !== 0n) return `"${text}" has host bits set; write the network address`;
  return { bits, network: addr, prefix, text };
}

/** Whether `outer` contains every address of `inner` (same family). @internal */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.bits !== inner.bits || inner.prefix < outer.prefix) return false;
  const shift = BigInt(outer.bits - outer.prefix);
  return inner.network >> shift === outer.network >> shift;
}
