/**
 * The deployed definition of a processor on a target, as the Admin API create body it would be
 * written as: read with `getStreamProcessor` (the drivers' flat description), or, where that
 * command is missing, from the processor's `listStreamProcessors` element.
 */
import * as P from '../../shared/protocol';
import { exportDocument, type JsonDoc } from '../pipeline/processorDocument';
import { CommandError } from '../runtime/errors';
import type { TargetApi } from './api';
import type { Connection, ConnectionRegistry } from '../connections/types';
import { builtinRegistry } from '../connectors/catalog/registry';

export interface Deployed {
  doc: JsonDoc;
  state: P.ProcessorState;
  /** True once the processor ran (it may have a checkpoint). */
  hasStarted: boolean;
}

const isObject = (v: unknown): v is JsonDoc => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A flat description (getStreamProcessor) or a list element (with `options`) as a create body. */
export function documentFromInfo(info: JsonDoc): JsonDoc {
  const doc: JsonDoc = { name: info['name'], pipeline: info['pipeline'] };
  const options: JsonDoc = isObject(info['options']) ? { ...info['options'] } : {};
  if (info['dlq'] !== undefined && isObject(info['dlq']) && Object.keys(info['dlq']).length > 0) options['dlq'] ??= info['dlq'];
  if (typeof info['streamMetaFieldName'] === 'string') options['streamMetaFieldName'] ??= info['streamMetaFieldName'];
  if (isObject(info['autoscaling'])) options['autoscaling'] ??= info['autoscaling'];
  else if (typeof info['enableAutoScaling'] === 'boolean' && options['autoscaling'] === undefined && options['enableAutoScaling'] === undefined) options['enableAutoScaling'] = info['enableAutoScaling'];
  if (Object.keys(options).length > 0) doc['options'] = options;
  if (typeof info['tier'] === 'string') doc['tier'] = info['tier'];
  if (typeof info['failoverEnabled'] === 'boolean') doc['failoverEnabled'] = info['failoverEnabled'];
  return exportDocument(doc, 'admin-api');
}

/** The processor `name` on the target, or undefined when it has none by that name. */
export async function fetchDeployed(api: TargetApi, name: string): Promise<Deployed | undefined> {
  try {
    const info = (await api.request(P.getStreamProcessor, { name })) as P.StreamProcessorReply & JsonDoc;
    if (info.enableAutoScaling === true && info.autoscaling === undefined) {
      // Atlas's flat description says only whether autoscaling is on; the stats reply has the bounds.
      const stats = (await api.request(P.getStreamProcessorStats, { name }).catch(() => undefined)) as JsonDoc | undefined;
      const bounds = stats?.['autoscaling'];
      if (isObject(bounds)) info.autoscaling = { enabled: true, ...bounds };
    }
    return { doc: documentFromInfo(info), state: info.state, hasStarted: info.hasStarted ?? info.state !== 'CREATED' };
  } catch (e) {
    if (!(e instanceof CommandError) || e.code !== P.AspErrorCodes.NotFound) throw e;
    // Either the processor is missing or the target has no getStreamProcessor: the list tells which.
  }
  const { streamProcessors } = await api.request(P.listStreamProcessors, { filter: { name } });
  const info = streamProcessors.find((p) => p.name === name);
  if (!info) return undefined;
  return { doc: documentFromInfo(info as unknown as JsonDoc), state: info.state, hasStarted: info.state !== 'CREATED' };
}

/**
 * The target's connections by name and type (listStreamConnections), for checking a file that
 * goes there: a workspace's connections are not in the local asp.connections.json.
 */
export async function targetConnections(api: TargetApi): Promise<ConnectionRegistry> {
  const { connections } = await api.request(P.listStreamConnections, {});
  return builtinRegistry(connections.map((c) => ({ name: c.name, type: c.type }) as Connection));
}
