// zod 4 (dual package) imported as an ES module from TypeScript. Only erasable TS syntax is
// used (annotations, interfaces, type aliases, `as`), so stripping the types gives the script
// node runs. Results are printed as JSON, one line per check.
import { z } from 'zod';
import type { ZodType } from 'zod';

interface Check {
  label: string;
  schema: ZodType;
  input: unknown;
}

type Outcome = { ok: true; data: unknown } | { ok: false; issues: Array<{ code: string; path: PropertyKey[]; message: string }> };

function run(schema: ZodType, input: unknown): Outcome {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ code: i.code, path: i.path, message: i.message })),
  };
}

const print = (label: string, value: unknown): void => console.log(label + ' ' + JSON.stringify(value));

const User = z.object({
  id: z.number().int().positive(),
  name: z.string().min(2).max(20).trim(),
  email: z.email(),
  role: z.enum(['admin', 'user', 'guest']).default('user'),
  tags: z.array(z.string()).max(3).optional(),
  address: z.object({ city: z.string(), zip: z.string().regex(/^\d{5}$/) }).partial({ zip: true }),
});
type User = z.infer<typeof User>;

const Shape = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('circle'), r: z.number() }),
  z.object({ kind: z.literal('rect'), w: z.number(), h: z.number() }),
]);

const Money = z.string().transform((s: string) => Math.round(Number.parseFloat(s) * 100)).pipe(z.number().nonnegative());
const Password = z.object({ pw: z.string(), confirm: z.string() }).refine((v) => v.pw === v.confirm, { message: 'Passwords differ', path: ['confirm'] });
const Tree: ZodType = z.lazy(() => z.object({ value: z.number(), children: z.array(Tree) }));

const checks: Check[] = [
  { label: 'user ok', schema: User, input: { id: 1, name: '  Ada  ', email: 'ada@example.com', address: { city: 'London' } } },
  { label: 'user bad', schema: User, input: { id: -1.5, name: 'A', email: 'nope', role: 'root', tags: ['a', 'b', 'c', 'd'], address: { city: 3, zip: 'x' } } },
  { label: 'strict', schema: z.strictObject({ a: z.string() }), input: { a: 'x', b: 1 } },
  { label: 'passthrough', schema: z.looseObject({ a: z.string() }), input: { a: 'x', b: 1 } },
  { label: 'union', schema: z.union([z.string(), z.number()]), input: true },
  { label: 'discriminated', schema: Shape, input: { kind: 'rect', w: 2, h: 3 } },
  { label: 'discriminated bad', schema: Shape, input: { kind: 'tri' } },
  { label: 'tuple', schema: z.tuple([z.string(), z.number()]).rest(z.boolean()), input: ['a', 1, true, false] },
  { label: 'record', schema: z.record(z.string(), z.number()), input: { a: 1, b: 'two' } },
  { label: 'coerce', schema: z.object({ n: z.coerce.number(), b: z.coerce.boolean(), s: z.coerce.string() }), input: { n: '42', b: 0, s: 17 } },
  { label: 'transform pipe', schema: Money, input: '12.345' },
  { label: 'transform pipe bad', schema: Money, input: '-1' },
  { label: 'refine', schema: Password, input: { pw: 'a', confirm: 'b' } },
  { label: 'lazy tree', schema: Tree, input: { value: 1, children: [{ value: 2, children: [] }, { value: 'x', children: [] }] } },
  { label: 'nullable/nullish', schema: z.object({ a: z.string().nullable(), b: z.number().nullish() }), input: { a: null } },
  { label: 'catch', schema: z.number().catch(-1), input: 'not a number' },
  { label: 'string formats', schema: z.object({ u: z.url(), id: z.uuid(), ip: z.ipv4(), d: z.iso.date(), dt: z.iso.datetime() }), input: { u: 'https://x.dev/a?b=1', id: '123e4567-e89b-42d3-a456-426614174000', ip: '10.0.0.256', d: '2024-02-30', dt: '2024-02-28T13:45:30Z' } },
  { label: 'numbers', schema: z.array(z.number().multipleOf(5).lt(100)), input: [5, 12, 100, Number.NaN, Infinity] },
  { label: 'bigint/date', schema: z.tuple([z.bigint().gt(10n), z.date().min(new Date(Date.UTC(2020, 0, 1)))]), input: [5n, new Date(Date.UTC(2019, 0, 1))] },
  { label: 'map/set', schema: z.object({ m: z.map(z.string(), z.number()), s: z.set(z.string()).min(2) }), input: { m: new Map([['a', 'b']]), s: new Set(['x']) } },
  { label: 'literal/nativeEnum', schema: z.object({ l: z.literal(['a', 'b']), e: z.enum({ Up: 'UP', Down: 'DOWN' }) }), input: { l: 'c', e: 'UP' } },
  { label: 'intersection', schema: z.intersection(z.object({ a: z.string() }), z.object({ b: z.number() })), input: { a: 'x', b: 2 } },
];

for (const c of checks) print(c.label, run(c.schema, c.input));

const parsed: User = User.parse({ id: 7, name: 'Grace', email: 'g@h.io', address: { city: 'NYC', zip: '10001' } });
print('parse', parsed);
print('keyof', User.keyof().options);
print('pick/omit/extend', [Object.keys(User.pick({ id: true, name: true }).shape), Object.keys(User.omit({ address: true }).shape), Object.keys(User.extend({ age: z.number() }).shape)]);
print('enum', [z.enum(['a', 'b']).enum, z.enum(['a', 'b', 'c']).exclude(['b']).options]);
print('default', z.object({ n: z.number().default(3) }).parse({}));
print('brand', z.string().brand<'Id'>().parse('abc'));

try {
  User.parse({ id: 'x' });
} catch (err) {
  const e = err as z.ZodError;
  print('ZodError', [e instanceof z.ZodError, e.name, e.issues.length]);
  print('flattenError', z.flattenError(e));
  print('treeifyError', z.treeifyError(e));
  console.log(z.prettifyError(e));
}

// Async refinements resolve after the synchronous checks above; no top-level await here so
// the file means the same whether a tool treats .ts as CommonJS or as an ES module.
async function asyncChecks(): Promise<void> {
  const asyncSchema = z.string().refine(async (s: string) => s.length > 3, 'too short');
  const asyncResult = await asyncSchema.safeParseAsync('ab');
  print('async refine', asyncResult.success ? null : asyncResult.error.issues.map((i) => i.message));
  print('json schema', z.toJSONSchema(z.object({ name: z.string().describe('the name'), n: z.number().int().optional() })));
}

asyncChecks();
