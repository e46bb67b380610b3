/** The RMS connection a shop is about to be saved with. */
export interface ConnectionTarget {
  readonly rmsUrl: string;
  readonly serviceSecret: string;
  readonly licenseKey: string;
  readonly rateLimitPerSecond: number;
}

/** RMS's own answer to a failed call: HTTP status and body as they came, or the network error. */
export interface RmsAnswer {
  readonly status: number | null;
  readonly body: string | null;
  readonly error: string;
}

interface TestOutcome {
  readonly licenseKeyExpiresAt: Date | null;
  /** The expiry look-up's refusal when the license lacks that function (the search still decides). */
  readonly licenseNote: RmsAnswer | null;
}

export type ConnectionTestResult =
  | (TestOutcome & { readonly ok: true; readonly step: null; readonly answer: null; readonly ordersInLastHour: number })
  | (TestOutcome & { readonly ok: false; readonly step: 'licenseExpiry' | 'searchOrder'; readonly answer: RmsAnswer });

/** Calls RMS with the given credentials (implemented by sync/connection-test.ts, which may talk to RMS). */
export type ConnectionTester = (target: ConnectionTarget) => Promise<ConnectionTestResult>;
