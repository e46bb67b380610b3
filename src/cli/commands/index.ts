import type { Command } from 'commander';
import { registerMigrate } from './migrate.ts';
import { registerSandboxCommand } from './sandbox.ts';
import { registerShop } from './shop.ts';
import { registerToken } from './token.ts';
import { registerUser } from './user.ts';
import { registerImport } from './import.ts';
import { registerSync } from './sync.ts';
import { registerWorker } from './worker.ts';
import { registerServe } from './serve.ts';
import { registerDemo } from './demo.ts';
import { registerPrint } from './print.ts';
import { registerShipping } from './shipping.ts';

/** Each sub-command lives in its own file and registers itself on the program. */
export type RegisterCommand = (program: Command) => void;

export const commands: RegisterCommand[] = [registerMigrate, registerShop, registerUser, registerToken, registerSandboxCommand, registerSync, registerImport, registerWorker, registerServe, registerDemo, registerPrint, registerShipping];
