import { describe, expect, it } from "vitest";
import { looksSecret, parseEnvFiles, parseEnvironment } from "./environment.ts";

const compose = { where: () => "compose.yaml:4" };
const at = ["services", "app", "environment"];

describe("Compose environment", () => {
  it("reads the mapping form: numbers and booleans as text, null as passed through", () => {
    expect(
      parseEnvironment(compose, { TZ: "Etc/UTC", PORT: 8080, DEBUG: false, FROM_HOST: null }, at),
    ).toEqual([
      { name: "TZ", value: "Etc/UTC" },
      { name: "PORT", value: "8080" },
      { name: "DEBUG", value: "false" },
      { name: "FROM_HOST" },
    ]);
  });

  it("reads the list form: KEY=value (= in values kept), and KEY alone as passed through", () => {
    expect(parseEnvironment(compose, ["DOMAIN=https://x", "OPTS=a=b", "EMPTY=", "FROM_HOST"], at)).toEqual([
      { name: "DOMAIN", value: "https://x" },
      { name: "OPTS", value: "a=b" },
      { name: "EMPTY", value: "" },
      { name: "FROM_HOST" },
    ]);
  });

  it("refuses a name Kubernetes does not accept, naming the key", () => {
    expect(() => parseEnvironment(compose, ["1BAD=x"], at)).toThrow(
      /^compose\.yaml:4: services\.app\.environment\[0\]: "1BAD" is not a variable name/,
    );
    expect(() => parseEnvironment(compose, "TZ=UTC", at)).toThrow(/is neither a mapping nor a list/);
  });

  it("lists env_file in every form", () => {
    expect(parseEnvFiles(".env")).toEqual([".env"]);
    expect(parseEnvFiles(["a.env", { path: "b.env", required: false }])).toEqual(["a.env", "b.env"]);
    expect(parseEnvFiles(undefined)).toEqual([]);
  });
});

describe("looksSecret", () => {
  it.each([
    "DB_PASSWORD",
    "POSTGRES_PASSWORD",
    "FTLCONF_webserver_api_password",
    "WEBPASSWORD",
    "ADMIN_TOKEN",
    "SECRET_KEY",
    "PAPERLESS_SECRET_KEY",
    "API_KEY",
    "MEILI_MASTER_KEY",
    "APIKEY",
    "DB_PASS",
    "JWT_SECRET",
    "AWS_SECRET_ACCESS_KEY",
    "PRIVATE_KEY",
  ])("%s is a secret", (name) => expect(looksSecret(name)).toBe(true));

  it.each([
    "TZ",
    "DB_USERNAME",
    "DB_HOSTNAME",
    "POSTGRES_PASSWORD_FILE",
    "KEYBOARD_LAYOUT",
    "TOKEN_EXPIRY",
    "PASSWORD_MIN_LENGTH",
    "SIGNUPS_ALLOWED",
    "OIDC_TOKEN_URL",
    "PASSWORD_PATH",
  ])("%s is not", (name) => expect(looksSecret(name)).toBe(false));
});
