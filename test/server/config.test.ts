/**
 * Reading the server's configuration from the environment: defaults without any variable, and a clear start-up
 * error naming the variable for a value that cannot work.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readConfig } from '../../src/server/config.js';

test('without variables: the embedded simulator, Cronofy\'s default rate limits', () => {
  const config = readConfig({}, '/srv/dv');
  assert.equal(config.embeddedSimulator, true);
  assert.equal(config.dataDir, '/srv/dv/.data');
  assert.deepEqual(config.cronofyRateLimit, { perSecond: 50, perMinute: 500 });
});

test('raised rate limits (Cronofy raises them on request) are taken as given', () => {
  const config = readConfig({ CRONOFY_RATE_LIMIT_PER_SECOND: '100', CRONOFY_RATE_LIMIT_PER_MINUTE: '2000' }, '/srv/dv');
  assert.deepEqual(config.cronofyRateLimit, { perSecond: 100, perMinute: 2000 });
});

test('a value that cannot work stops the start with the variable\'s name', () => {
  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ CRONOFY_RATE_LIMIT_PER_MINUTE: '0' }, /CRONOFY_RATE_LIMIT_PER_MINUTE must be a number > 0/],
    [{ CRONOFY_RATE_LIMIT_PER_SECOND: 'fast' }, /CRONOFY_RATE_LIMIT_PER_SECOND must be a number/],
    [{ CRONOFY_RATE_LIMIT_PER_SECOND: '-5' }, /CRONOFY_RATE_LIMIT_PER_SECOND/],
    [{ DV_RECONCILE_GRACE_SECONDS: 'soon' }, /DV_RECONCILE_GRACE_SECONDS/],
    [{ PORT: '70000' }, /PORT must be a port number/],
    [{ CRONOFY_DATA_CENTER: 'mars' }, /CRONOFY_DATA_CENTER must be one of/],
    [{ CRONOFY_CLIENT_ID: 'real-app' }, /CRONOFY_CLIENT_SECRET is required/],
  ];
  for (const [env, message] of bad) assert.throws(() => readConfig(env, '/srv/dv'), message, JSON.stringify(env));
});
