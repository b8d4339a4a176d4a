import { describe, expect, it } from 'vitest';
import { COLLECTOR_CATALOGUE } from './catalogue.js';
import { collectorById, COLLECTORS } from './registry.js';

describe('collector registry', () => {
  it('has exactly the catalogue ids, in catalogue order', () => {
    expect(COLLECTORS.map((c) => c.id)).toEqual(COLLECTOR_CATALOGUE.map((e) => e.id));
  });

  it.each(COLLECTOR_CATALOGUE.map((e) => [e.id, e] as const))(
    '%s matches its catalogue entry (scope, section, apis)',
    (id, entry) => {
      const c = collectorById(id);
      expect(c).toBeDefined();
      expect({ scope: c?.scope, section: c?.section, apis: c?.apis }).toEqual({
        scope: entry.scope,
        section: entry.section,
        apis: [...entry.apis],
      });
    },
  );

  it('names each api with the service prefix of the collector', () => {
    for (const c of COLLECTORS) {
      for (const api of c.apis) expect(api.split(':')[0]).toBe(c.service);
    }
  });
});
