/** What the plugin tells the host about on its own initiative (so the host can e-mail or notify). */
export type Pax8HostEvent =
  /** A delegated consent ends soon: sent once each 14, 7 and 1 days ahead. */
  | { type: 'pax8.consent.expiring'; tenantId: string; daysLeft: number; endsAt: string }
  /** A delegated consent ended (90 days passed, revoked, or invalid_grant): someone must re-authorize. */
  | { type: 'pax8.consent.ended'; tenantId: string; reason: string };

/** Port (optional): receives Pax8HostEvents. Without it the events are only logged. */
export interface HostEventsPort {
  publish(event: Pax8HostEvent): Promise<void> | void;
}
export const PAX8_HOST_EVENTS = Symbol.for('pax8.port.host-events');
