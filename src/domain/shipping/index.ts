export * from './address.ts';
export * from './check-digit.ts';
export * from './default-profiles.ts';
export * from './labels.ts';
export * from './methods.ts';
export * from './profile.ts';
export * from './text.ts';
export * from './tracking.ts';
