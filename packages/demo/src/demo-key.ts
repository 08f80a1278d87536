// The demo merchant's API key: created on first run, kept in DATA_DIR/demo-key.json
// (mode 0600: it holds the API secret), and replaced when it no longer works.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Service } from '@checkout/server';

export const DEMO_MERCHANT_NAME = 'Demo Coffee Roasters';

export interface DemoKey {
  api_key: string;
  api_secret: string;
  initiator_id: string;
}

export type DemoKeySource = 'created' | 'reused' | 'replaced-revoked' | 'replaced-unknown' | 'replaced-unreadable';

export function demoKeyPath(dataDir: string): string {
  return join(dataDir, 'demo-key.json');
}

/** The saved key if the store knows it and it is not revoked; otherwise a new one, saved. */
export async function loadOrCreateDemoKey(service: Service, dataDir: string): Promise<{ key: DemoKey; source: DemoKeySource }> {
  const path = demoKeyPath(dataDir);
  const saved = readSaved(path);
  if (saved.key) {
    const savedKey = saved.key;
    const known = (await service.services.apiKeys.list()).find((k) => k.id === savedKey.api_key);
    if (known && known.revokedAt === null) return { key: savedKey, source: 'reused' };
    return { key: await createDemoKey(service, dataDir), source: known ? 'replaced-revoked' : 'replaced-unknown' };
  }
  return { key: await createDemoKey(service, dataDir), source: saved.exists ? 'replaced-unreadable' : 'created' };
}

/** A new key for the demo merchant, written over demo-key.json. */
export async function createDemoKey(service: Service, dataDir: string): Promise<DemoKey> {
  const created = await service.services.apiKeys.create({ name: DEMO_MERCHANT_NAME });
  const key: DemoKey = { api_key: created.api_key, api_secret: created.api_secret, initiator_id: created.initiator_id };
  const path = demoKeyPath(dataDir);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600); // in case a umask or an old file widened it
  renameSync(temporary, path);
  return key;
}

function readSaved(path: string): { exists: boolean; key?: DemoKey } {
  if (!existsSync(path)) return { exists: false };
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<DemoKey>;
    if (typeof value.api_key === 'string' && typeof value.api_secret === 'string' && typeof value.initiator_id === 'string') {
      return { exists: true, key: value as DemoKey };
    }
  } catch {
    // unreadable: replaced below
  }
  return { exists: true };
}
