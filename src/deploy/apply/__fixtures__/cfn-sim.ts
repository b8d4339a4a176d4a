/**
 * A small stateful CloudFormation behind aws-sdk-client-mock, for the deploy tests that
 * run many units: stacks move through change sets to *_COMPLETE (or roll back when told
 * to fail), StackSets keep their instances and run every operation at once. Responses
 * carry the fields the AWS API reference documents for each operation.
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DeleteStackInstancesCommand,
  DeleteStackSetCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackSetCommand,
  DescribeStackSetOperationCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListExportsCommand,
  ListStackInstancesCommand,
  UpdateStackSetCommand,
  UpdateTerminationProtectionCommand,
  type CreateChangeSetCommandInput,
  type DeploymentTargets,
  type Output,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import type { AwsStub } from 'aws-sdk-client-mock';
import { awsError } from '../../../collect/collectors/__fixtures__/context.js';
import {
  DEV_ID,
  LOG_ID,
  MGMT_ID,
  OU_SECURITY,
  OU_WORKLOADS,
  PROD1_ID,
  PROD2_ID,
  ROOT_ID,
  SEC_ID,
} from './deploy.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CfnMock = AwsStub<any, any, any>;

/** Accounts in each OU (and the root) of the simulated organization. */
export const OU_ACCOUNTS: Record<string, string[]> = {
  [ROOT_ID]: [LOG_ID, SEC_ID, DEV_ID, PROD1_ID, PROD2_ID],
  [OU_SECURITY]: [LOG_ID, SEC_ID],
  [OU_WORKLOADS]: [DEV_ID, PROD1_ID, PROD2_ID],
};

/** What the organization stack exports. */
export const ORGANIZATION_OUTPUTS: Output[] = [
  { OutputKey: 'OuSecurityId', OutputValue: OU_SECURITY, ExportName: 'orgward-ou-security-id' },
  { OutputKey: 'OuWorkloadsId', OutputValue: OU_WORKLOADS, ExportName: 'orgward-ou-workloads-id' },
  { OutputKey: 'AccountProd2Id', OutputValue: PROD2_ID, ExportName: 'orgward-account-prod-2-id' },
];

interface SimStack {
  status: string;
  /** Status reached when the running operation ends (shown after one poll). */
  next?: string;
  outputs: Output[];
  events: StackEvent[];
  terminationProtection: boolean;
}

interface SimStackSet {
  description: string;
  ous: Set<string>;
  regions: Set<string>;
  instances: Map<string, { status: string; reason?: string }>;
}

/** The simulated CloudFormation (one for every account: stack names are unique). */
export class CfnSim {
  readonly stacks = new Map<string, SimStack>();
  readonly stackSets = new Map<string, SimStackSet>();
  /** Stacks whose next execution fails (with this resource failure reason). */
  readonly failing = new Map<string, string>();
  /** Accounts where StackSet operations fail. */
  readonly failingAccounts = new Set<string>();
  /** Stack names in the order their change sets were executed. */
  readonly executed: string[] = [];
  /** StackSet operations in order: `<Action> <name> <accounts> <regions>`. */
  readonly operations: string[] = [];
  private seq = 0;
  private readonly changeSets = new Map<string, { input: CreateChangeSetCommandInput; stack: string }>();
  private readonly ops = new Map<string, { name: string; status: string; action: string }>();

  constructor(readonly mock: CfnMock) {
    this.install();
  }

