/** A pull that stayed short of what Pax8 said it holds: the run fails instead of marking the rest removed. */
export class IncompletePullError extends Error {
  constructor(what: string, received: number, expected: number) {
    super(
      `Pax8 returned an incomplete list of ${what} (${received} of ${expected}) even after retrying the short pages. Nothing was marked removed; the next sync will try again.`,
    );
    this.name = 'IncompletePullError';
  }
}

/** The tenant cannot be synced at all now (never connected, credentials unreadable): 409, no run recorded. */
export class SyncNotPossibleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncNotPossibleError';
  }
}

/** Another sync of the tenant holds the lease (here or in another process). */
export class SyncAlreadyRunningError extends Error {
  constructor(readonly runId: string | null) {
    super(`A Pax8 sync of this tenant is already running${runId ? ` (run ${runId})` : ''}. Wait for it to finish.`);
    this.name = 'SyncAlreadyRunningError';
  }
}

/** The lease was lost mid-run (expired and taken by another process): stop writing at once. */
export class LeaseLostError extends Error {
  constructor() {
    super('This sync lost its lease to another process and stopped; the other run carries on.');
    this.name = 'LeaseLostError';
  }
}
