/**
 * The AWSLambda connection type: the AWS Lambda functions `$externalFunction` calls, through an
 * IAM role Atlas assumes (Admin API `StreamsAWSLambdaConnection`). Atlas only: entries load,
 * stages that use them are checked with an Atlas-only warning.
 */
import type { AtlasEntry, AwsAccess, NetworkingAccess } from '../../connections/types';
import type { ConnectionKind } from '../../parse/connectionKind';
import { awsAccess, PUBLIC_PRIVATE_NETWORKING, REGISTRY_DOCS } from '../catalog/fields';

// The shape joins ConnectionShapes from here: the type is this folder plus its catalog line.
export interface AwsLambdaConnection extends AtlasEntry {
  type: 'AWSLambda';
  aws?: AwsAccess;
  networking?: NetworkingAccess;
}

declare module '../../connections/types' {
  interface ConnectionShapes {
    AWSLambda: AwsLambdaConnection;
  }
}

export const awsLambdaKind: ConnectionKind<AwsLambdaConnection> = {
  type: 'AWSLambda',
  summary: 'AWS Lambda functions, through an IAM role (Atlas only).',
  usedFor: '$externalFunction (AWS Lambda), on Atlas',
  icon: 'symbol-function',
  docsUrl: REGISTRY_DOCS,
  fields: [awsAccess(), PUBLIC_PRIVATE_NETWORKING],
  template: { aws: { roleArn: 'arn:aws:iam::<account>:role/<role>' } },
  form: ['aws.roleArn'],
  atlasOnly: true,
  describe: (c) => (c.aws?.roleArn ? [`IAM role: \`${c.aws.roleArn}\``] : []),
};
