/**
 * The S3 connection type: Amazon S3 buckets for `$emit` to S3 and `$iceberg`, through an IAM
 * role Atlas assumes (Admin API `StreamsS3Connection`). Atlas only.
 */
import type { AtlasEntry, AwsAccess, NetworkingAccess } from '../../connections/types';
import type { ConnectionKind } from '../../parse/connectionKind';
import { awsAccess, NETWORKING, REGISTRY_DOCS } from '../catalog/fields';

// The shape joins ConnectionShapes from here: the type is this folder plus its catalog line.
export interface S3Connection extends AtlasEntry {
  type: 'S3';
  aws?: AwsAccess;
  networking?: NetworkingAccess;
}

declare module '../../connections/types' {
  interface ConnectionShapes {
    S3: S3Connection;
  }
}

export const s3Kind: ConnectionKind<S3Connection> = {
  type: 'S3',
  summary: 'Amazon S3 buckets, through an IAM role (Atlas only).',
  usedFor: '$emit to S3 and $iceberg, on Atlas',
  icon: 'package',
  docsUrl: REGISTRY_DOCS,
  fields: [awsAccess([{ name: 'testBucket', role: 'literal', type: 'string', description: 'A bucket Atlas uses to check that the role is authorised.' }]), NETWORKING],
  template: { aws: { roleArn: 'arn:aws:iam::<account>:role/<role>' } },
  form: ['aws.roleArn', 'aws.testBucket'],
  atlasOnly: true,
  describe: (c) => (c.aws?.roleArn ? [`IAM role: \`${c.aws.roleArn}\``] : []),
};
