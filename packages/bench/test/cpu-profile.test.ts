// `pnpm bench:gc --cpu-profile FILE` sums a profile of the bundle by package, using the comments
// esbuild writes before each module it copies into a chunk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleLineOwners, type CpuProfile, summarizeProfile } from '../src/cpu-profile.js';

const bundleDir = mkdtempSync(join(tmpdir(), 'cpu-profile-'));
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

// A chunk as esbuild writes one (line numbers are 0-based in profiles, as here).
writeFileSync(
  join(bundleDir, 'app-TEST.js'),
  [
    "import { createRequire } from 'node:module';", // 0
    '// ../../node_modules/.pnpm/express@5.3.0/node_modules/express/lib/response.js', // 1
    'function send() {}', // 2
    '// ../../node_modules/.pnpm/@prisma+client@7.0.1_prisma@7.0.1/node_modules/@prisma/client/runtime/client.js', // 3
    'function request() {}', // 4
    '// dist/http/operations.js', // 5
    '// An ordinary comment, not a module: dist/ appears later in it', // 6
    'function dispatch() {}', // 7
    '// dist/storage/generated/sqlite/client.js', // 8
    'const client = {};', // 9
    '// dist/main.js', // 10
    'main();', // 11
  ].join('\n'),
);

const frame = (id: number, functionName: string, url: string, lineNumber = 0) => ({ id, callFrame: { functionName, url, lineNumber } });
// A frame's URL only needs to end in /bundle/<chunk> for the line map to apply.
const chunk = `file://${bundleDir}/bundle/app-TEST.js`;

describe('a CPU profile of the bundle, by package', () => {
  it('maps each bundle line to the package or folder of ours it came from', () => {
    const lines = bundleLineOwners(bundleDir).get('app-TEST.js')!;
    expect(lines[0]).toBe('bundle app-TEST.js');
    expect(lines[2]).toBe('express');
    expect(lines[4]).toBe('@prisma/client');
    expect(lines[7]).toBe('ours: http');
    expect(lines[9]).toBe('Prisma generated client');
    expect(lines[11]).toBe('ours: main');
  });

  it('sums self time by owner as shares of the busy samples, largest first, idle left out', () => {
    const owners = bundleLineOwners(bundleDir);
    const profile: CpuProfile = {
      nodes: [
        frame(1, '(root)', ''),
        frame(2, '(idle)', ''),
        frame(3, 'send', chunk, 2),
        frame(4, 'request', chunk, 4),
        frame(5, 'dispatch', chunk, 7),
        frame(6, 'writev', ''),
        frame(7, '_storeHeader', 'node:_http_outgoing', 409),
        frame(8, 'emit', 'node:internal/streams/readable', 1),
        frame(9, 'LOG', 'file:///x/node_modules/.pnpm/pino@10.1.0/node_modules/pino/lib/proto.js', 3),
      ],
      samples: [2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 6, 6, 6, 7, 8, 9, 2, 2, 2],
    };
    const shares = summarizeProfile(profile, owners);
    expect(shares.map((s) => s.name)).toEqual(['express', 'writev', '@prisma/client', 'node:_http_outgoing', 'node:internal', 'ours: http', 'pino']);
    // 13 busy samples: express 4, writev 3, Prisma 2, the rest 1 each.
    expect(shares[0]!.share).toBeCloseTo(4 / 13);
    expect(shares[1]!.share).toBeCloseTo(3 / 13);
    expect(shares.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1);
  });

  it('reports nothing, not a division by zero, for a profile that was all idle', () => {
    expect(summarizeProfile({ nodes: [frame(1, '(idle)', '')], samples: [1, 1] }, new Map())).toEqual([]);
  });
});
