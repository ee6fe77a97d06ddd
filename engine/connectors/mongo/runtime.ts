/** The Cluster connection type's I/O half for the catalog: test connection (connect, ping, close). */
import { MongoClient } from 'mongodb';
import type { ClusterConnection } from '../../connections/types';
import { resolveEnv } from '../../connections/env';
import { errorMessage } from '../../core/errors';
import type { ConnectionRuntime } from '../../io/connectionRuntime';

export const runtime: ConnectionRuntime<ClusterConnection> = {
  async test(conn, { env, timeoutMs }) {
    if (!conn.uri) throw new Error(`Cluster connection ${conn.name} has no local "uri" to connect to`);
    const uri = resolveEnv(conn.uri, env);
    let client: MongoClient;
    try {
      client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs, socketTimeoutMS: timeoutMs });
    } catch (e) {
      throw new Error(`invalid MongoDB uri: ${errorMessage(e)}`);
    }
    try {
      await client.connect();
      await client.db('admin').command({ ping: 1 });
      return 'connected to MongoDB (ping ok)';
    } catch (e) {
      throw new Error(`cannot reach MongoDB: ${errorMessage(e)}`);
    } finally {
      await client.close().catch(() => undefined);
    }
  },
};
