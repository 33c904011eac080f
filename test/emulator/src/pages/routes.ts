import type { Express } from 'express';
import type { EmulatorContext } from '../context.js';

/** Microsoft-style sign-in pages (device login and /authorize). */
export function registerPages(_app: Express, _ctx: EmulatorContext): void {}
