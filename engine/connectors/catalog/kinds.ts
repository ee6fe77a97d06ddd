/**
 * THE list of connection types: one line per type, exporting the ConnectionKind of its folder
 * (engine/connectors/<type>/kind.ts). Adding a connection type is one folder plus one line
 * here; everything else (the registry loader, completion, hover, the Connections view and
 * form, secrets, test connection, stats labels) reads the kinds through ./index.ts.
 */
export { kafkaKind } from '../kafka/kind';
export { clusterKind } from '../mongo/kind';
export { sampleKind } from '../sample/kind';
export { httpsKind } from '../https/kind';
export { schemaRegistryKind } from '../schemaRegistry/kind';
export { awsLambdaKind } from '../awsLambda/kind';
export { s3Kind } from '../s3/kind';
export { kinesisKind } from '../awsKinesis/kind';
export { azureBlobStorageKind } from '../azureBlobStorage/kind';
export { gcpPubSubKind } from '../gcpPubSub/kind';
export { localKind } from '../local/kind';
export { testLogKind } from '../testLog/kind';
