/**
 * The AWSKinesisDataStreams connection type: Kinesis data streams as a `$source` and an
 * `$emit` target, through an IAM role Atlas assumes. Atlas only.
 */
import type { AtlasEntry, AwsAccess, NetworkingAccess } from '../../connections/types';
import type { ConnectionKind } from '../../parse/connectionKind';
import { awsAccess, NETWORKING, REGISTRY_DOCS } from '../catalog/fields';

// The shape joins ConnectionShapes from here: the type is this folder plus its catalog line.
export interface KinesisConnection extends AtlasEntry {
  type: 'AWSKinesisDataStreams';
  aws?: AwsAccess;
  networking?: NetworkingAccess;
}

declare module '../../connections/types' {
  interface ConnectionShapes {
    AWSKinesisDataStreams: KinesisConnection;
  }
}

export const kinesisKind: ConnectionKind<KinesisConnection> = {
  type: 'AWSKinesisDataStreams',
  summary: 'Amazon Kinesis Data Streams, through an IAM role (Atlas only).',
  usedFor: 'source ($source) and sink ($emit) on Kinesis, on Atlas',
  icon: 'pulse',
  docsUrl: REGISTRY_DOCS,
  fields: [awsAccess(), NETWORKING],
  template: { aws: { roleArn: 'arn:aws:iam::<account>:role/<role>' } },
  form: ['aws.roleArn'],
  atlasOnly: true,
  describe: (c) => (c.aws?.roleArn ? [`IAM role: \`${c.aws.roleArn}\``] : []),
};
