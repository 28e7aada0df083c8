import { describe, expect, it } from 'vitest';
import { StoreError } from '../../db/errors.js';
import { contentDisposition, servedType } from '../../api/artifacts/content-types.js';
import { keyOwners, locationKeyPrefix, loggedModelKey, runArtifactKey, runArtifactPrefix } from '../../api/artifacts/keys.js';
import { artifactPathFromUrl, canonicalArtifactPath, isWithinKey, relativeKey } from '../../api/artifacts/paths.js';
import { parseRange } from '../../api/artifacts/range.js';
import { parseArtifactTarget } from '../../api/artifacts/request-target.js';

/** The pure rules the /artifacts routes and the MLflow proxy share. */

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    if (error instanceof StoreError) return error;
    throw error;
  }
  throw new Error('expected a StoreError');
}

describe('canonicalArtifactPath', () => {
  it.each([
    ['a.txt', 'a.txt'],
    ['model/MLmodel', 'model/MLmodel'],
    ['model..v2.json', 'model..v2.json'],
    ['...', '...'],
    ['.hidden/..x/y..', '.hidden/..x/y..'],
    ['a\\b\\c.txt', 'a/b/c.txt'],
    ['100%.png', '100%.png'],
    ['ünïcode/名前.txt', 'ünïcode/名前.txt'],
  ])('accepts %j as %j', (input, canonical) => {
    expect(canonicalArtifactPath(input, 'path')).toBe(canonical);
  });

  it.each([
    ['', /non-empty/],
    ['..', /'\.\.' segment/],
    ['a/../b', /'\.\.' segment/],
    ['a\\..\\b', /'\.\.' segment/],
    ['./a', /'\.' segment/],
    ['a//b', /empty segment/],
    ['a/', /empty segment/],
    ['/etc/passwd', /absolute/],
    ['\\\\server\\share', /absolute/],
    ['C:/x', /drive letter/],
    ['c:', /drive letter/],
    ['a\u0000b', /control character U\+0000/],
    ['a\nb', /control character U\+000A/],
    ['a;b', /';'/],
    ['a?b', /'\?'/],
    ['a#b', /'#'/],
    ['%2e%2e', /percent-escape/],
    ['x'.repeat(256), /255 bytes/],
    ['a/'.repeat(600), /1024 characters/],
  ])('refuses %j with INVALID_ARGUMENT naming the rule', (input, rule) => {
    const error = storeError(() => canonicalArtifactPath(input, 'path'));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.field).toBe('path');
    expect(error.message).toMatch(/^path: /);
    expect(error.message).toMatch(rule);
  });

  it('accepts the empty path only where the owner folder itself is meant', () => {
    expect(canonicalArtifactPath('', 'path', { allowEmpty: true })).toBe('');
  });

  it('decodes URL text exactly once', () => {
    expect(artifactPathFromUrl('a%20b/c%2Fd.txt', 'path')).toBe('a b/c/d.txt');
    expect(storeError(() => artifactPathFromUrl('%252e%252e/x', 'path')).message).toMatch(/percent-escape/);
    expect(storeError(() => artifactPathFromUrl('..%2fx', 'path')).message).toMatch(/'\.\.' segment/);
    expect(storeError(() => artifactPathFromUrl('%c0%ae', 'path')).message).toMatch(/not valid percent-encoded UTF-8/);
    expect(storeError(() => artifactPathFromUrl('%zz', 'path')).message).toMatch(/not valid percent-encoded/);
  });

  it('compares keys segment-wise', () => {
    expect(isWithinKey('a/b/c', 'a/b')).toBe(true);
    expect(isWithinKey('a/bc', 'a/b')).toBe(false);
    expect(relativeKey('a/b/c/d', 'a/b')).toBe('c/d');
    expect(relativeKey('a/b', 'a/b')).toBe('');
  });
});

