// The server package's public surface, for tests and tools.
export { createApp } from './app.js';
export { createAppServer } from './http/app-server.js';
export { type Config, ConfigError, loadConfig } from './config.js';
export { createLogger } from './logger.js';
export { openService, type Service } from './service.js';
export { newSessionNonce, timeOrderedId } from './domain/time-ordered-keys.js';
