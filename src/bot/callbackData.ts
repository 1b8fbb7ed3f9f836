import type { z } from "zod";

/** Telegram refuses callback data longer than 64 bytes. */
const MAX_CALLBACK_BYTES = 64;

export type CallbackFields = Record<string, z.ZodType<string | number>>;
export type CallbackData<F extends CallbackFields> = { [K in keyof F]: z.output<F[K]> };

/**
 * One kind of button: a fixed prefix and named fields, written `prefix:field1:field2`. Every press is
 * decoded and validated before a handler sees it: forged or stale data decodes to null.
 */
export interface CallbackKind<F extends CallbackFields> {
  readonly prefix: string;
  encode(data: CallbackData<F>): string;
  decode(raw: string): CallbackData<F> | null;
}

export function callbackKind<F extends CallbackFields>(prefix: string, fields: F): CallbackKind<F> {
  const names = Object.keys(fields) as (keyof F & string)[];
  return {
    prefix,
    encode(data) {
      const parts = names.map((name) => String(data[name]));
      const encoded = [prefix, ...parts].join(":");
      if (parts.some((p) => p.includes(":")) || Buffer.byteLength(encoded) > MAX_CALLBACK_BYTES) {
        throw new Error(`callback data of ${prefix} cannot be encoded`);
      }
      return encoded;
    },
    decode(raw) {
      if (raw !== prefix && !raw.startsWith(`${prefix}:`)) return null;
      const parts = raw === prefix ? [] : raw.slice(prefix.length + 1).split(":");
      if (parts.length !== names.length) return null;
      const data: Record<string, unknown> = {};
      for (const [i, name] of names.entries()) {
        const parsed = (fields[name] as z.ZodType).safeParse(parts[i]);
        if (!parsed.success) return null;
        data[name] = parsed.data;
      }
      return data as CallbackData<F>;
    },
  };
}
