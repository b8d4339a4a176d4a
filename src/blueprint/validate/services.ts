import type { Diagnostic } from '../../core/diagnostics.js';
import { getGuardrail } from '../../guardrails/registry.js';
import { problem, type Validator } from './context.js';

const services: Validator = {
  id: 'services',
  description: 'logging and security services sit in the accounts the strategy expects',
  run(ctx) {
    const out: Diagnostic[] = [];
    const { bp, idx } = ctx;
    const logArchive = idx.byRole('log-archive')[0];
    const security = idx.byRole('security-tooling')[0];
    if (bp.logging && logArchive) {
      const key = bp.keys.find((k) => k.id === bp.logging?.centralBucket.kmsKey);
      if (key && key.account !== logArchive.id) {
        out.push(
          problem(
            ctx,
            'warning',
            'key-account',
            ['logging', 'centralBucket', 'kmsKey'],
            `the central bucket key lives in '${key.account}', not in the log-archive account '${logArchive.id}'`,
          ),
        );
      }
      if (security && bp.logging.config.aggregator.account !== security.id) {
        out.push(
          problem(
            ctx,
            'warning',
            'aggregator-account',
            ['logging', 'config', 'aggregator', 'account'],
            `the Config aggregator is usually in the security-tooling account '${security.id}'`,
          ),
        );
      }
      const lock = bp.logging.centralBucket.objectLock;
      if (lock && lock.days > bp.logging.centralBucket.retentionDays) {
        out.push(
          problem(
            ctx,
            'error',
            'retention',
            ['logging', 'centralBucket', 'objectLock', 'days'],
            `object lock (${lock.days} days) outlasts retention (${bp.logging.centralBucket.retentionDays} days): expiry would fail`,
          ),
        );
      }
    }
    if (!bp.logging)
      out.push(
        problem(
          ctx,
          'warning',
          'no-logging',
          [],
          'no logging section: no organization trail or Config is declared',
        ),
      );
    bp.controls.forEach((c, i) => {
      c.implementation.forEach((impl, j) => {
        if (impl.via === 'guardrail' && !getGuardrail(impl.ref)) {
          out.push(
            problem(
              ctx,
              'error',
              'dangling-ref',
              ['controls', i, 'implementation', j, 'ref'],
              `unknown guardrail '${impl.ref}'`,
            ),
          );
        }
      });
      c.exceptions.forEach((e, j) => {
        if (e.expires < ctx.today) {
          out.push(
            problem(
              ctx,
              'warning',
              'expired-exception',
              ['controls', i, 'exceptions', j, 'expires'],
              `exception expired on ${e.expires}`,
            ),
          );
        }
      });
    });
    bp.response.forEach((pb, i) => {
      if (!pb.trigger.detections?.length && !pb.trigger.findingTypes?.length) {
        out.push(
          problem(
            ctx,
            'error',
            'playbook-trigger',
            ['response', i, 'trigger'],
            `playbook '${pb.id}' has no detections or findingTypes to trigger it`,
          ),
        );
      }
    });
    bp.keys.forEach((k, i) => {
      k.grants.forEach((g, j) => {
        const n = (['role', 'account', 'service', 'organization'] as const).filter(
          (f) => g.to[f] !== undefined,
        ).length;
        if (n !== 1) {
          out.push(
            problem(
              ctx,
              'error',
              'key-grantee',
              ['keys', i, 'grants', j, 'to'],
              'a key grantee names exactly one of role, account, service or organization',
            ),
          );
        }
      });
    });
    bp.alerting.channels.forEach((ch, i) => {
      if (ch.type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(ch.endpoint)) {
        out.push(
          problem(
            ctx,
            'error',
            'channel-endpoint',
            ['alerting', 'channels', i, 'endpoint'],
            `'${ch.endpoint}' is not an e-mail address`,
          ),
        );
      }
      if (ch.type === 'webhook' && !ch.endpoint.startsWith('https://')) {
        out.push(
          problem(
            ctx,
            'error',
            'channel-endpoint',
            ['alerting', 'channels', i, 'endpoint'],
            'webhooks must use https://',
          ),
        );
      }
    });
    return out;
  },
};

/** Service placement and reference validators. */
export const SERVICE_VALIDATORS = [services] as const;