  private install(): void {
    const m = this.mock;
    m.on(DescribeStacksCommand).callsFake((input: { StackName: string }) => {
      const s = this.stacks.get(input.StackName);
      if (!s || s.status === 'DELETE_COMPLETE')
        throw awsError('ValidationError', `Stack with id ${input.StackName} does not exist`);
      const shown = s.status;
      if (s.next) {
        s.status = s.next;
        delete s.next;
      }
      return {
        Stacks: [
          {
            StackId: this.stackId(input.StackName),
            StackName: input.StackName,
            CreationTime: new Date('2026-11-23T12:00:00Z'),
            StackStatus: shown,
            Outputs: shown.endsWith('_COMPLETE') ? s.outputs : [],
            EnableTerminationProtection: s.terminationProtection,
          },
        ],
      };
    });
    m.on(CreateChangeSetCommand).callsFake((input: CreateChangeSetCommandInput) => {
      const name = input.StackName ?? '';
      if (input.ChangeSetType === 'CREATE' && !this.stacks.has(name))
        this.stacks.set(name, { status: 'REVIEW_IN_PROGRESS', outputs: [], events: [], terminationProtection: false });
      const id = `arn:aws:cloudformation:eu-west-1:${MGMT_ID}:changeSet/${input.ChangeSetName ?? ''}/${++this.seq}`;
      this.changeSets.set(id, { input, stack: name });
      return { Id: id, StackId: this.stackId(name) };
    });
    m.on(DescribeChangeSetCommand).callsFake((input: { ChangeSetName: string }) => {
      const cs = this.changeSets.get(input.ChangeSetName);
      return {
        ChangeSetName: cs?.input.ChangeSetName,
        ChangeSetId: input.ChangeSetName,
        StackName: cs?.stack,
        Status: 'CREATE_COMPLETE',
        ExecutionStatus: 'AVAILABLE',
        Changes: [],
      };
    });
    m.on(ExecuteChangeSetCommand).callsFake((input: { ChangeSetName: string; ClientRequestToken?: string }) => {
      const cs = this.changeSets.get(input.ChangeSetName);
      const name = cs?.stack ?? '';
      const s = this.stacks.get(name);
      if (!cs || !s) throw awsError('ChangeSetNotFound', `ChangeSet [${input.ChangeSetName}] does not exist`, 404);
      this.executed.push(name);
      const create = cs.input.ChangeSetType === 'CREATE';
      const failure = this.failing.get(name);
      s.status = create ? 'CREATE_IN_PROGRESS' : 'UPDATE_IN_PROGRESS';
      if (failure) {
        s.next = create ? 'ROLLBACK_COMPLETE' : 'UPDATE_ROLLBACK_COMPLETE';
        s.events = this.failureEvents(name, failure, input.ClientRequestToken);
      } else {
        s.next = create ? 'CREATE_COMPLETE' : 'UPDATE_COMPLETE';
        s.outputs = name === 'orgward-organization' ? ORGANIZATION_OUTPUTS : [];
      }
      return {};
    });
    m.on(DescribeStackEventsCommand).callsFake((input: { StackName: string }) => ({
      StackEvents: this.stacks.get(input.StackName)?.events ?? [],
    }));
    m.on(UpdateTerminationProtectionCommand).callsFake((input: { StackName: string; EnableTerminationProtection: boolean }) => {
      const s = this.stacks.get(input.StackName);
      if (s) s.terminationProtection = input.EnableTerminationProtection;
      return { StackId: this.stackId(input.StackName) };
    });
    m.on(DeleteChangeSetCommand).resolves({});
    m.on(DeleteStackCommand).callsFake((input: { StackName: string }) => {
      const s = this.stacks.get(input.StackName);
      if (s) {
        s.status = 'DELETE_IN_PROGRESS';
        s.next = 'DELETE_COMPLETE';
      }
      return {};
    });
    // The exports of the stacks in place (one namespace: stack names are unique).
    m.on(ListExportsCommand).callsFake(() => ({
      Exports: [...this.stacks]
        .filter(([, s]) => s.status.endsWith('_COMPLETE') && s.status !== 'DELETE_COMPLETE')
        .flatMap(([name, s]) =>
          s.outputs.flatMap((o) =>
            o.ExportName ? [{ ExportingStackId: this.stackId(name), Name: o.ExportName, Value: o.OutputValue }] : [],
          ),
        ),
    }));

    m.on(DescribeStackSetCommand).callsFake((input: { StackSetName: string }) => {
      const s = this.stackSets.get(input.StackSetName);
      if (!s) throw awsError('StackSetNotFoundException', `StackSet ${input.StackSetName} not found`, 404);
      return {
        StackSet: {
          StackSetName: input.StackSetName,
          StackSetId: `${input.StackSetName}:0b9f4e2a`,
          Description: s.description,
          Status: 'ACTIVE',
          PermissionModel: 'SERVICE_MANAGED',
          AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
          OrganizationalUnitIds: [...s.ous],
          Regions: [...s.regions],
        },
      };
    });
    m.on(CreateStackSetCommand).callsFake((input: { StackSetName: string; Description?: string }) => {
      this.stackSets.set(input.StackSetName, {
        description: input.Description ?? '',
        ous: new Set(),
        regions: new Set(),
        instances: new Map(),
      });
      return { StackSetId: `${input.StackSetName}:0b9f4e2a` };
    });
    const operation =
      (action: 'UPDATE' | 'CREATE' | 'DELETE') =>
      (input: {
        StackSetName: string;
        Description?: string;
        DeploymentTargets?: DeploymentTargets;
        Regions?: string[];
        OperationId?: string;
      }) => {
        const set = this.stackSets.get(input.StackSetName);
        if (!set) throw awsError('StackSetNotFoundException', `StackSet ${input.StackSetName} not found`, 404);
        if (action === 'UPDATE' && input.Description) set.description = input.Description;
        const accounts = this.targeted(input.DeploymentTargets);
        const regions = input.Regions ?? [];
        let failed = false;
        for (const a of accounts)
          for (const r of regions) {
            const key = `${a}|${r}`;
            if (action === 'DELETE') set.instances.delete(key);
            else if (this.failingAccounts.has(a)) {
              set.instances.set(key, { status: 'FAILED', reason: `Account ${a} should have 'AWSCloudFormationStackSetExecutionRole' role with trust relationship to Role 'stacksets-exec-x'.` });
              failed = true;
            } else if (action === 'CREATE' || set.instances.has(key)) set.instances.set(key, { status: 'SUCCEEDED' });
          }
        if (action !== 'DELETE') {
          for (const ou of input.DeploymentTargets?.OrganizationalUnitIds ?? []) set.ous.add(ou);
          for (const r of regions) set.regions.add(r);
        }
        this.operations.push(`${action} ${input.StackSetName} ${accounts.join(',')} ${regions.join(',')}`);
        const id = input.OperationId ?? `op-${++this.seq}`;
        this.ops.set(id, { name: input.StackSetName, status: failed ? 'FAILED' : 'SUCCEEDED', action });
        return { OperationId: id };
      };
    m.on(UpdateStackSetCommand).callsFake(operation('UPDATE'));
    m.on(CreateStackInstancesCommand).callsFake(operation('CREATE'));
    m.on(DeleteStackInstancesCommand).callsFake(operation('DELETE'));
    m.on(DescribeStackSetOperationCommand).callsFake((input: { StackSetName: string; OperationId: string }) => {
      const op = this.ops.get(input.OperationId);
      return {
        StackSetOperation: {
          OperationId: input.OperationId,
          StackSetId: `${input.StackSetName}:0b9f4e2a`,
          Action: op?.action,
          Status: op?.status ?? 'FAILED',
          ...(op?.status === 'FAILED' ? { StatusReason: 'The operation failed in at least one account.' } : {}),
          CreationTimestamp: new Date('2026-11-23T12:00:00Z'),
        },
      };
    });
    m.on(ListStackInstancesCommand).callsFake((input: { StackSetName: string }) => {
      const set = this.stackSets.get(input.StackSetName);
      return {
        Summaries: [...(set?.instances ?? [])].map(([key, v]) => {
          const [account, region] = key.split('|');
          return {
            StackSetId: `${input.StackSetName}:0b9f4e2a`,
            Account: account,
            Region: region,
            Status: v.status === 'SUCCEEDED' ? 'CURRENT' : 'OUTDATED',
            ...(v.reason ? { StatusReason: v.reason } : {}),
            StackInstanceStatus: { DetailedStatus: v.status },
          };
        }),
      };
    });
    m.on(DeleteStackSetCommand).callsFake((input: { StackSetName: string }) => {
      this.stackSets.delete(input.StackSetName);
      return {};
    });
  }

