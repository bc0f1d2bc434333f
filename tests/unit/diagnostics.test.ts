import { describe, expect, it } from 'vitest';
import { diagnostics, headline } from '../../src/lib/components/shell/diagnostics';

const context = {
  where: 'Signals',
  at: new Date(Date.UTC(2020, 0, 3, 12, 30)),
  url: 'http://parallax.intranet/#/signals',
  userAgent: 'Test browser',
};

describe('the diagnostics an analyst copies into a bug report', () => {
  it('give where, when and the original stack, then every error it wraps', () => {
    const inner = new Error('disk I/O');
    inner.name = 'UnknownError';
    inner.stack = 'UnknownError: disk I/O\n    at read (db.ts:1:1)';
    const outer = Object.assign(new Error('could not read'), { inner });
    outer.stack = 'Error: could not read\n    at load (state.ts:2:2)';
    expect(diagnostics(outer, context)).toBe(
      [
        'Parallax diagnostics',
        'when: 2020-01-03T12:30:00.000Z',
        'where: Signals',
        'page: http://parallax.intranet/#/signals',
        'browser: Test browser',
        '',
        'Error: could not read',
        '    at load (state.ts:2:2)',
        '',
        'caused by:',
        'UnknownError: disk I/O',
        '    at read (db.ts:1:1)',
      ].join('\n'),
    );
  });

  it('name a thrown value that is not an Error, and stop at an error that wraps itself', () => {
    expect(diagnostics({ code: 7 }, context).split('\n').at(-1)).toBe('thrown: {"code":7}');
    const loop: Error & { cause?: unknown } = new Error('again');
    loop.stack = 'Error: again';
    loop.cause = loop;
    expect(diagnostics(loop, context).split('Error: again')).toHaveLength(6);
  });

  it('headline an error in one sentence, never [object Object]', () => {
    expect(headline(new TypeError('x is not a function'))).toBe('x is not a function');
    expect(headline({ code: 7 })).toBe('an unexpected error occurred');
  });
});
