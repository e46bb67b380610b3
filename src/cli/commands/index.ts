import type { Command } from 'commander';
import { registerSandboxCommand } from './sandbox.ts';

/** Each sub-command lives in its own file and registers itself on the program. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerSandboxCommand];
