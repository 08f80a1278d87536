// Test support for every package of the workspace: servers as processes or in this one, scripts
// run to their end, and real stores. It depends on no package of the workspace, so every one of
// them (the server included) can depend on it.
export { type Listening, listenOnFreePort, type TestEnvironment, testEnvironment } from './environment.js';
export { runScript, type ScriptResult, type SpawnedServer, type SpawnOptions, spawnServer } from './processes.js';
export { createTestStore, STORE_KINDS, type StoreKind, TEST_POSTGRES_URL, type TestStore } from './stores.js';
