import { z } from 'zod';

/**
 * HAR 1.2 as har-schema 2.0.0 (draft-06) states it, written again in zod so the app can check a file at run time
 * without shipping that schema: the same required fields, types and formats, and the same leniency (extra fields
 * allowed, `min` and `unique` not enforced, as ajv ignores those unknown keywords). test/integration/http/harSchema
 * proves the verdicts equal ajv's with the official schema on the sample files and on our exports.
 */

/** RFC 3339 date-time, as ajv-formats checks it: a real calendar date, a real time, and a zone. */
function isDateTime(text: string): boolean {
  const match = /^(\d{4})-(\d\d)-(\d\d)[Tt\s](\d\d):(\d\d):(\d\d)(?:\.\d+)?(?:[Zz]|([+-])(\d\d)(?::?(\d\d))?)$/.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysIn = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (daysIn === undefined || day < 1 || day > daysIn) return false;
  const zoneHour = Number(match[8] ?? 0);
  const zoneMinute = Number(match[9] ?? 0);
  if (zoneHour > 23 || zoneMinute > 59) return false;
  if (hour <= 23 && minute <= 59 && second <= 59) return true;
  // A leap second is 23:59:60 in UTC, whatever the offset says locally.
  const sign = match[7] === '-' ? -1 : 1;
  const utcMinutes = (hour * 60 + minute - sign * (zoneHour * 60 + zoneMinute) + 1440) % 1440;
  return second === 60 && utcMinutes === 23 * 60 + 59;
}

/** The pattern har-schema adds beside `format: date-time` (it is anchored at the start only). */
const HAR_DATE_PATTERN = /^(\d{4})(-)?(\d\d)(-)?(\d\d)(T)?(\d\d)(:)?(\d\d)(:)?(\d\d)(\.\d+)?(Z|([+-])(\d\d)(:)?(\d\d))/;

/** RFC 3986 URI: a scheme, then only URI characters, every `%` followed by two hex digits. A relative reference fails. */
function isUri(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#[\]%]*$/.test(text) && !/%(?![0-9A-Fa-f]{2})/.test(text);
}

function isIpv4(text: string): boolean {
  return /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(text);
}

/** RFC 4291 text form: eight groups, one `::` at most, an IPv4 tail allowed; no brackets, no zone. */
function isIpv6(text: string): boolean {
  let groups = text;
  let needed = 8;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    if (!isIpv4(text.slice(lastColon + 1))) return false;
    groups = text.slice(0, lastColon + 1) + '0';
    needed = 7;
  }
  const halves = groups.split('::');
  if (halves.length > 2) return false;
  const parse = (half: string): string[] | null => {
    if (half === '') return [];
    const parts = half.split(':');
    return parts.every((part) => /^[0-9A-Fa-f]{1,4}$/.test(part)) ? parts : null;
  };
  const head = parse(halves[0] as string);
  const tail = halves.length === 2 ? parse(halves[1] as string) : [];
  if (head === null || tail === null) return false;
  const count = head.length + tail.length;
  return halves.length === 2 ? count < needed : count === needed;
}

const dateTime = z
  .string()
  .refine(isDateTime, { message: 'must match format "date-time"' })
  .refine((text) => HAR_DATE_PATTERN.test(text), { message: 'must match the HAR date pattern' });
const optionalComment = { comment: z.string().optional() };

/** JSON Schema's `integer`: a number with no fraction, however large. */
const integer = z.number().refine(Number.isInteger, { message: 'must be integer' });

/** A required field whose subschema has no `type` (har-schema's cache and timings): only an object is checked. */
function ifObject<T extends z.ZodType>(schema: T): z.ZodType {
  return z.unknown().superRefine((value, context) => {
    if (value === undefined) context.addIssue({ code: 'custom', message: 'is required' });
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  });
}

const nameValue = z.looseObject({ name: z.string(), value: z.string(), ...optionalComment });
const creator = z.looseObject({ name: z.string(), version: z.string(), ...optionalComment });

const cookie = z.looseObject({
  name: z.string(),
  value: z.string(),
  path: z.string().optional(),
  domain: z.string().optional(),
  expires: z.union([z.null(), z.string().refine(isDateTime, { message: 'must match format "date-time"' })]).optional(),
  httpOnly: z.boolean().optional(),
  secure: z.boolean().optional(),
  ...optionalComment,
});

const postData = z.looseObject({
  mimeType: z.string(),
  text: z.string().optional(),
  params: z.array(z.unknown()).optional(),
  ...optionalComment,
});

const content = z.looseObject({
  size: integer,
  compression: integer.optional(),
  mimeType: z.string(),
  text: z.string().optional(),
  encoding: z.string().optional(),
  ...optionalComment,
});

const request = z.looseObject({
  method: z.string(),
  url: z.string().refine(isUri, { message: 'must match format "uri"' }),
  httpVersion: z.string(),
  cookies: z.array(cookie),
  headers: z.array(nameValue),
  queryString: z.array(nameValue),
  postData: postData.optional(),
  headersSize: integer,
  bodySize: integer,
  ...optionalComment,
});

const response = z.looseObject({
  status: integer,
  statusText: z.string(),
  httpVersion: z.string(),
  cookies: z.array(cookie),
  headers: z.array(nameValue),
  content,
  redirectURL: z.string(),
  headersSize: integer,
  bodySize: integer,
  ...optionalComment,
});

const harTimestamp = z.string().regex(/^(\d{4})(-)?(\d\d)(-)?(\d\d)(T)?(\d\d)(:)?(\d\d)(:)?(\d\d)(\.\d+)?(Z|([+-])(\d\d)(:)?(\d\d))?/);
const cacheState = z.union([
  z.null(),
  z.looseObject({ expires: harTimestamp.optional(), lastAccess: harTimestamp, eTag: z.string(), hitCount: integer, ...optionalComment }),
]);
const cache = ifObject(z.looseObject({ beforeRequest: cacheState.optional(), afterRequest: cacheState.optional(), ...optionalComment }));

const timing = z.number().optional();
const timings = ifObject(
  z.looseObject({ dns: timing, connect: timing, blocked: timing, send: z.number(), wait: z.number(), receive: z.number(), ssl: timing, ...optionalComment }),
);

const entry = z.looseObject({
  pageref: z.string().optional(),
  startedDateTime: dateTime,
  time: z.number(),
  request,
  response,
  cache,
  timings,
  serverIPAddress: z
    .string()
    .refine((text) => isIpv4(text) !== isIpv6(text), { message: 'must match exactly one schema in oneOf (format "ipv4" or "ipv6")' })
    .optional(),
  connection: z.string().optional(),
  ...optionalComment,
});

const page = z.looseObject({
  startedDateTime: dateTime,
  id: z.string(),
  title: z.string(),
  pageTimings: z.looseObject({ onContentLoad: z.number().optional(), onLoad: z.number().optional(), ...optionalComment }),
  ...optionalComment,
});

export const harDocument = z.looseObject({
  log: z.looseObject({
    version: z.string(),
    creator,
    browser: creator.optional(),
    pages: z.array(page).optional(),
    entries: z.array(entry),
    ...optionalComment,
  }),
});

/** Each point where `value` departs from HAR 1.2, by its path (`log.entries[2].request.url`). */
export function harDepartures(value: unknown): Array<{ path: string; message: string }> {
  const result = harDocument.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
