/** Seconds a lease lives without renewal: how long a crashed release blocks the next one. */
export const LEASE_SECONDS = 30;
