/**
 * server/config — the environment is checked once, at start, and every invalid variable is named with its fix
 * in one StartupError (scripts/cli prints it alone, before Neo4j starts).
 */
import { describe, expect, it } from 'vitest';
import { StartupError, loadConfig } from '../../server/config';

const failure = (env: NodeJS.ProcessEnv): StartupError => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof StartupError) return e;
    throw e;
  }
  throw new Error('config: expected a StartupError');
};

describe('configuration', () => {
  it('takes the defaults from an empty environment', () => {
    const c = loadConfig({});
    expect(c.NEO4J_URI).toBe('bolt://127.0.0.1:7687');
    expect(c.PORT).toBe(3000);
    expect(c.API_KEY).toBeUndefined();
  });

  it('accepts every Neo4j scheme, with or without TLS', () => {
    for (const uri of ['bolt://127.0.0.1:7687', 'neo4j://db.example.org', 'bolt+s://db:7687', 'neo4j+ssc://10.0.0.2:7687']) {
      expect(loadConfig({ NEO4J_URI: uri }).NEO4J_URI).toBe(uri);
    }
  });

  it('names a Neo4j address that is not one, and how to write it', () => {
    for (const uri of ['notaurl', 'http://127.0.0.1:7474', 'bolt://', 'localhost:7687']) {
      const err = failure({ NEO4J_URI: uri });
      expect(err.message, uri).toContain('NEO4J_URI: not a Neo4j address — write it as bolt://host:7687');
    }
  });

  it('lists every invalid variable in one message', () => {
    const err = failure({ PORT: 'abc', API_KEY: 'short', NEO4J_URI: 'x' });
    expect(err.message).toMatch(/^config: invalid environment — fix these variables \(see \.env\.example\):/);
    expect(err.message).toContain('PORT:');
    expect(err.message).toContain('API_KEY: API_KEY must have at least 16 characters');
    expect(err.message).toContain('NEO4J_URI:');
  });
});
