/**
 * The one way a value goes into a command a host's shell runs: as one POSIX shell word,
 * between single quotes, each `'` written as `'\''`. Inside single quotes no character is
 * special, so any string (quotes, `$`, `;`, newlines) stays one literal argument.
 */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, "'\\''")}'`;
}

/** `NAME='value'`: an assignment of a quoted value to a variable whose name is checked. */
export function shellAssign(name: string, value: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new TypeError(`not a shell variable name: ${name}`);
  return `${name}=${shellQuote(value)}`;
}
