import { iamCatalog, type IamCatalog } from './catalog.js';
import { compileGlob } from './glob.js';

/**
 * The actions an action pattern stands for (`s3:Put*`, `*:Describe*`, `ec2:?escribe*`),
 * from the IAM catalog, as canonical `service:Action` names sorted. Matching is
 * case-insensitive as IAM's is; an invalid pattern expands to nothing.
 */
export function expandAction(pattern: string, catalog: IamCatalog = iamCatalog()): string[] {
  const sep = pattern.indexOf(':');
  const servicePart = pattern === '*' ? '*' : sep > 0 ? pattern.slice(0, sep) : undefined;
  const actionPart = pattern === '*' ? '*' : sep > 0 ? pattern.slice(sep + 1) : undefined;
  if (servicePart === undefined || actionPart === undefined || actionPart === '') return [];
  const serviceRe = compileGlob(servicePart, true);
  const actionRe = compileGlob(actionPart, true);
  const out: string[] = [];
  for (const service of catalog.serviceNames()) {
    if (!serviceRe.test(service)) continue;
    for (const [lower, name] of catalog.actions(service) ?? []) {
      if (actionRe.test(lower)) out.push(`${service}:${name}`);
    }
  }
  return out.sort();
}
