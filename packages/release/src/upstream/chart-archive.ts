import { gunzipSync } from "node:zlib";

/**
 * The files of a chart archive (`.tgz`) by their path inside the chart directory
 * (`Chart.yaml`, `values.yaml`, `templates/x.yaml`): the top-level directory is dropped,
 * subcharts keep their `charts/<sub>/` prefix. Reads ustar/pax archives as helm writes them.
 */
export function readChartArchive(archive: Buffer, maxBytes = 64 * 1024 * 1024): Map<string, Buffer> {
  const tar = gunzipSync(archive, { maxOutputLength: maxBytes });
  const files = new Map<string, Buffer>();
  let offset = 0;
  let longName: string | undefined;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString("utf8")
        .replace(/\0.*$/s, "");
    const size = parseInt(field(124, 12).trim() || "0", 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === "x") {
      const path = /\d+ path=([^\n]*)\n/.exec(body.toString("utf8"))?.[1];
      if (path) longName = path;
      continue;
    }
    if (type === "L") {
      longName = body.toString("utf8").replace(/\0.*$/s, "");
      continue;
    }
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    if (type !== "0" && type !== "" && type !== "\0") continue;
    const inChart = name.split("/").slice(1).join("/");
    if (inChart) files.set(inChart, Buffer.from(body));
  }
  return files;
}
