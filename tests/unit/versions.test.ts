import { describe, expect, it } from 'vitest';
import { lineage } from '../../src/lib/domain/merge';
import { ANCESTORS_MAX, nextVersion } from '../../src/lib/domain/versions';

describe('version stamps', () => {
  it('an edit is stamped when it was made and remembers the version it replaced', () => {
    const next = nextVersion(
      { updatedAt: '2026-01-01T00:00:00.000Z', ancestors: ['2025-12-31T00:00:00.000Z'] },
      '2026-01-02T00:00:00.000Z',
    );
    expect(next).toEqual({
      updatedAt: '2026-01-02T00:00:00.000Z',
      ancestors: ['2026-01-01T00:00:00.000Z', '2025-12-31T00:00:00.000Z'],
    });
  });

  it('an edit of a record stamped in the future never moves its time backwards', () => {
    const next = nextVersion({ updatedAt: '2030-05-05T10:00:00.000Z' }, '2026-01-02T00:00:00.000Z');
    expect(next.updatedAt).toBe('2030-05-05T10:00:00.001Z');
    expect(next.ancestors).toEqual(['2030-05-05T10:00:00.000Z']);
  });

  it('keeps at most the newest ancestors', () => {
    const many = Array.from({ length: ANCESTORS_MAX }, (_, i) =>
      new Date(Date.UTC(2020, 0, 1) - i * 1000).toISOString(),
    );
    const next = nextVersion(
      { updatedAt: '2020-01-01T00:00:01.000Z', ancestors: many },
      '2020-01-02T00:00:00.000Z',
    );
    expect(next.ancestors).toHaveLength(ANCESTORS_MAX);
    expect(next.ancestors[0]).toBe('2020-01-01T00:00:01.000Z');
    expect(next.ancestors.at(-1)).toBe(many[ANCESTORS_MAX - 2]);
  });
});

describe('lineage of two copies of one record', () => {
  const agreed = '2026-01-01T00:00:00.000Z';
  const mine = { updatedAt: '2026-01-03T00:00:00.000Z', ancestors: ['2026-01-02T00:00:00.000Z', agreed] };
  const theirs = { updatedAt: '2026-01-04T00:00:00.000Z', ancestors: [agreed] };

  it('the same stamp, however written, is the same version', () => {
    expect(lineage({ updatedAt: agreed }, { updatedAt: '2026-01-01T00:00:00Z' })).toBe('same');
  });
  it('a copy edited from the local version descends from it', () => {
    expect(lineage({ updatedAt: agreed }, theirs)).toBe('incoming-newer');
  });
  it('an old copy of a version the local record has moved on from is stale', () => {
    expect(lineage(mine, { updatedAt: agreed })).toBe('local-newer');
  });
  it('two edits of the version both sides last agreed on have diverged, whichever is newer', () => {
    expect(lineage(mine, theirs)).toBe('diverged');
    expect(lineage(theirs, mine)).toBe('diverged');
  });
});
