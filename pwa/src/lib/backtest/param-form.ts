/**
 * A strategy's parameter form, read from its zod schema: one field per key of the object
 * schema, for number (int or not, with min/max), boolean and enum keys. Values are validated
 * by the schema itself when the run starts (`validateParams`), so the form only has to offer
 * the right inputs. Zod's public introspection (`def`, `minValue`, `isInt`, `options`) is used;
 * a key of another kind is shown as text and the schema decides.
 */
export type ParamField =
  | {
      kind: 'number';
      key: string;
      label: string;
      int: boolean;
      min: number | null;
      max: number | null;
      value: number | null;
    }
  | { kind: 'boolean'; key: string; label: string; value: boolean }
  | { kind: 'enum'; key: string; label: string; options: string[]; value: string | null }
  | { kind: 'text'; key: string; label: string; value: string };

type Introspected = {
  def: { type: string; innerType?: Introspected; defaultValue?: unknown };
  description?: string;
  shape?: Record<string, Introspected>;
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
  options?: readonly unknown[];
};

/** Wrappers that do not change the input kind: defaults (their value prefills the field), optionals. */
function unwrap(s: Introspected): { inner: Introspected; dflt: unknown; description: string | undefined } {
  let inner = s;
  let dflt: unknown;
  let description = s.description;
  while ((inner.def.type === 'default' || inner.def.type === 'optional') && inner.def.innerType) {
    if (inner.def.type === 'default' && dflt === undefined) dflt = inner.def.defaultValue;
    inner = inner.def.innerType;
    description ??= inner.description;
  }
  return { inner, dflt, description };
}

const finite = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function fieldsOf(schema: unknown): ParamField[] {
  const shape = (schema as Introspected).shape;
  if (shape === undefined) return [];
  return Object.entries(shape).map(([key, s]) => {
    const { inner, dflt, description } = unwrap(s);
    const label = description ?? key;
    switch (inner.def.type) {
      case 'number':
        return {
          kind: 'number',
          key,
          label,
          int: inner.isInt === true,
          min: finite(inner.minValue),
          max: finite(inner.maxValue),
          value: typeof dflt === 'number' ? dflt : null,
        };
      case 'boolean':
        return { kind: 'boolean', key, label, value: dflt === true };
      case 'enum':
        return {
          kind: 'enum',
          key,
          label,
          options: (inner.options ?? []).map(String),
          value: typeof dflt === 'string' ? dflt : null,
        };
      default:
        return { kind: 'text', key, label, value: dflt === undefined ? '' : String(dflt) };
    }
  });
}

/**
 * The form's raw strings → the params object the schema checks. Empty numbers are left out
 * (the schema's default applies); a number field with text that is not a number stays a
 * string, so the schema refuses it with its own message.
 */
export function paramsOf(
  fields: readonly ParamField[],
  raw: Readonly<Record<string, string | boolean>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = raw[f.key];
    if (v === undefined) continue;
    if (f.kind === 'boolean') out[f.key] = v === true || v === 'true';
    else if (f.kind === 'number') {
      const text = String(v).trim();
      if (text === '') continue;
      const n = Number(text);
      out[f.key] = Number.isFinite(n) ? n : text;
    } else if (String(v) !== '') out[f.key] = String(v);
  }
  return out;
}

/** The form's starting values: each field's default as the string an input holds. */
export function initialValues(fields: readonly ParamField[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const f of fields) out[f.key] = f.kind === 'boolean' ? f.value : f.value === null ? '' : String(f.value);
  return out;
}
