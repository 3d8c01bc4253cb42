/**
 * test/setup/global — provisions the test Neo4j instance (its own folder and
 * port, apart from npm start's) and loads the curated dataset into it.
 *
 * When NEO4J_URI is already set, that server is used as is. The instance is
 * stopped at the end only if this run started it.
 */
import { startInstance, stopInstance } from '../../scripts/neo4j/local';

/** NEO4J_TEST_INSTANCE / NEO4J_TEST_BOLT_PORT let parallel checkouts keep separate test servers. */
export const TEST_INSTANCE = {
  name: process.env.NEO4J_TEST_INSTANCE ?? 'test',
  boltPort: Number(process.env.NEO4J_TEST_BOLT_PORT ?? 7688),
  password: 'local-test-password',
};

let startedHere = false;

/** NO_NEO4J=1 skips provisioning for a quick run of the unit project alone. */
export default async function setup() {
  if (!process.env.NEO4J_URI && !process.env.NO_NEO4J) {
    const inst = await startInstance(TEST_INSTANCE);
    startedHere = inst.started;
    process.env.NEO4J_URI = inst.uri;
    process.env.NEO4J_USER = inst.user;
    process.env.NEO4J_PASSWORD = inst.password;
  }
  process.env.LOG_LEVEL ??= 'silent';
  if (process.env.NEO4J_URI) {
    const { seedDatabase } = await import('../../server/seed');
    console.log(`[setup] ${await seedDatabase({ reset: true })}`);
  }
  return async () => {
    if (startedHere && !process.env.KEEP_NEO4J) await stopInstance(TEST_INSTANCE.name);
  };
}
