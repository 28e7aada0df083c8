import { describe, expect, it } from 'vitest';
import { StoreError } from '../../db/errors.js';
import { checkArtifactLocation } from '../../db/validation.js';

describe('experiment artifact locations', () => {
  it.each(['mlflow-artifacts:/7', 'mlflow-artifacts:/team-a/exp_7', 's3://bucket/prefix', '/data/mlruns', 'file:///tmp/x', ''])(
    'accepts %j',
    (location) => expect(checkArtifactLocation(location)).toBe(location),
  );

  it.each([
    'mlflow-artifacts:/../escape',
    'mlflow-artifacts:/a/../../b',
    'mlflow-artifacts:/./a',
    'mlflow-artifacts:/a//b',
    'mlflow-artifacts:/a#/../..',
    'mlflow-artifacts:/a?x=1',
    'mlflow-artifacts:/%2e%2e/x',
    'mlflow-artifacts:/a\\..\\b',
    'mlflow-artifacts:/a;b',
    'mlflow-artifacts://evil.example/a',
    'mlflow-artifacts:a',
    'mlflow-artifacts:/',
    'runs:/abc/model',
    's3://bucket/a#frag',
    'x\u0000y',
    'a'.repeat(2049),
  ])('refuses %j with INVALID_ARGUMENT naming the field', (location) => {
    const error = (() => {
      try {
        checkArtifactLocation(location);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('INVALID_ARGUMENT');
    expect((error as StoreError).message).toMatch(/^artifactLocation: /);
  });
});
