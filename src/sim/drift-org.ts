/** Drift injections on the organization and the security services. */
import type { Snapshot } from '../snapshot/types.js';
import type { DriftSpec } from './drift.js';
import {
  defaultWorkloadAccount,
  editOrganization,
  editRegion,
  homeRegionOf,
  managementOf,
} from './edit.js';

/** Apply an organization / security-service injection, or undefined when `spec` is not one. */
export function driftOrg(s: Snapshot, spec: DriftSpec): Snapshot | undefined {
  switch (spec.id) {
    case 'scp-detached':
      return editOrganization(s, (o) => {
        const policy =
          o.policies.find((p) => p.id === spec.policyId) ??
          o.policies.find(
            (p) =>
              !p.awsManaged && p.type === 'SERVICE_CONTROL_POLICY' && p.targets.includes(o.root.id),
          ) ??
          o.policies.find(
            (p) => !p.awsManaged && p.type === 'SERVICE_CONTROL_POLICY' && p.targets.length,
          );
        if (!policy) throw new Error('drift scp-detached: no attached customer SCP');
        const target =
          spec.targetId ?? (policy.targets.includes(o.root.id) ? o.root.id : policy.targets[0]);
        return {
          ...o,
          policies: o.policies.map((p) =>
            p === policy ? { ...p, targets: p.targets.filter((t) => t !== target) } : p,
          ),
        };
      });
    case 'account-wrong-ou':
      return editOrganization(s, (o) => {
        const id = spec.account ?? defaultWorkloadAccount(s);
        const current = o.accounts.find((a) => a.id === id);
        if (!current)
          throw new Error(`drift account-wrong-ou: account ${id} not in the organization`);
        const others = o.organizationalUnits.filter((u) => u.id !== current.parentId);
        const ouId =
          spec.ouId ?? (others.find((u) => /sandbox/i.test(u.name)) ?? others[0])?.id ?? o.root.id;
        return {
          ...o,
          accounts: o.accounts.map((a) => (a === current ? { ...a, parentId: ouId } : a)),
        };
      });
    case 'trail-stopped': {
      const mgmt = managementOf(s);
      const home = homeRegionOf(s);
      const trails = s.accounts[mgmt]?.regions[home]?.trails ?? [];
      const t =
        trails.find((x) => x.name === spec.trailName) ?? trails.find((x) => x.isOrganizationTrail);
      if (!t) throw new Error('drift trail-stopped: no organization trail');
      // Every account that lists the trail (member accounts list the organization trail)
      // reads the same status.
      const accounts = { ...s.accounts };
      for (const [id, a] of Object.entries(s.accounts)) {
        let regions: typeof a.regions | undefined;
        for (const [region, r] of Object.entries(a.regions)) {
          if (!r.trails?.some((x) => x.arn === t.arn)) continue;
          regions ??= { ...a.regions };
          regions[region] = {
            ...r,
            trails: r.trails.map((x) =>
              x.arn === t.arn ? { ...x, status: { ...x.status, isLogging: false } } : x,
            ),
          };
        }
        if (regions) accounts[id] = { ...a, regions };
      }
      return { ...s, accounts };
    }
    case 'guardduty-off':
      return editRegion(
        s,
        spec.account ?? defaultWorkloadAccount(s),
        spec.region ?? homeRegionOf(s),
        (r) => ({
          ...r,
          guardDuty: { detectors: [] },
        }),
      );
    case 'config-recorder-off':
      return editRegion(
        s,
        spec.account ?? defaultWorkloadAccount(s),
        spec.region ?? homeRegionOf(s),
        (r) => {
          if (!r.config?.recorders.length)
            throw new Error('drift config-recorder-off: no recorder');
          return {
            ...r,
            config: {
              ...r.config,
              recorders: r.config.recorders.map((x) => ({
                ...x,
                recording: false,
                lastStatus: 'FAILURE',
              })),
            },
          };
        },
      );
    case 'securityhub-standard-disabled':
      return editRegion(
        s,
        spec.account ?? defaultWorkloadAccount(s),
        spec.region ?? homeRegionOf(s),
        (r) => {
          const hub = r.securityHub;
          if (!hub?.standards.length)
            throw new Error('drift securityhub-standard-disabled: no standard');
          const drop =
            hub.standards.find((x) => x.standardsArn === spec.standardsArn) ?? hub.standards.at(-1);
          return {
            ...r,
            securityHub: { ...hub, standards: hub.standards.filter((x) => x !== drop) },
          };
        },
      );
    default:
      return undefined;
  }
}
