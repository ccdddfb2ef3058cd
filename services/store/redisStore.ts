// The shared-store backend on Redis: @keyv/redis with `SET NX` and a Lua version check on keyv's own keys.

import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
import { createClient, type RedisClientType } from '@redis/client';
import { KeyvAtomicStore } from './keyvAtomicStore.js';

const NAMESPACE = 'ssp';

/** Replaces the value only when the stored envelope still carries the expected version. */
const COMPARE_AND_SET = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local decoded = cjson.decode(current)
if type(decoded.value) ~= 'table' or decoded.value.version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
return 1`;

const DELETE_IF_VERSION = `
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local decoded = cjson.decode(current)
if type(decoded.value) ~= 'table' or decoded.value.version ~= tonumber(ARGV[1]) then return 0 end
redis.call('DEL', KEYS[1])
return 1`;

/**
 * Redis through @keyv/redis. The client fails fast while disconnected (no offline queue), so an outage is an error
 * the user hears about, not a request that hangs.
 */
export class RedisAtomicStore extends KeyvAtomicStore {
  readonly backend = 'redis' as const;

  private constructor(
    keyv: Keyv,
    private readonly client: RedisClientType,
  ) {
    super(keyv);
  }

  static async open(url: string, onError: (error: unknown) => void): Promise<RedisAtomicStore> {
    const client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 5_000,
        reconnectStrategy: (retries) => Math.min(retries * 200, 3_000),
      },
    }) as RedisClientType;
    client.on('error', onError);
    await client.connect();
    const adapter = new KeyvRedis(client, {
      namespace: NAMESPACE,
      throwOnErrors: true,
      throwOnConnectError: true,
    });
    const keyv = new Keyv({
      store: adapter,
      namespace: NAMESPACE,
      useKeyPrefix: false,
      throwOnErrors: true,
    });
    return new RedisAtomicStore(keyv, client);
  }

  protected physicalKey(key: string): string {
    return `${NAMESPACE}::${key}`;
  }

  protected async rawInsert(physicalKey: string, serialized: string): Promise<boolean> {
    const reply = await this.client.set(physicalKey, serialized, { condition: 'NX' });
    return reply === 'OK';
  }

  protected async rawCompareAndSet(
    physicalKey: string,
    expectedVersion: number,
    serialized: string,
  ): Promise<boolean> {
    const reply = await this.client.eval(COMPARE_AND_SET, {
      keys: [physicalKey],
      arguments: [String(expectedVersion), serialized],
    });
    return reply === 1;
  }

  protected async rawDeleteIfVersion(
    physicalKey: string,
    expectedVersion: number,
  ): Promise<boolean> {
    const reply = await this.client.eval(DELETE_IF_VERSION, {
      keys: [physicalKey],
      arguments: [String(expectedVersion)],
    });
    return reply === 1;
  }

  protected async rawPing(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.quit();
  }
}
