import { Option, type Command } from 'commander';

/** Sets the process exit code from a command's result. */
export type SetCode = (code: number) => void;

const format = () =>
  new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');

/**
 * Declares every command and its flags; each action imports its module lazily so that
 * start-up stays fast whatever the command.
 */
export function registerCommands(program: Command, setCode: SetCode): void {
  program
    .command('init')
    .description('scaffold a blueprint')
    .argument('[dir]', 'target folder', '.')
    .addOption(
      new Option('--template <name>', 'starting layout')
        .choices(['minimal', 'standard', 'regulated'])
        .default('standard'),
    )
    .option('--force', 'overwrite an existing blueprint file')
    .action(async (dir: string, opts: { template: string; force?: boolean }) => {
      const m = await import('./commands/init.js');
      setCode(m.run(dir, opts));
    });

  program
    .command('validate')
    .description('validate a blueprint: exit 0 valid, 2 invalid (file:line:col: error: message)')
    .argument(
      '<blueprint>',
      'blueprint file (.yaml, .yml, .json or .ts) or a folder holding blueprint.yaml',
    )
    .addOption(format())
    .option('-o, --output <file>', 'write the report to a file')
    .action(async (file: string, opts: { format: string; output?: string }) => {
      const m = await import('./commands/validate.js');
      setCode(await m.run(file, opts));
    });

  program
    .command('explain')
    .description(
      'org tree, effective guardrails per account (inherited), roles that reach it, logging',
    )
    .argument('<blueprint>', 'blueprint file')
    .option('--account <id>', 'one account (logical id, name or AWS account id)')
    .addOption(format())
    .option('-o, --output <file>', 'write the report to a file')
    .action(async (file: string, opts: { account?: string; format: string; output?: string }) => {
      const m = await import('./commands/explain.js');
      setCode(await m.run(file, opts));
    });

  const policy = program.command('policy').description('IAM and organization policy documents');
  policy
    .command('lint')
    .description('grammar, known actions and condition keys, size against limits; exit 2 on errors')
    .argument('<files...>', 'policy JSON files')
    .addOption(
      new Option('--type <type>', 'policy type')
        .choices(['scp', 'rcp', 'identity', 'resource', 'trust'])
        .default('identity'),
    )
    .addOption(format())
    .option('-o, --output <file>', 'write the report to a file')
    .action(async (files: string[], opts: { type: string; format: string; output?: string }) => {
      const m = await import('./commands/policy-lint.js');
      setCode(await m.run(files, opts));
    });

  policy
    .command('expand')
    .description('the IAM actions an action pattern stands for (e.g. s3:Put*)')
    .argument('<patterns...>', 'action patterns with * and ? wildcards')
    .addOption(format())
    .action(async (patterns: string[], opts: { format: string }) => {
      const m = await import('./commands/policy-expand.js');
      setCode(m.run(patterns, opts));
    });

  const guardrails = program.command('guardrails').description('the built-in guardrail library');
  guardrails
    .command('list')
    .description('every guardrail with its parameters and framework mappings')
    .addOption(format())
    .action(async (opts: { format: string }) => {
      const m = await import('./commands/guardrails.js');
      setCode(m.list(opts));
    });
  guardrails
    .command('show')
    .description('the policy a guardrail generates')
    .argument('<id>', 'guardrail id')
    .option('--with <json>', 'parameters as a JSON object')
    .action(async (id: string, opts: { with?: string }) => {
      const m = await import('./commands/guardrails.js');
      setCode(m.show(id, opts));
    });

  program
    .command('schema')
    .description('print the blueprint JSON Schema (for editor completion)')
    .option('-o, --output <file>', 'write it to a file')
    .action(async (opts: { output?: string }) => {
      const m = await import('./commands/schema.js');
      setCode(m.run(opts));
    });

  program
    .command('synth')
    .description(
      'CloudFormation templates and manifest.json (every stack or StackSet, targets, hash)',
    )
    .argument('<blueprint>', 'blueprint file')
    .requiredOption('-o, --output <dir>', 'output folder (templates/, assets/, manifest.json)')
    .addOption(format())
    .action(async (file: string, opts: import('./commands/synth.js').SynthFlags) => {
      const m = await import('./commands/synth.js');
      setCode(await m.run(file, opts));
    });

  program
    .command('plan')
    .description('what a deploy would change: semantic changes, then the stacks that change')
    .argument('<blueprint>', 'blueprint file')
    .requiredOption('--snapshot <file>', 'snapshot of the live organization (collect)')
    .option('--synth-dir <dir>', 'also write the templates and manifest the plan refers to')
    .addOption(format())
    .option('-o, --output <file>', 'write the plan to a file')
    .action(async (file: string, opts: import('./commands/plan.js').PlanFlags) => {
      const m = await import('./commands/plan.js');
      setCode(await m.run(file, opts));
    });

  program
    .command('deploy')
    .description('apply the plan: change sets and StackSet operations for changed targets only')
    .argument('<blueprint>', 'blueprint file')
    .option(
      '--snapshot <file>',
      'snapshot for the semantic plan and drift reverts (default: read stack state live)',
    )
    .option(
      '--synth-dir <dir>',
      'where templates, assets and the resumable deploy state live',
      '.orgward',
    )
    .option('--yes', 'do not ask before executing')
    .option(
      '--allow-destroy',
      'also execute deletions, account suspensions and closures the plan lists',
    )
    .option(
      '--assets-bucket <name>',
      'bucket for large templates and Lambda code (default <prefix>-assets-<management id>-<home Region>, created if missing)',
    )
    .option('--quiet', 'no progress line')
    .action(async (file: string, opts: import('./commands/deploy.js').DeployFlags) => {
      const m = await import('./commands/deploy.js');
      setCode(await m.run(file, opts));
    });

  program
    .command('collect')
    .description('a live snapshot of the organization through the AWS SDK (read-only)')
    .option('--blueprint <bp>', 'blueprint whose home and governed Regions to use')
    .option(
      '--role-name <name>',
      'role assumed in member accounts',
      'OrganizationAccountAccessRole',
    )
    .option('--regions <list>', 'Regions to read, comma-separated (default: governed or enabled)')
    .option('--shard <i/n>', 'read only the accounts whose id mod n is i (merge the shards after)')
    .option('--checkpoint <file>', 'resumable run: finished accounts are kept here (JSON Lines)')
    .option('--concurrency <n>', 'API calls in flight overall (default 64)')
    .option('--quiet', 'no progress line or summary')
    .requiredOption('-o, --output <file>', 'snapshot file (.json or .json.gz)')
    .action(async (opts: import('./commands/collect.js').CollectFlags) => {
      const m = await import('./commands/collect.js');
      setCode(await m.run(opts));
    });

  const snapshot =
    program.commands.find((c) => c.name() === 'snapshot') ??
    program.command('snapshot').description('snapshot files: import, merge');
  snapshot
    .command('merge')
    .description('merge snapshots (the shards of `collect --shard`) into one')
    .argument('<files...>', 'snapshot files')
    .requiredOption('-o, --output <file>', 'merged snapshot file (.json or .json.gz)')
    .action(async (files: string[], opts: { output: string }) => {
      const m = await import('./commands/snapshot-merge.js');
      setCode(await m.run(files, opts));
    });
  snapshot
    .command('import')
    .description(
      'a snapshot from AWS CLI output: `aws iam get-account-authorization-details` per account, `aws organizations` outputs in a folder',
    )
    .option(
      '--account <id=file>',
      'an account and its get-account-authorization-details output (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--org <dir>', 'folder of aws organizations outputs (file names: docs/snapshot.md)')
    .option('--partition <name>', 'AWS partition (default: from the files, else aws)')
    .addOption(format())
    .requiredOption('-o, --output <file>', 'snapshot file (.json or .json.gz)')
    .action(async (opts: import('./commands/snapshot-import.js').SnapshotImportFlags) => {
      const m = await import('./commands/snapshot-import.js');
      setCode(await m.run(opts));
    });
  snapshot
    .command('show')
    .description('what a snapshot holds (accounts, regions, sections) and lacks (coverage gaps)')
    .argument('<snapshot>', 'snapshot file (.json or .json.gz)')
    .addOption(format())
    .option('-o, --output <file>', 'write the summary to a file')
    .action(async (file: string, opts: { format: string; output?: string }) => {
      const m = await import('./commands/snapshot-show.js');
      setCode(await m.run(file, opts));
    });

  program
    .command('demo')
    .description('run orgward on the bundled example organization, offline')
    .option('--out <dir>', 'where to write the artifacts', './orgward-demo')
    .option('--no-serve', 'write the artifacts only (this version has no dashboard to serve yet)')
    .action(async (opts: { out: string }) => {
      const m = await import('./commands/demo.js');
      setCode(await m.run(opts));
    });
}
