/**
 * The forms of the config's host and k3s fields that reach an SSH command line or a shell
 * on a host (the schema applies them; config/schema.ts). Each admits only what the field
 * means, so no shell or ssh syntax can pass, whatever the quoting downstream does.
 */

const IPV4_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
const IPV4 = `(?:${IPV4_OCTET}\\.){3}${IPV4_OCTET}`;
const LABEL = "[A-Za-z0-9](?:[-A-Za-z0-9]{0,61}[A-Za-z0-9])?";
/** RFC 1123 host name whose last label is not all digits (that would be a malformed IPv4). */
const HOSTNAME = `(?!(?:.*\\.)?[0-9]+$)${LABEL}(?:\\.${LABEL})*`;
/** Hex digits and colons (an embedded IPv4 tail allowed); host-checks.ts checks it is an IPv6 address. */
const IPV6 = "(?=[0-9A-Fa-f.]*:)[0-9A-Fa-f:.]{2,45}";

/** `hosts[].address`: `local`, an IPv4 address, a host name or an IPv6 address (no brackets, no zone). */
export const HOST_ADDRESS_PATTERN = `^(?:local|${IPV4}|${HOSTNAME}|${IPV6})$`;
export const HOST_ADDRESS_MAX_LENGTH = 253;

/** `hosts[].user`: a POSIX portable user name (letters, digits, `.`, `_`, `-`), starting with a letter or `_`. */
export const HOST_USER_PATTERN = "^[A-Za-z_][A-Za-z0-9._-]{0,31}$";

/**
 * `k3s.extraArgs[]`: one `--flag` or `--flag=value` token. The value is printable ASCII
 * without spaces, quotes or backslashes: k3s's install script splits INSTALL_K3S_EXEC at
 * spaces and re-reads it with `eval`, where quotes and backslashes would change the words.
 */
export const K3S_FLAG_PATTERN = "^--[a-z0-9][a-z0-9-]*(=[\\x21\\x23-\\x26\\x28-\\x5b\\x5d-\\x7e]*)?$";
export const K3S_FLAG_MAX_LENGTH = 1024;
