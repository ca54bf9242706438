/*
 * Which addresses a webhook may reach (SSRF): receivers are outside our control, and a URL that
 * resolves into our own network (loopback, private ranges, link-local such as cloud metadata at
 * 169.254.169.254) must not be fetched on their behalf. Only loopback can be allowed, by an explicit
 * setting, for tests and local use.
 */

export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'reserved';

function ipv4(address: string): number[] | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^[0-9]{1,3}$/.test(part))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function classifyIpv4([a, b]: number[]): AddressClass {
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b! >= 64 && b! <= 127) return 'private'; // carrier-grade NAT, shared address space
  if (a === 169 && b === 254) return 'link-local';
  if (a === 0 || a! >= 224) return 'reserved'; // "this network", multicast, reserved, broadcast
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address, or undefined if it is not one. */
function ipv6(address: string): number[] | undefined {
  let text = address
    .replace(/^\[|\]$/g, '')
    .split('%')[0]!
    .toLowerCase();
  const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const v4 = ipv4(tail[1]!);
    if (!v4) return undefined;
    const high = ((v4[0]! << 8) | v4[1]!).toString(16);
    const low = ((v4[2]! << 8) | v4[3]!).toString(16);
    text = `${text.slice(0, tail.index)}:${high}:${low}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  const missing = 8 - head.length - rest.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest];
  if (!all.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return undefined;
  return all.map((group) => parseInt(group, 16));
}

function classifyIpv6(groups: number[]): AddressClass {
  const [first] = groups;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return classifyIpv4([groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255]);
  if (groups.slice(0, 7).every((g) => g === 0)) return groups[7] === 1 ? 'loopback' : 'reserved';
  if ((first! & 0xfe00) === 0xfc00) return 'private'; // unique local fc00::/7
  if ((first! & 0xffc0) === 0xfe80) return 'link-local';
  if ((first! & 0xff00) === 0xff00) return 'reserved'; // multicast
  return 'public';
}

/** The class of an IP address literal, or undefined when the text is not an IP address. */
export function classifyAddress(address: string): AddressClass | undefined {
  const v4 = ipv4(address);
  if (v4) return classifyIpv4(v4);
  const v6 = ipv6(address);
  return v6 ? classifyIpv6(v6) : undefined;
}

export interface ReachPolicy {
  /** COFUND_WEBHOOKS_ALLOW_LOOPBACK: loopback receivers, for tests and local use. */
  allowLoopback: boolean;
}

/** Why an address may not be reached, or undefined when it may. */
export function refusal(address: string, policy: ReachPolicy): string | undefined {
  const kind = classifyAddress(address);
  if (kind === undefined || kind === 'public') return undefined;
  if (kind === 'loopback' && policy.allowLoopback) return undefined;
  return `${address} is a ${kind} address: webhooks reach public addresses only`;
}
