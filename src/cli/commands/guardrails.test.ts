import { describe, expect, it } from 'vitest';
import { captureOutput } from '../../../test/helpers/capture.js';
import { InputError } from '../../core/errors.js';
import { listGuardrails } from '../../guardrails/registry.js';
import { list, show } from './guardrails.js';

const io = captureOutput();

describe('orgward guardrails list', () => {
  it('prints a table with every guardrail', () => {
    expect(list({ format: 'text' })).toBe(0);
    const lines = io.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+TYPE\s+TITLE\s+PARAMETERS\s+FRAMEWORKS$/);
    expect(lines).toHaveLength(listGuardrails().length + 1);
    expect(io.out).toMatch(
      /region-deny\s+SCP\s+Deny Regions outside the governed set\s+allowedRegions/,
    );
    expect(io.out).toMatch(/rcp-enforce-tls\s+RCP/);
  });

  it('prints JSON with schemaVersion, parameters and frameworks', () => {
    expect(list({ format: 'json' })).toBe(0);
    const json = JSON.parse(io.out) as {
      schemaVersion: number;
      guardrails: {
        id: string;
        type: string;
        parameters: { name: string }[];
        frameworks: object;
      }[];
    };
    expect(json.schemaVersion).toBe(1);
    expect(json.guardrails.map((g) => g.id)).toEqual(listGuardrails().map((g) => g.id));
    expect(json.guardrails.find((g) => g.id === 'require-imdsv2')).toMatchObject({
      type: 'scp',
      frameworks: { 'CIS-AWS-v7': ['6.7'], AFSBP: ['EC2.8'] },
    });
  });
});

describe('orgward guardrails show', () => {
  it('prints the rendered policy document as JSON, and the example note on stderr', () => {
    expect(show('region-deny', { with: '{"allowedRegions":["eu-west-1","us-east-1"]}' })).toBe(0);
    const doc = JSON.parse(io.out) as { Version: string; Statement: { Condition: object }[] };
    expect(doc.Version).toBe('2012-10-17');
    expect(doc.Statement[0]?.Condition).toMatchObject({
      StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] },
    });
    expect(io.err).toContain('example organization');
  });

  it.each([
    [
      'unknown id',
      'regoin-deny',
      undefined,
      /unknown guardrail 'regoin-deny'; did you mean 'region-deny'\?/,
    ],
    ['bad JSON', 'region-deny', '{allowedRegions', /--with is not valid JSON/],
    ['JSON that is not an object', 'region-deny', '["eu-west-1"]', /--with must be a JSON object/],
    [
      'bad parameter',
      'region-deny',
      '{"allowedRegions":["mars"]}',
      /1 problem with the parameters of 'region-deny'/,
    ],
  ])('%s is an InputError', (_name, id, withJson, message) => {
    const run = () => show(id, withJson === undefined ? {} : { with: withJson });
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
    expect(io.out).toBe('');
  });

  it('names the bad parameter in the diagnostics', () => {
    try {
      show('region-deny', { with: '{"allowedRegions":["mars"]}' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).diagnostics[0]?.message).toContain('with.allowedRegions[0]');
    }
  });
});
