// Where a registry domain (as `parseReference` normalises it) answers the distribution API.

import { DEFAULT_DOMAIN } from '../reference.js';

/** Docker Hub's API host: `docker.io` is only the name people write. */
export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface RegistryEndpoint {
  /** The domain as written in references, e.g. `docker.io` or `127.0.0.1:5000`. */
  readonly domain: string;
  /** Scheme, host and port, no trailing slash: `https://registry-1.docker.io`. */
  readonly baseUrl: string;
  /** Whether requests go over plain HTTP. */
  readonly insecure: boolean;
}

export interface EndpointOptions {
  /**
   * Domains to reach over plain HTTP, like docker's `insecure-registries`: `host:port` matches that port
   * only, a bare `host` matches any port. A scheme or trailing slash is ignored.
   */
  readonly insecureRegistries?: readonly string[] | undefined;
}

export function registryEndpoint(domain: string, options: EndpointOptions = {}): RegistryEndpoint {
  const normalised = domain.toLowerCase();
  if (normalised === DEFAULT_DOMAIN) {
    return { domain: normalised, baseUrl: `https://${DOCKER_HUB_API_HOST}`, insecure: false };
  }
  const insecure = isLoopback(normalised) || isMarkedInsecure(normalised, options.insecureRegistries ?? []);
  return { domain: normalised, baseUrl: `${insecure ? 'http' : 'https'}://${normalised}`, insecure };
}

/** The host of a `host[:port]` domain, IPv6 brackets kept: `[::1]:5000` → `[::1]`. */
export function hostOf(domain: string): string {
  if (domain.startsWith('[')) {
    const close = domain.indexOf(']');
    return close < 0 ? domain : domain.slice(0, close + 1);
  }
  const colon = domain.lastIndexOf(':');
  return colon < 0 ? domain : domain.slice(0, colon);
}

function isLoopback(domain: string): boolean {
  return LOOPBACK_HOSTS.has(hostOf(domain));
}

function isMarkedInsecure(domain: string, marked: readonly string[]): boolean {
  const host = hostOf(domain);
  return marked.some((entry) => {
    const bare = entry
      .trim()
      .toLowerCase()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .replace(/\/+$/, '');
    return bare === domain || bare === host;
  });
}
