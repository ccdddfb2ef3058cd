// The shared-store backend on Redis: @keyv/redis with `SET NX` and a Lua version check on keyv's own keys.

import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
import { createClient, type RedisClientType } from '@redis/client';
import { StoreConnectError } from './atomicStore.js';
import { KEYV_NAMESPACE, KeyvAtomicStore } from './keyvAtomicStore.js';

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
 * the user hears about, not a request that hangs. Opening fails at the first refused connection: reconnecting
 * forever is right for a client that was connected, but an `open` that never returns hides a wrong URL.
 */
export class RedisAtomicStore extends KeyvAtomicStore {
  readonly backend = 'redis' as const;

  private constructor(
    keyv: Keyv,
    private readonly client: RedisClientType,
    private readonly adapter: KeyvRedis<string>,
  ) {
    super(keyv);
  }

  static async open(url: string, onError: (error: unknown) => void): Promise<RedisAtomicStore> {
    let connected = false;
    const client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 5_000,
        reconnectStrategy: (retries) => (connected ? Math.min(retries * 200, 3_000) : false),
      },
    }) as RedisClientType;
    client.on('error', (error) => {
      if (connected) onError(error);
    });
    try {
      await client.connect();
    } catch (error) {
      throw new StoreConnectError('Redis', url, error);
    }
    connected = true;
    const adapter = new KeyvRedis(client, {
      namespace: KEYV_NAMESPACE,
      throwOnErrors: true,
      throwOnConnectError: true,
    });
    const keyv = new Keyv({
      store: adapter,
      namespace: KEYV_NAMESPACE,
      useKeyPrefix: false,
      throwOnErrors: true,
    });
    return new RedisAtomicStore(keyv, client, adapter);
  }

  /** The adapter, not keyv, prefixes keys here (`ssp::key`); ask it, so both always agree. */
  protected override physicalKey(key: string): string {
    return this.adapter.createKeyPrefix(key, KEYV_NAMESPACE);
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

  protected async rawClose(): Promise<void> {
    if (this.client.isOpen) await this.client.quit();
  }
}