describe('keys', () => {
  const run = (id: string, location: string) => ({ id, artifactUri: `${location.replace(/\/+$/, '')}/${id}/artifacts` });

  it('maps served locations to key prefixes', () => {
    expect(locationKeyPrefix('mlflow-artifacts:/0')).toBe('0');
    expect(locationKeyPrefix('mlflow-artifacts:/team/exp%201/')).toBe('team/exp 1');
    expect(locationKeyPrefix('MLFLOW-ARTIFACTS:/7')).toBe('7');
    expect(locationKeyPrefix('mlflow-artifacts:/')).toBe('');
    for (const foreign of ['s3://b/p', '/srv/mlruns', 'file:///x', 'mlflow-artifacts://host:5000/0', 'mlflow-artifacts:0', 'runs:/x', '']) {
      expect(locationKeyPrefix(foreign)).toBeUndefined();
    }
  });

  it('refuses served locations that would resolve elsewhere', () => {
    for (const bad of ['mlflow-artifacts:/../x', 'mlflow-artifacts:/0/%2e%2e/..', 'mlflow-artifacts:/a?b', 'mlflow-artifacts:/a#/../..', 'mlflow-artifacts:/C:/x']) {
      const error = storeError(() => locationKeyPrefix(bad));
      expect(error.code).toBe('FAILED_PRECONDITION');
      expect(error.message).toContain(JSON.stringify(bad));
    }
  });

  it("derives a run's key prefix from its artifactUri", () => {
    expect(runArtifactPrefix(run('abc123', 'mlflow-artifacts:/0'))).toBe('0/abc123/artifacts');
    expect(runArtifactPrefix(run('abc123', 'mlflow-artifacts:/team/x/'))).toBe('team/x/abc123/artifacts');
    expect(runArtifactPrefix(run('abc123', 'mlflow-artifacts:/'))).toBe('abc123/artifacts');
    expect(runArtifactKey(run('abc123', 'mlflow-artifacts:/0'), 'model/MLmodel')).toBe('0/abc123/artifacts/model/MLmodel');
    expect(runArtifactKey(run('abc123', 'mlflow-artifacts:/0'), '')).toBe('0/abc123/artifacts');
  });

  it('answers FAILED_PRECONDITION naming the location for runs stored elsewhere', () => {
    const error = storeError(() => runArtifactPrefix(run('abc123', 's3://bucket/prefix')));
    expect(error.code).toBe('FAILED_PRECONDITION');
    expect(error.message).toContain('s3://bucket/prefix/abc123/artifacts');
    // An artifactUri that does not end in /<runId>/artifacts is not one trackline made.
    expect(storeError(() => runArtifactPrefix({ id: 'abc', artifactUri: 'mlflow-artifacts:/0/other/artifacts' })).code).toBe('FAILED_PRECONDITION');
  });

  it('builds logged-model keys and refuses bad model ids', () => {
    expect(loggedModelKey('mlflow-artifacts:/3', 'm-0123abcd', 'model/MLmodel')).toBe('3/models/m-0123abcd/artifacts/model/MLmodel');
    expect(storeError(() => loggedModelKey('mlflow-artifacts:/3', '../x', 'a')).code).toBe('INVALID_ARGUMENT');
    expect(storeError(() => loggedModelKey('s3://b', 'm-1', 'a')).code).toBe('FAILED_PRECONDITION');
  });

  it('lists every owner a proxy key may belong to', () => {
    expect(keyOwners('0/abc/artifacts/model/MLmodel')).toEqual([{ kind: 'run', runId: 'abc', prefix: '0/abc/artifacts', path: 'model/MLmodel' }]);
    // Also readable as run m-1 of a location `mlflow-artifacts:/3/models`: the proxy asks the database.
    expect(keyOwners('3/models/m-1/artifacts/MLmodel')).toEqual([
      { kind: 'model', modelId: 'm-1', prefix: '3/models/m-1/artifacts', path: 'MLmodel' },
      { kind: 'run', runId: 'm-1', prefix: '3/models/m-1/artifacts', path: 'MLmodel' },
    ]);
    expect(keyOwners('a/artifacts/b/artifacts/x').map((o) => o.prefix)).toEqual(['a/artifacts', 'a/artifacts/b/artifacts']);
    expect(keyOwners('0/abc')).toEqual([]);
    expect(keyOwners('')).toEqual([]);
  });
});

describe('parseRange', () => {
  it.each([
    [undefined, 10, { kind: 'full' }],
    ['bytes=0-4', 10, { kind: 'partial', start: 0, end: 4 }],
    ['bytes=5-', 10, { kind: 'partial', start: 5, end: 9 }],
    ['bytes=-3', 10, { kind: 'partial', start: 7, end: 9 }],
    ['bytes=-30', 10, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=8-100', 10, { kind: 'partial', start: 8, end: 9 }],
    ['bytes=10-', 10, { kind: 'unsatisfiable' }],
    ['bytes=10-20', 10, { kind: 'unsatisfiable' }],
    ['bytes=-0', 10, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-2', 10, { kind: 'full' }],
    ['bytes=0-1,3-4', 10, { kind: 'full' }],
    ['bytes=-', 10, { kind: 'full' }],
    ['bytes=a-b', 10, { kind: 'full' }],
    ['lines=0-1', 10, { kind: 'full' }],
    ['bytes=99999999999999999999-', 10, { kind: 'full' }],
  ])('%j of %i bytes -> %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('served types', () => {
  it('shows only script-free types inline', () => {
    expect(servedType('a/b/plot.PNG')).toEqual({ contentType: 'image/png', inline: true });
    expect(servedType('x.csv')).toEqual({ contentType: 'text/plain; charset=utf-8', inline: true });
    for (const name of ['x.svg', 'x.html', 'x.htm', 'x.xhtml', 'x.js', 'x.xml', 'x.pdf', 'x', '.png', 'x.png.html']) {
      expect({ name, inline: servedType(name).inline }).toEqual({ name, inline: false });
    }
  });

  it('quotes file names safely in Content-Disposition', () => {
    expect(contentDisposition('d/a "b".txt', false)).toBe(`attachment; filename="a _b_.txt"; filename*=UTF-8''a%20%22b%22.txt`);
    expect(contentDisposition("it's (1).png", true)).toBe(`inline; filename="it's (1).png"; filename*=UTF-8''it%27s%20%281%29.png`);
  });
});

describe('parseArtifactTarget', () => {
  it('reads the run id and path from the raw request target', () => {
    expect(parseArtifactTarget('/artifacts/abc/a%20b/c.txt', '/artifacts/abc/a%20b/c.txt')).toEqual({ runId: 'abc', path: 'a b/c.txt' });
    expect(parseArtifactTarget('http://localhost:5000/artifacts/abc/x', '/artifacts/abc/x')).toEqual({ runId: 'abc', path: 'x' });
    expect(parseArtifactTarget('/artifacts/abc', '/artifacts/abc')).toEqual({ runId: 'abc', path: '' });
    expect(parseArtifactTarget('/graphql', '/graphql')).toBeUndefined();
    expect(parseArtifactTarget('/artifactsx/abc', '/artifactsx/abc')).toBeUndefined();
  });

  it('refuses targets the URL parser had to rewrite, query strings, and a missing run id', () => {
    expect(storeError(() => parseArtifactTarget('/x/../artifacts/abc/y', '/artifacts/abc/y')).message).toMatch(/as written/);
    expect(storeError(() => parseArtifactTarget('/artifacts/abc/y?z=1', '/artifacts/abc/y')).message).toMatch(/query string/);
    expect(storeError(() => parseArtifactTarget('/artifacts/', '/artifacts/')).field).toBe('runId');
  });
});
