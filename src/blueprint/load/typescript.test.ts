import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTemp } from '../../../test/helpers/blueprint.js';
import { loadBlueprint } from './index.js';

const SCHEMA = join(import.meta.dirname, '..', 'schema', 'blueprint.ts');

const source = (ou: string) => `import { defineBlueprint } from ${JSON.stringify(SCHEMA)};

export default defineBlueprint({
  apiVersion: 'orgward/v1',
  metadata: { name: 'ts-org' },
  organization: {
    managementAccount: 'management',
    homeRegion: 'eu-west-1',
    governedRegions: ['eu-west-1'],
    enabledPolicyTypes: ['scp'],
  },
  organizationalUnits: [{ id: 'workloads', name: 'Workloads' }],
  accounts: [
    { id: 'management', name: 'M', email: 'm@example.com', ou: 'root', role: 'management' },
    { id: 'security', name: 'S', email: 's@example.com', ou: 'workloads', role: 'security-tooling' },
    { id: 'logs', name: 'L', email: 'l@example.com', ou: 'workloads', role: 'log-archive' },
    {
      id: 'app',
      name: 'App',
      email: 'app@example.com',
      ou: '${ou}',
      role: 'workload',
    },
  ],
});
`;

describe('TypeScript blueprints', () => {
  it('loads a defineBlueprint module with the same validation as YAML', async () => {
    const dir = writeTemp({ 'blueprint.ts': source('workloads') });
    const r = await loadBlueprint(join(dir, 'blueprint.ts'), { cwd: dir });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.blueprint?.accounts).toHaveLength(4);
  });

  it('places a problem at the id of the entity it belongs to', async () => {
    const dir = writeTemp({ 'blueprint.ts': source('workload') });
    const r = await loadBlueprint(join(dir, 'blueprint.ts'), { cwd: dir });
    const d = r.diagnostics.find((x) => x.code === 'dangling-ref');
    expect(d?.message).toBe("unknown ou 'workload'");
    expect(d?.at).toEqual({ file: 'blueprint.ts', line: 21, col: 7 });
  });

  it('follows the path through the source for problems outside list items', async () => {
    const dir = writeTemp({
      'blueprint.ts': source('workloads').replace(
        "homeRegion: 'eu-west-1'",
        "homeRegion: 'eu-west-9'",
      ),
    });
    const r = await loadBlueprint(join(dir, 'blueprint.ts'), { cwd: dir });
    const d = r.diagnostics.find((x) => x.code === 'unknown-region');
    expect(d?.at).toEqual({ file: 'blueprint.ts', line: 8, col: 5 });
  });

  it('reports a module that fails to load instead of throwing', async () => {
    const dir = writeTemp({ 'blueprint.ts': 'throw new Error("no config here");\n' });
    const r = await loadBlueprint(join(dir, 'blueprint.ts'), { cwd: dir });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.message).toContain('no config here');
  });
});
