/**
 * The text of a draft `src/service.ts` from a filled Draft: the header with
 * every warning, `export default defineService({...})` and
 * `export const ciValues = defineCiValues({...})`.
 */
import type { Obj } from "./compose-file.ts";
import type { Draft } from "./draft.ts";
import { SECRET_ID } from "./draft.ts";
import { homeOf } from "./image.ts";
import { commentLines, Notes, printLiteral } from "./ts-literal.ts";

const WIDTH = 110;

export interface RenderOptions {
  /** The Compose file, as the header names it. */
  file: string;
  /** The Compose services imported, the main one first. */
  services: readonly string[];
}

export const titleOf = (name: string): string =>
  name
    .split(/[-_.\s]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");

const mainImage = (d: Draft): string => {
  const main = d.values.controllers.main as
    | { containers?: { main?: { image?: { repository?: string } } } }
    | undefined;
  return main?.containers?.main?.image?.repository ?? "";
};

function definition(d: Draft, title: string): Obj {
  const { home, source } = homeOf(mainImage(d));
  const def: Obj = {
    name: d.name,
    description: `${title}: TODO: what it does, in one sentence.`,
    home,
    ...(source ? { sources: [source] } : {}),
    keywords: ["homelab"],
  };
  d.notes.add(def, "home", "TODO: confirm: guessed from the image.");
  d.notes.add(def, "keywords", "TODO: a few words people search Artifact Hub with.");
  if (d.exceptions.length) {
    def.exceptions = d.exceptions.map((e) => ({ ...e }));
    d.notes.add(
      def,
      "exceptions",
      "Departures from the secure defaults the Compose file asked for; each reason is printed in the chart's README. " +
        "TODO: confirm each one (the build refuses undeclared and unused ones).",
    );
  }
  const values: Obj = {};
  for (const key of ["controllers", "service", "ingress", "persistence", "configMaps", "secrets"] as const) {
    if (Object.keys(d.values[key]).length) values[key] = d.values[key];
  }
  if (d.values.secrets[SECRET_ID]) {
    d.notes.add(
      d.values.secrets,
      SECRET_ID,
      "Generated once at install and kept across upgrades (see the env comments).",
    );
  }
  def.values = values;
  return def;
}

const bigger = (size: string) => size.replace(/^(\d+)/, (n) => String(Number(n) * 4));

function ciValues(d: Draft, notes: Notes): Obj {
  const representative: Obj = {};
  const ingress = d.values.ingress.main as { hosts?: { paths?: unknown[] }[] } | undefined;
  if (ingress) {
    const host = `${d.name}.example.org`;
    representative.ingress = {
      main: {
        hosts: [{ host, paths: ingress.hosts?.[0]?.paths ?? [] }],
        tls: [{ hosts: [host], secretName: `${d.name}-tls` }],
      },
    };
  }
  const claim = Object.entries(d.values.persistence).find(
    ([, v]) => v.type === "persistentVolumeClaim" && typeof v.size === "string",
  );
  if (claim) representative.persistence = { [claim[0]]: { size: bigger(String(claim[1].size)) } };
  if (!Object.keys(representative).length) {
    representative.controllers = {
      main: { containers: { main: { resources: { limits: { memory: "2Gi" } } } } },
    };
  }
  const ci = { representative };
  notes.add(
    ci,
    "representative",
    "TODO: another homelab's realistic choices; helm lint and the render tests check them.",
  );
  return ci;
}

/** The draft's source text. */
export function renderDraft(d: Draft, options: RenderOptions): string {
  const [main = d.name, ...others] = options.services;
  const title = titleOf(d.name);
  const with_ = others.length ? ` with ${others.join(", ")}` : "";
  const header = [
    `A draft imported by \`homelab-chart import\` from ${options.file}: the Compose service ${main}${with_}.`,
    "Every TODO is a decision to confirm; then delete the TODOs and this header.",
  ];
  const lines = ['import { defineCiValues, defineService } from "@homelab/chart-kit";', ""];
  for (const h of header) lines.push(...commentLines(h, 0, WIDTH));
  if (d.warnings.length) {
    lines.push("//", "// Not imported, or needs a person (also printed by the import):");
    for (const w of d.warnings)
      lines.push(...commentLines(`- ${w}`, 0, WIDTH).map((l, i) => (i ? l.replace("// ", "//   ") : l)));
  }
  const def = definition(d, title);
  const start = "export default defineService(";
  lines.push("", `/** ${title}. TODO: link the upstream docs the values come from. */`);
  lines.push(`${start}${printLiteral(def, d.notes, { prefixLength: start.length, width: WIDTH })});`);
  const notes = new Notes();
  const ci = ciValues(d, notes);
  const ciStart = "export const ciValues = defineCiValues(";
  lines.push("", "/** Representative values: TODO: what another homelab changes. */");
  lines.push(`${ciStart}${printLiteral(ci, notes, { prefixLength: ciStart.length, width: WIDTH })});`);
  return `${lines.join("\n")}\n`;
}
