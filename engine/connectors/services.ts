/**
 * createServices(): the implementation of engine/io/types.ts Services, which stages and sources
 * reach through `rt.services`: Kafka clients, MongoDB clients and collection targets, the
 * embedded `local` store, the shared retry policy, and `io`, the connector-backed operators and
 * sources (a Kafka source or sink with `schemaRegistry` gets its Avro codec here). Clients
 * are created lazily, one per connection, and closed together. Only composition roots (the
 * CLI run command, the daemon instance, bin/, benchmarks) import this module.
 */
import { Kafka } from 'kafkajs';
import { MongoClient } from 'mongodb';
import type { ConnectionRegistry } from '../connections/types';
import { resolveEnv } from '../connections/env';
import { EngineError, errorMessage } from '../core/errors';
import { LocalStore } from '../store/localStore';
import { kafkaClientConfig } from './kafka/config';
import { LocalTarget } from './local/target';
import { MongoTarget } from './mongo/target';
import { DEFAULT_RETRY } from './retry';
import { createCollectionEmit } from './collectionEmit';
import { createKafkaSink } from './kafka/sink';
import { KafkaSource } from './kafka/source';
import { createLookupOperator } from './lookupOperator';
import { createHttpsOperator } from './http/httpsOperator';
import { createCachedLookupOperator } from './cachedLookupOperator';
import { createMergeOperator } from './mergeOperator';
import { ChangeStreamSource } from './mongo/changeStreamSource';
import { createAvroDecoder, createAvroEncoder, type SchemaRegistryDeps } from './schemaRegistry/stageConfig';
import type { RetryListener, RetryPolicy, Services } from '../io/types';

export interface ServicesOptions {
  stateDir: string;
  env?: NodeJS.ProcessEnv;
  retryPolicy?: Partial<RetryPolicy>;
  onRetry?: RetryListener;
}

export function createServices(registry: ConnectionRegistry, opts: ServicesOptions): Services {
  const env = opts.env ?? process.env;
  const kafkas = new Map<string, Kafka>();
  const mongos = new Map<string, Promise<MongoClient>>();
  let store: LocalStore | undefined;

  const conn = (name: string) => {
    const c = registry.get(name);
    if (!c) throw new EngineError(`connection named ${name} does not exist. Check sp.listConnections() for available connections.`, 'user', 'ASP_UNKNOWN_CONNECTION');
    return c;
  };

  /** What an Avro codec of a stage on Kafka connection `kafka` needs (SASL_INHERIT takes its SASL user). */
  const registryDeps = (kafka: string): SchemaRegistryDeps => ({
    connection(name) {
      const c = conn(name);
      if (c.type !== 'SchemaRegistry') throw new EngineError(`connection ${name} is a ${c.type} connection, not a SchemaRegistry connection`, 'user', 'ASP_CONNECTION_TYPE');
      return c;
    },
    env,
    retry: services.retry,
    kafkaSasl: services.kafkaConnection(kafka).authentication,
  });

  const services: Services = {
    registry,
    env,
    retry: { policy: { ...DEFAULT_RETRY, ...opts.retryPolicy }, onRetry: opts.onRetry },
    io: {
      kafkaEmit: (cfg, rt) => createKafkaSink(cfg, rt, services, cfg.schemaRegistry ? createAvroEncoder(cfg.schemaRegistry, registryDeps(cfg.connectionName)) : undefined),
      collectionEmit: (cfg, rt) => createCollectionEmit(cfg, rt, services),
      merge: (cfg, rt) => createMergeOperator(cfg, rt, services),
      lookup: (cfg, rt, next) => createLookupOperator(cfg, rt, services, next),
      https: (cfg, rt, next) => createHttpsOperator(cfg, rt, services, next),
      cachedLookup: (cfg, rt, next) => createCachedLookupOperator(cfg, rt, services, next),
      kafkaSource: (cfg, env) => new KafkaSource(cfg, env, cfg.schemaRegistry ? createAvroDecoder(cfg.schemaRegistry, registryDeps(cfg.connectionName)) : undefined),
      changeStreamSource: (cfg, env) => new ChangeStreamSource(cfg, env),
    },
    get localStore() {
      store ??= new LocalStore(opts.stateDir);
      return store;
    },
    collection(name, db, coll) {
      const c = conn(name);
      if (c.type === 'Local') return new LocalTarget(services.localStore.collection(db, coll));
      if (c.type === 'Cluster') return new MongoTarget(() => services.mongo(name), db, coll);
      throw new EngineError(`connection ${name} is a ${c.type} connection, not a Cluster connection`, 'user', 'ASP_CONNECTION_TYPE');
    },
    kafkaConnection(name) {
      const c = conn(name);
      if (c.type !== 'Kafka') throw new EngineError(`connection ${name} is a ${c.type} connection, not a Kafka connection`, 'user', 'ASP_CONNECTION_TYPE');
      return c;
    },
    kafka(name) {
      let k = kafkas.get(name);
      if (!k) {
        k = new Kafka(kafkaClientConfig(services.kafkaConnection(name), env, `asp-studio-${name}`));
        kafkas.set(name, k);
      }
      return k;
    },
    mongo(name) {
      let p = mongos.get(name);
      if (!p) {
        const c = conn(name);
        if (c.type !== 'Cluster') throw new EngineError(`connection ${name} is a ${c.type} connection, not a Cluster connection`, 'user', 'ASP_CONNECTION_TYPE');
        if (!c.uri) throw new EngineError(`Cluster connection ${name} has no local "uri" to connect to`, 'user', 'ASP_CONNECTION_CONFIG');
        let uri: string;
        try {
          uri = resolveEnv(c.uri, env);
        } catch (e) {
          throw new EngineError(`Cluster connection '${name}': ${errorMessage(e)}`, 'user', 'ASP_CONNECTION_CONFIG');
        }
        const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000, connectTimeoutMS: 5000 });
        p = client.connect().catch((e: unknown) => {
          mongos.delete(name);
          throw new EngineError(`connection to MongoDB '${name}' failed: ${errorMessage(e)}`, 'external', 'ASP_CONNECTION');
        });
        mongos.set(name, p);
      }
      return p;
    },
    async close() {
      const clients = await Promise.allSettled([...mongos.values()]);
      mongos.clear();
      kafkas.clear();
      await Promise.allSettled(clients.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
      if (store) await store.close();
      store = undefined;
    },
  };
  return services;
}
