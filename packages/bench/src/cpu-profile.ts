// Where a CPU profile of the server's bundle spends its time, by package. The bundle is one file
// per chunk, so a profile's frames name `app-XXXX.js:61531`; esbuild writes a comment
// `// ../../node_modules/.pnpm/<package>@<version>/…` (or `// dist/<our module>`) before each
// module it copies, which maps every line back to the package or our module it came from.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of a `.cpuprofile` (V8's Profiler.Profile) this reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
}

export interface ProfileShare {
  /** A package (`express`), one of our folders (`ours: http`), a Node module (`node:_http_outgoing`) or a native entry (`writev`, `(garbage collector)`). */
  name: string;
  /** Share of the busy samples (idle left out), 0–1. */
  share: number;
}

const MODULE_COMMENT = /^\/\/ (?:\.\.\/)*(?:node_modules\/\.pnpm\/((?:@[^/+]+\+)?[^/@]+)@[^/]*\/|dist\/([^/]+)\/?)/;

/** For each chunk of the bundle in `bundleDir`, the package or folder of ours each line belongs to. */
export function bundleLineOwners(bundleDir: string): Map<string, string[]> {
  const owners = new Map<string, string[]>();
  for (const file of readdirSync(bundleDir).filter((f) => f.endsWith('.js'))) {
    const lines = readFileSync(join(bundleDir, file), 'utf8').split('\n');
    const byLine: string[] = [];
    let owner = `bundle ${file}`;
    lines.forEach((line, i) => {
      const match = MODULE_COMMENT.exec(line);
      if (match) owner = match[1] ? match[1].replace('+', '/') : line.includes('dist/storage/generated/') ? 'Prisma generated client' : `ours: ${match[2]!.replace(/\.js$/, '')}`;
      byLine[i] = owner;
    });
    owners.set(file, byLine);
  }
  return owners;
}

function ownerOf(frame: CpuProfile['nodes'][number]['callFrame'], owners: Map<string, string[]>): string {
  const { url, functionName, lineNumber } = frame;
  if (url === '') return functionName || '(anonymous native)';
  if (url.startsWith('node:')) return url.startsWith('node:internal/') ? 'node:internal' : url;
  const file = url.slice(url.lastIndexOf('/') + 1);
  const lines = url.includes('/bundle/') ? owners.get(file) : undefined;
  if (lines) return lines[lineNumber] ?? `bundle ${file}`;
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return pnpm ? pnpm[1]! : url;
}

/** Self time by owner, largest first, as shares of the samples that were not idle. */
export function summarizeProfile(profile: CpuProfile, owners: Map<string, string[]>): ProfileShare[] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const samplesPerNode = new Map<number, number>();
  for (const id of profile.samples) samplesPerNode.set(id, (samplesPerNode.get(id) ?? 0) + 1);
  const byOwner = new Map<string, number>();
  let busy = 0;
  for (const [id, count] of samplesPerNode) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.functionName === '(idle)') continue;
    busy += count;
    const owner = ownerOf(frame, owners);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + count);
  }
  return [...byOwner]
    .map(([name, count]) => ({ name, share: busy === 0 ? 0 : count / busy }))
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
}
