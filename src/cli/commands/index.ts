import type { CommandFactory } from '../context.js';
import { planCommand } from './plan.js';
import { packCommand } from './pack.js';
import { hostsCommand } from './hosts.js';
import { defaultsCommand } from './defaults.js';
import { whatifCommand } from './whatif.js';
import { validateCommand } from './validate.js';
import { replayCommand } from './replay.js';

/** The explicit command registry: one file per command. */
export const COMMANDS: CommandFactory[] = [planCommand, packCommand, hostsCommand, defaultsCommand, whatifCommand, validateCommand, replayCommand];
