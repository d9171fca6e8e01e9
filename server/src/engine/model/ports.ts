/**
 * EXPOSE port specifications: `port[/proto]`, `low-high[/proto]`, and the malformed forms
 * Docker users write (`8080:80`, `0.0.0.0:80`, `80/TCP`, `70000`). One reader for the EXPOSE
 * rules (expose-ssh, expose-privileged-port, expose-sensitive-port, expose-invalid).
 */

export type PortProblem = 'mapping' | 'outOfRange' | 'reversedRange' | 'protocolCase' | 'unknownProtocol' | 'malformed';

export interface PortSpec {
  readonly low: number;
  readonly high: number;
  /** Protocol as written (`tcp`, `UDP`); undefined when none is given. */
  readonly protocol: string | undefined;
  /** Text before the last `:` (`8080`, `127.0.0.1:8080`): a host mapping EXPOSE cannot express. */
  readonly host: string | undefined;
  /** Offset of the protocol (after the slash) in the spec text; undefined without one. */
  readonly protocolAt: number | undefined;
}

/** Protocols Docker accepts in EXPOSE (sctp included since Docker 18.03). */
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/** Parses one EXPOSE word after variable substitution; `spec` is undefined when no port can be read. */
export function parsePortSpec(text: string): { spec: PortSpec | undefined; problems: PortProblem[] } {
  const colon = text.lastIndexOf(':');
  const host = colon >= 0 ? text.slice(0, colon) : undefined;
  const rest = text.slice(colon + 1);
  const slash = rest.indexOf('/');
  const ports = slash >= 0 ? rest.slice(0, slash) : rest;
  const protocol = slash >= 0 ? rest.slice(slash + 1) : undefined;
  const m = /^(\d+)(?:-(\d+))?$/.exec(ports);
  if (!m) return { spec: undefined, problems: ['malformed'] };
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  const problems: PortProblem[] = [];
  if (host !== undefined) problems.push('mapping');
  if (low < 1 || high > 65535 || low > 65535) problems.push('outOfRange');
  else if (high < low) problems.push('reversedRange');
  if (protocol !== undefined) {
    if (PROTOCOLS.has(protocol.toLowerCase())) {
      if (protocol !== protocol.toLowerCase()) problems.push('protocolCase');
    } else problems.push('unknownProtocol');
  }
  return { spec: { low, high, protocol, host, protocolAt: slash >= 0 ? colon + 1 + slash + 1 : undefined }, problems };
}
