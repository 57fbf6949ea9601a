import { request } from "node:https";

export interface ProbeOptions {
  /** The CA to trust (PEM); without it and without `insecure` the system CAs are used. */
  ca?: Buffer;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Skip certificate checks, for components' self-signed serving certificates. */
  insecure?: boolean;
}

/** The HTTP status of a GET, or 0 when the server cannot be reached. */
export function httpsStatus(url: string, options: ProbeOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: "GET",
        timeout: 5000,
        ...(options.ca ? { ca: options.ca } : {}),
        ...(options.insecure ? { rejectUnauthorized: false } : {}),
        ...(options.token ? { headers: { authorization: `Bearer ${options.token}` } } : {}),
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
    req.end();
  });
}
