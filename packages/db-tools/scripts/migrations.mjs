// Versioned SQL migrations for both providers, from the one data model.
//
//   node scripts/migrations.mjs new NAME   write migrations/NNNN_NAME/{models.prisma,sqlite.sql,postgresql.sql}
//   node scripts/migrations.mjs check      exit 1 if the models changed without a migration,
//                                          or if a committed SQL file differs from what its snapshot yields
//
// Each migration keeps a snapshot of the models it was generated from, so the SQL of
// migration N is always `diff(snapshot N-1 → snapshot N)` and can be re-derived and compared.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = fileURLToPath(new URL('..', import.meta.url));
const serverDir = join(here, '../server');
const modelsPath = join(serverDir, 'prisma/models.prisma');
const migrationsDir = join(serverDir, 'migrations');
const providers = ['sqlite', 'postgresql'];
const prismaBin = join(here, 'node_modules/.bin/prisma');
const scratch = mkdtempSync(join(tmpdir(), 'db-tools-'));

let files = 0;
function schemaFile(provider, models) {
  const path = join(scratch, `${files++}.${provider}.prisma`);
  // Prisma 6 wants a url; the adapter in prisma.config.ts is what is really used.
  const url = provider === 'sqlite' ? 'file:unused.db' : 'postgresql://unused';
  writeFileSync(path, `datasource db {\n  provider = "${provider}"\n  url = "${url}"\n}\n\n${models}`);
  return path;
}

// Each diff is a Prisma CLI process of several seconds; the check runs one per migration and
// provider, so they run side by side, as many at once as the machine has cores.
const run = promisify(execFile);
let running = 0;
const waiting = [];
async function limited(task) {
  if (running >= availableParallelism()) await new Promise((resolve) => waiting.push(resolve));
  running++;
  try {
    return await task();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** SQL that turns `fromModels` (null = empty database) into `toModels`. */
function diffSql(provider, fromModels, toModels) {
  const from = fromModels === null ? ['--from-empty'] : ['--from-schema-datamodel', schemaFile(provider, fromModels)];
  const to = ['--to-schema-datamodel', schemaFile(provider, toModels)];
  return limited(async () => {
    const { stdout } = await run(prismaBin, ['migrate', 'diff', ...from, ...to, '--script'], {
      cwd: here,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        DB_TOOLS_PROVIDER: provider,
        PRISMA_QUERY_ENGINE_LIBRARY: '/bin/false',
        PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
    });
    // The runner chooses the schema (search_path); the migration must not pin "public".
    return stdout.replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/g, '');
  });
}

/** What `prisma migrate diff` writes when there is nothing to do. */
function isEmptyMigration(sql) {
  return sql.replace(/^--.*$/gm, '').trim() === '';
}

function migrations() {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d{4}_[a-z0-9_]+$/.test(d.name))
    .map((d) => d.name)
    .sort();
}

const [command, name] = process.argv.slice(2);
const current = readFileSync(modelsPath, 'utf8');
const existing = migrations();
const lastSnapshot = existing.length
  ? readFileSync(join(migrationsDir, existing.at(-1), 'models.prisma'), 'utf8')
  : null;

if (command === 'new') {
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error('usage: pnpm db:migration NAME   (NAME: lower-case letters, digits, _)');
    process.exit(2);
  }
  const changes = lastSnapshot === current ? [] : await Promise.all(providers.map((provider) => diffSql(provider, lastSnapshot, current)));
  if (changes.every(isEmptyMigration)) {
    console.error('prisma/models.prisma has no change that needs SQL since the last migration; nothing to write.');
    process.exit(1);
  }
  const dir = join(migrationsDir, `${String(existing.length + 1).padStart(4, '0')}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'models.prisma'), current);
  providers.forEach((provider, i) => writeFileSync(join(dir, `${provider}.sql`), changes[i]));
  console.log(`wrote ${dir}`);
} else if (command === 'check') {
  // Every diff is started at once (limited() keeps them to the cores), then compared in order.
  const modelsChanged =
    lastSnapshot === current ? [] : providers.map(async (provider) => !isEmptyMigration(await diffSql(provider, lastSnapshot, current)));
  let previous = null;
  const mismatches = [];
  for (const migration of existing) {
    const snapshot = readFileSync(join(migrationsDir, migration, 'models.prisma'), 'utf8');
    for (const provider of providers) {
      const committed = readFileSync(join(migrationsDir, migration, `${provider}.sql`), 'utf8');
      const derived = diffSql(provider, previous, snapshot);
      mismatches.push(
        derived.then((sql) => (sql === committed ? null : `migrations/${migration}/${provider}.sql does not match its models.prisma snapshot (edited by hand?).`)),
      );
    }
    previous = snapshot;
  }
  const [changed, mismatched] = await Promise.all([Promise.all(modelsChanged), Promise.all(mismatches)]);
  const problems = [];
  // A change that needs no SQL (a comment, the layout) needs no migration; the snapshot stays as it was.
  if (changed.some(Boolean)) {
    problems.push('prisma/models.prisma changed since the last migration. Fix: `pnpm db:migration NAME` and commit it.');
  }
  problems.push(...mismatched.filter((problem) => problem !== null));
  if (problems.length) {
    for (const p of problems) console.error(p);
    process.exit(1);
  }
  console.log(`${existing.length} migration(s) match the data model for ${providers.join(' and ')}`);
} else {
  console.error('usage: migrations.mjs new NAME | check');
  process.exit(2);
}
