/** `cli up` / `cli down`: start or stop the integration-test servers (npm run infra:up|down). */
import { startServers, stopServers } from './servers';
import { SERVERS_JSON } from './paths';
import { errorMessage } from '../../engine/core/errors';

async function main(verb: string | undefined): Promise<number> {
  switch (verb) {
    case 'up': {
      const s = await startServers();
      const r = s.schemaRegistry;
      // The registry's test password stays in servers.json: print how to read it, not it.
      const readPassword = `"$(node -p 'require(${JSON.stringify(SERVERS_JSON)}).schemaRegistry.password')"`;
      process.stdout.write(
        `kafka ${s.kafkaBrokers}\nmongo ${s.mongoUri}\nschema-registry ${r.url} (user ${r.username})\n(${SERVERS_JSON})\n\n` +
          `# for examples/asp.connections.json:\nexport ASP_KAFKA_BROKERS=${s.kafkaBrokers}\nexport ASP_MONGO_URI='${s.mongoUri}'\n` +
          `export ASP_SCHEMA_REGISTRY_URL=${r.url}\nexport ASP_SCHEMA_REGISTRY_USER=${r.username}\nexport ASP_SCHEMA_REGISTRY_PASSWORD=${readPassword}\n`,
      );
      return 0;
    }
    case 'down':
      await stopServers();
      process.stdout.write('test servers stopped\n');
      return 0;
    default:
      process.stderr.write('usage: cli up|down\n');
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${errorMessage(e)}\n`);
    process.exit(1);
  },
);
