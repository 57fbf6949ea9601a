/**
 * The draft being built: the definition's values and exceptions as plain data,
 * the comments for a person to confirm, and the warnings. The `draft-*`
 * modules fill it, one Compose concern each.
 */
import type { ComposeFile, KeyPath, Obj } from "./compose-file.ts";
import { pathText } from "./compose-file.ts";
import type { ExceptionKind } from "../definition.ts";
import { Notes } from "./ts-literal.ts";

export interface DraftValues {
  controllers: Record<string, Obj>;
  service: Record<string, Obj>;
  ingress: Record<string, Obj>;
  persistence: Record<string, Obj>;
  configMaps: Record<string, Obj>;
  secrets: Record<string, Obj>;
}

export interface DraftException {
  kind: ExceptionKind;
  controller?: string;
  container?: string;
  volume?: string;
  reason: string;
}

/** A mount as the values model writes it. */
export interface DraftMount {
  path: string;
  subPath?: string;
  readOnly?: boolean;
}

/** The id of the one Secret that holds every generated value of a draft. */
export const SECRET_ID = "app";

export class Draft {
  readonly notes = new Notes();
  readonly warnings: string[] = [];
  readonly values: DraftValues = {
    controllers: {},
    service: {},
    ingress: {},
    persistence: {},
    configMaps: {},
    secrets: {},
  };
  readonly exceptions: DraftException[] = [];
  /** Persistence ids of Compose's named volumes (shared by the controllers that mount them). */
  readonly namedVolumes = new Map<string, string>();
  /** The id of the /tmp emptyDir, once made. */
  tmpVolume: string | undefined;
  /** Secret keys by what they hold (a variable name or a literal), so one value is generated once. */
  readonly #secretKeys = new Map<string, string>();

  constructor(
    readonly compose: ComposeFile,
    /** The chart name. */
    readonly name: string,
    /** Compose service name -> controller id (the main service -> `main`). */
    readonly controllerIds: ReadonlyMap<string, string>,
  ) {}

  /** True when the draft has more than one controller (mounts then name their controller). */
  get several(): boolean {
    return this.controllerIds.size > 1;
  }

  /** Records a warning about the Compose key at `path`. */
  warn(path: KeyPath, text: string): void {
    this.warnings.push(`${pathText(path)}: ${text}`);
  }

  /** Declares a departure from the secure defaults with its reason. */
  except(exception: DraftException): void {
    this.exceptions.push(exception);
  }

  /** An id not yet used in `map`: `wanted`, else `wanted-2`, `wanted-3`... */
  uniqueId(map: Obj, wanted: string): string {
    let id = wanted;
    for (let n = 2; id in map; n++) id = `${wanted}-${n}`;
    return id;
  }

  /** Mounts volume `id` into the main container of controller `cid`. */
  mount(id: string, cid: string, mount: DraftMount): void {
    const volume = this.values.persistence[id];
    if (!volume) throw new Error(`volume ${id} is not defined`);
    if (!this.several) {
      const list = (volume.globalMounts ??= []) as DraftMount[];
      list.push(mount);
      return;
    }
    const byController = (volume.advancedMounts ??= {}) as Record<string, Record<string, DraftMount[]>>;
    const byContainer = (byController[cid] ??= {});
    (byContainer.main ??= []).push(mount);
  }

  /** Volumes mounted the same way into every controller's main container get globalMounts instead. */
  collapseMounts(): void {
    const ids = [...this.controllerIds.values()];
    for (const volume of Object.values(this.values.persistence)) {
      const advanced = volume.advancedMounts as Record<string, Record<string, DraftMount[]>> | undefined;
      if (!advanced || !this.several) continue;
      const lists = ids.map((id) => advanced[id]);
      const first = JSON.stringify(lists[0]?.main);
      const same = lists.every((l) => l && Object.keys(l).length === 1 && JSON.stringify(l.main) === first);
      if (!same || Object.keys(advanced).length !== ids.length) continue;
      delete volume.advancedMounts;
      volume.globalMounts = lists[0]?.main ?? [];
    }
  }

  /** The key of the generated secret for `identity` (a variable or literal), made on first use. */
  secretKey(identity: string, wanted: string): { key: string; created: boolean } {
    const known = this.#secretKeys.get(identity);
    if (known) return { key: known, created: false };
    const secret = (this.values.secrets[SECRET_ID] ??= { generate: {} });
    const generate = secret.generate as Record<string, Obj>;
    let key = wanted;
    for (let n = 2; key in generate; n++) key = `${wanted}_${n}`;
    generate[key] = { length: 32 };
    this.#secretKeys.set(identity, key);
    return { key, created: true };
  }
}

/** A volume or resource id from a name or path: lowercase letters, digits and dashes. */
export function idFrom(text: string, fallback: string): string {
  const id = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return /[a-z]/.test(id) ? id : fallback;
}
