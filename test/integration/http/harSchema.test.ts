import { describe, expect, it } from 'vitest';
import { harDepartures } from '../../../electron/lab/http/har/harSchema.js';
import { officialHarValidator, sampleHarFiles } from './harOracle.js';

/** Edits that break (or keep) one rule each, applied to every sample file: the two validators must agree on all. */
const MUTATIONS: Array<[string, (har: any) => void]> = [
  ['no creator', (har) => delete har.log.creator],
  ['entries not an array', (har) => (har.log.entries = {})],
  ['status as a string', (har) => (har.log.entries[0].response.status = '200')],
  ['status with a fraction', (har) => (har.log.entries[0].response.status = 200.5)],
  ['status 200.0', (har) => (har.log.entries[0].response.status = 200.0)],
  ['a date that is not one', (har) => (har.log.entries[0].startedDateTime = '2024-02-30T10:00:00Z')],
  ['a date without a zone', (har) => (har.log.entries[0].startedDateTime = '2024-02-03T10:00:00')],
  ['a date with a space and an offset', (har) => (har.log.entries[0].startedDateTime = '2024-02-03 10:00:00.5+01:00')],
  ['timings not an object', (har) => (har.log.entries[0].timings = 5)],
  ['timings without send', (har) => delete har.log.entries[0].timings.send],
  ['timings at -1', (har) => Object.assign(har.log.entries[0].timings, { dns: -1, connect: -1, send: -1 })],
  ['no cache', (har) => delete har.log.entries[0].cache],
  ['cache as a string', (har) => (har.log.entries[0].cache = 'none')],
  ['cache entry without eTag', (har) => (har.log.entries[0].cache = { beforeRequest: { lastAccess: '2024-01-01T00:00:00Z', hitCount: 1 } })],
  ['an IPv6 server address', (har) => (har.log.entries[0].serverIPAddress = '::1')],
  ['a bracketed IPv6 server address', (har) => (har.log.entries[0].serverIPAddress = '[::1]')],
  ['an IPv4-mapped server address', (har) => (har.log.entries[0].serverIPAddress = '::ffff:127.0.0.1')],
  ['a leading-zero IPv4 address', (har) => (har.log.entries[0].serverIPAddress = '127.000.0.1')],
  ['a relative URL', (har) => (har.log.entries[0].request.url = '/relative')],
  ['a URL with a space', (har) => (har.log.entries[0].request.url = 'http://a/b c')],
  ['a URL with a bad escape', (har) => (har.log.entries[0].request.url = 'http://a/%zz')],
  ['a mailto URI', (har) => (har.log.entries[0].request.url = 'mailto:someone@example.com')],
  ['a cookie expiring null', (har) => (har.log.entries[0].response.cookies = [{ name: 'a', value: 'b', expires: null }])],
  ['a cookie expiring "never"', (har) => (har.log.entries[0].response.cookies = [{ name: 'a', value: 'b', expires: 'never' }])],
  ['a header without value', (har) => (har.log.entries[0].request.headers = [{ name: 'x' }])],
  ['content without size', (har) => delete har.log.entries[0].response.content.size],
  ['postData without mimeType', (har) => (har.log.entries[0].request.postData = { text: 'x' })],
  ['a page without an id', (har) => (har.log.pages = [{ startedDateTime: '2024-01-01T00:00:00Z', title: 't', pageTimings: {} }])],
  ['custom fields', (har) => Object.assign(har.log.entries[0], { _pid: 4, _socket: { a: 1 } })],
];

describe('our zod HAR schema against the official har-schema under ajv 8', () => {
  const official = officialHarValidator();
  const files = sampleHarFiles();

  it('gives the same verdict on the nine sample files, three of which depart from the schema', () => {
    const verdicts = files.map(({ name, text }) => {
      const document = JSON.parse(text);
      return { name, official: official(document), ours: harDepartures(document).length === 0 };
    });
    for (const verdict of verdicts) expect(verdict.ours, verdict.name).toBe(verdict.official);
    expect(verdicts.filter((verdict) => !verdict.official).map((verdict) => verdict.name)).toEqual([
      'harviewer__issue-23__chrome51.har',
      'harviewer__issue-23__ff47.har',
      'mitmproxy__har_files__chrome.har',
    ]);
  });

  it('gives the same verdict on every file under each edit', () => {
    const disagreements: string[] = [];
    const outcomes = new Set<boolean>();
    for (const { name, text } of files) {
      for (const [edit, apply] of MUTATIONS) {
        const document = JSON.parse(text);
        apply(document);
        const theirs = official(document);
        const ours = harDepartures(document).length === 0;
        outcomes.add(theirs);
        if (theirs !== ours) disagreements.push(`${name} / ${edit}: ajv ${theirs}, ours ${ours}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect([...outcomes].sort()).toEqual([false, true]);
  });
});
