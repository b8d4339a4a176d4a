/**
 * The result of a deploy run: outcomes counted, and whether everything that had to happen
 * happened (work resumed from an earlier run counts as done). Also the stand-in manifest
 * entry of a unit the blueprint no longer has (deleting it needs only its names).
 */
import type { AwsAccessError } from '../../core/errors.js';
import type { ManifestEntry } from '../../synth/types.js';
import type { UnitChange } from '../types.js';
import type { ActionOutcome, DeployResult, InstanceOutcome } from './types.js';

/** A manifest entry for a unit the blueprint no longer has (deletion needs only names). */
export function removedEntry(u: UnitChange): ManifestEntry {
  return {
    id: u.unit,
    kind: u.kind,
    concern: 'baseline',
    title: u.title,
    name: u.name,
    template: '',
    hash: u.hash,
    templateBytes: 0,
    resources: 0,
    accounts: [...new Set(u.instances.map((i) => i.account))],
    accountIds: [],
    regions: [...new Set(u.instances.map((i) => i.region))],
    instances: u.instances.length,
    parameters: {},
    entities: [],
    dependsOn: [],
    capabilities: [],
    assets: [],
  };
}

/** Count the outcomes into the run's result. */
export function summarize(
  instances: InstanceOutcome[],
  actions: ActionOutcome[],
  accessErrors: AwsAccessError[],
  stopped: boolean,
  startedAt: Date,
  endedAt: Date,
): DeployResult {
  const counts: DeployResult['counts'] = {
    created: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    failed: 0,
    skipped: 0,
    actionsDone: 0,
    actionsFailed: 0,
    actionsSkipped: 0,
  };
  for (const o of instances) counts[o.outcome]++;
  for (const a of actions)
    if (a.outcome === 'done') counts.actionsDone++;
    else if (a.outcome === 'failed') counts.actionsFailed++;
    else counts.actionsSkipped++;
  const blocked = (s: { skip?: string }) => s.skip !== undefined && s.skip !== 'done-earlier';
  const ok =
    counts.failed === 0 &&
    counts.actionsFailed === 0 &&
    !instances.some((o) => o.outcome === 'skipped' && blocked(o)) &&
    !actions.some((a) => a.outcome === 'skipped' && blocked(a));
  return {
    instances,
    actions,
    counts,
    ok,
    stopped,
    accessErrors,
    startedAt: startedAt.toISOString(),
    durationMs: endedAt.getTime() - startedAt.getTime(),
  };
}
