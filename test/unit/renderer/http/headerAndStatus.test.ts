import { describe, expect, it } from 'vitest';
import { headerExplanationKey } from '../../../../renderer/model/http/headerExplanations.js';
import { statusClass, statusClassKey, statusTone } from '../../../../renderer/model/http/statusClass.js';

describe('header explanations', () => {
  it('finds a header whatever its case, and says nothing of one it does not know', () => {
    expect(headerExplanationKey('Content-Type')).toBe('http.header.contentType');
    expect(headerExplanationKey('x-requested-with')).toBe('http.header.xRequestedWith');
    expect(headerExplanationKey('X-Custom')).toBeNull();
    // Not a prototype lookup: a field named like an Object member is just unknown.
    expect(headerExplanationKey('constructor')).toBeNull();
  });
});

describe('status classes', () => {
  it('reads the class from the first digit', () => {
    expect([100, 204, 304, 404, 503].map(statusClass)).toEqual(['informational', 'success', 'redirection', 'clientError', 'serverError']);
    expect(statusClass(99)).toBeNull();
    expect(statusClass(600)).toBeNull();
    expect(statusTone(201)).toBe('ok');
    expect(statusTone(null)).toBeNull();
    expect(statusClassKey(302)).toBe('http.statusClass.redirection');
    expect(statusClassKey(null)).toBe('http.statusClass.none');
  });
});
