/**
 * What a homelab CLI's exit code means. Each code means one thing, in every CLI:
 * scripts can tell a failed service from a typo in the config from an unreachable cluster.
 */
export const ExitCode = {
  /** Everything done (or nothing to do). */
  ok: 0,
  /** Something ran and failed: a service, a check, a command. */
  failed: 1,
  /** Bad config, service definition or command-line usage: nothing was changed. */
  usage: 2,
  /** A cluster or host could not be reached or read. */
  unreachable: 3,
  /** Another release holds the homelab's release lock. */
  busy: 4,
  /** A tool the command needs is not installed. */
  missingTool: 5,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** The exit codes as `--help` and the README list them. */
export const EXIT_CODES_HELP = `Exit codes:
  0  done, or nothing to do
  1  a service, check or command failed
  2  bad config, definition or usage: nothing was changed
  3  a cluster or host could not be reached or read
  4  another release is running (it holds the release lock)
  5  a tool the command needs is not installed
`;
