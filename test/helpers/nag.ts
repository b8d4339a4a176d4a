/**
 * cdk-nag (AwsSolutions pack) over a synthesized template, through aws-cdk-lib's
 * CfnInclude. Suppressions come from the template itself (resource Metadata
 * `cdk_nag.rules_to_suppress`, each with its reason) and are acknowledged one by one.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnTemplate } from '../../src/synth/cfn.js';

/** The result of one nag run. */
export interface NagResult {
  /** Unacknowledged findings, one line each (`rule at path: message`). */
  findings: string[];
  /** Suppressions without a real reason (fewer than 20 characters). */
  unjustified: string[];
}

/** Run the AwsSolutions pack over the template. */
export async function nag(template: CfnTemplate): Promise<NagResult> {
  const { App, Stack, Validations } = await import('aws-cdk-lib');
  const { CfnInclude } = await import('aws-cdk-lib/cloudformation-include');
  const { AwsSolutionsChecks } = await import('cdk-nag');
  const dir = mkdtempSync(join(tmpdir(), 'orgward-nag-'));
  try {
    const file = join(dir, 'template.json');
    // Parameters need values for CfnInclude; identity outputs are irrelevant to nag.
    writeFileSync(file, JSON.stringify(template));
    const app = new App({ outdir: join(dir, 'out') });
    const stack = new Stack(app, 'S');
    const inc = new CfnInclude(stack, 'T', { templateFile: file });
    const unjustified: string[] = [];
    for (const [id, res] of Object.entries(template.Resources)) {
      const meta = res.Metadata?.cdk_nag as
        { rules_to_suppress?: { id: string; reason: string }[] } | undefined;
      for (const rule of meta?.rules_to_suppress ?? []) {
        if (rule.reason.trim().length < 20) unjustified.push(`${id}: ${rule.id}`);
        Validations.of(inc.getResource(id)).acknowledge({ id: rule.id, reason: rule.reason });
      }
    }
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    try {
      app.synth();
      return { findings: [], unjustified };
    } catch (e) {
      return { findings: readReport(join(dir, 'out', 'validation-report.json'), e), unjustified };
    }
  } finally {
    if (!process.env.KEEP_NAG) rmSync(dir, { recursive: true, force: true });
  }
}

interface Report {
  pluginReports?: {
    violations?: {
      ruleName: string;
      description: string;
      violatingConstructs?: { constructPath: string }[];
    }[];
  }[];
}

function readReport(file: string, error: unknown): string[] {
  if (!existsSync(file)) return [String(error).slice(0, 2000)];
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  const out: string[] = [];
  for (const p of report.pluginReports ?? [])
    for (const v of p.violations ?? [])
      for (const c of v.violatingConstructs ?? [])
        out.push(
          `${v.ruleName} at ${c.constructPath.replace(/^S\/T\//, '')}: ${v.description.slice(0, 160)}`,
        );
  return out.length ? out : [String(error).slice(0, 2000)];
}
