/**
 * Where a template comes from: inline (`TemplateBody`) up to CloudFormation's inline limit
 * (`limits.templateBodyMaxBytes`, 51,200 bytes), otherwise uploaded to the assets bucket
 * and passed as `TemplateURL`. Also uploads the units' assets (Lambda bundles) before the
 * stacks that use them. Each object is uploaded once per run; keys carry the content hash,
 * so a rerun overwrites an object with the same bytes.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { awsCall, type CallEnv } from './call.js';
import type { AssetsConfig, DeployClients } from './types.js';

const DEFAULT_PREFIX = 'orgward/';

/** The object key of a unit's template. */
export function templateKey(assets: AssetsConfig, unit: string, hash: string): string {
  return `${assets.prefix ?? DEFAULT_PREFIX}templates/${unit}/${hash}.json`;
}

/** The object key of an asset (what the `asset-key` parameters receive). */
export function assetKey(assets: AssetsConfig, asset: { hash: string; file: string }): string {
  return `${assets.prefix ?? DEFAULT_PREFIX}assets/${asset.hash}/${asset.file}`;
}

/** The virtual-hosted-style HTTPS URL of an object (what `TemplateURL` takes). */
export function objectUrl(assets: AssetsConfig, key: string, partition: string): string {
  const suffix = partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
  const path = key.split('/').map(encodeURIComponent).join('/');
  return `https://${assets.bucket}.s3.${assets.region}.${suffix}/${path}`;
}

/** The template argument of a CloudFormation call. */
export type TemplateSource = { TemplateBody: string } | { TemplateURL: string };

/** Uploads templates and assets to the assets bucket, once each per run. */
export class Uploads {
  private readonly done = new Map<string, Promise<void>>();

  constructor(
    private readonly env: CallEnv,
    private readonly clients: DeployClients,
    private readonly assets: AssetsConfig | undefined,
    private readonly partition: string,
    private readonly management: string,
    /** The management account's AWS id when known (sent as ExpectedBucketOwner). */
    private readonly owner: () => Promise<string | undefined>,
  ) {}

  /** The template inline when small enough, else uploaded. */
  async template(
    unit: string,
    hash: string,
    body: string,
    inlineMax: number,
  ): Promise<TemplateSource> {
    const bytes = Buffer.byteLength(body);
    if (bytes <= inlineMax) return { TemplateBody: body };
    const assets = this.require(
      `the template of ${unit} (${bytes.toLocaleString('en-US')} bytes, over the inline limit of ${inlineMax.toLocaleString('en-US')})`,
    );
    const key = templateKey(assets, unit, hash);
    await this.put(key, body, 'application/json');
    return { TemplateURL: objectUrl(assets, key, this.partition) };
  }

  /** Upload the assets a unit refers to. */
  async assetFiles(
    unit: string,
    files: readonly { hash: string; file: string; content: Uint8Array }[],
  ): Promise<void> {
    if (files.length === 0) return;
    const assets = this.require(`the assets of ${unit}`);
    await Promise.all(
      files.map((f) => this.put(assetKey(assets, f), f.content, 'application/octet-stream')),
    );
  }

  private require(what: string): AssetsConfig {
    if (!this.assets)
      throw new Error(`${what} must go through the assets bucket, and none is configured`);
    return this.assets;
  }

  private put(key: string, body: string | Uint8Array, contentType: string): Promise<void> {
    const have = this.done.get(key);
    if (have) return have;
    const assets = this.assets as AssetsConfig;
    const p = (async () => {
      const owner = await this.owner();
      const s3 = this.clients.s3(assets.region);
      await awsCall(
        this.env,
        { target: { account: this.management }, role: undefined, region: assets.region },
        's3:PutObject',
        () =>
          s3.send(
            new PutObjectCommand({
              Bucket: assets.bucket,
              Key: key,
              Body: body,
              ContentType: contentType,
              ...(owner ? { ExpectedBucketOwner: owner } : {}),
            }),
          ),
      );
    })();
    // A failed upload is tried again by the next unit that needs it.
    p.catch(() => this.done.delete(key));
    this.done.set(key, p);
    return p;
  }
}
