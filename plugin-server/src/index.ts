export { createApp } from './app.factory.js';
export { ConfigError, loadConfig, type AppConfig } from './config/app-config.js';
