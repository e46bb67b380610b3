/** The RMS sandbox: a protocol-faithful RakutenPayOrderAPI simulator with Rakuten's rules, a controllable clock and faults. */
export { startSandbox, buildSandboxApp, type RunningSandbox, type StartSandboxOptions } from './server.ts';
export { Sandbox, type SandboxOptions, type CreateShopInput, type GenerateOrdersInput } from './sandbox.ts';
export { SandboxClock, type ClockMode } from './clock.ts';
export { DEFAULT_SETTINGS, sandboxSettingsSchema, type SandboxSettings } from './settings.ts';
export { DEFAULT_FAULTS, faultSettingsSchema, type FaultSettings } from './faults.ts';
export { SCENARIOS, type Scenario } from './generator.ts';
export { SandboxError } from './errors.ts';
export { priceTaxIncluded, containedTax, recalculate } from './amounts.ts';
export type { SandboxShop, SandboxLicense } from './shop.ts';
export type { SandboxOrder } from './order-record.ts';
export type { SandboxState } from './state.ts';
export type { LedgerEntry } from './ledger.ts';
export type { RunningMailRelay, MailRelayOptions } from './mail/relay.ts';
export type { SandboxMail } from './mail/mailbox.ts';