  /** Put a stack in place, as an earlier deploy left it. */
  existing(name: string, status = 'CREATE_COMPLETE', outputs: Output[] = []): void {
    this.stacks.set(name, { status, outputs, events: [], terminationProtection: true });
  }

  /** The accounts a DeploymentTargets selects. */
  targeted(t: DeploymentTargets | undefined): string[] {
    const inOus = [...new Set((t?.OrganizationalUnitIds ?? []).flatMap((o) => OU_ACCOUNTS[o] ?? []))];
    if (t?.AccountFilterType === 'INTERSECTION') return inOus.filter((a) => t.Accounts?.includes(a));
    return inOus;
  }

  private stackId(name: string): string {
    return `arn:aws:cloudformation:eu-west-1:${MGMT_ID}:stack/${name}/3f8d3c70-0a5b-11ef-8a2d-0a8b2c1d9e01`;
  }

  private failureEvents(name: string, reason: string, token: string | undefined): StackEvent[] {
    const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 12, 0, s));
    const ev = (n: number, logical: string, type: string, status: string, why?: string): StackEvent => ({
      StackId: this.stackId(name),
      EventId: `${logical}-${n}`,
      StackName: name,
      LogicalResourceId: logical,
      PhysicalResourceId: logical === name ? this.stackId(name) : '',
      ResourceType: type,
      Timestamp: at(n),
      ResourceStatus: status as StackEvent['ResourceStatus'],
      ...(why ? { ResourceStatusReason: why } : {}),
      ...(token ? { ClientRequestToken: token } : {}),
    });
    // Newest first, as DescribeStackEvents returns them.
    return [
      ev(5, name, 'AWS::CloudFormation::Stack', 'ROLLBACK_COMPLETE'),
      ev(4, 'Bucket', 'AWS::S3::Bucket', 'DELETE_COMPLETE'),
      ev(3, name, 'AWS::CloudFormation::Stack', 'ROLLBACK_IN_PROGRESS', 'The following resource(s) failed to create: [Bucket]. Rollback requested by user.'),
      ev(2, 'Bucket', 'AWS::S3::Bucket', 'CREATE_FAILED', reason),
      ev(1, 'Bucket', 'AWS::S3::Bucket', 'CREATE_IN_PROGRESS'),
      ev(0, name, 'AWS::CloudFormation::Stack', 'CREATE_IN_PROGRESS', 'User Initiated'),
    ];
  }
}

/** A fresh simulated CloudFormation on a class-level mock. */
export function cfnSim(mock: CfnMock): CfnSim {
  mock.reset();
  return new CfnSim(mock);
}

export { CloudFormationClient };
