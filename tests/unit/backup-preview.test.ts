import { describe, expect, it } from 'vitest';
import { previewOf } from '../../src/lib/workers/import-handler';
import { IRAN, US, actor, redLine, signal } from './factories';
import { BEN, assessmentOf, scored } from './scored';

describe('the preview of a JSON backup', () => {
  it('counts what the file holds, spans its dates and names the actors of its first signals', () => {
    const iran = actor({ id: IRAN, name: 'Iran' });
    const signals = [
      signal({
        date: '2019-09-14',
        title: 'Abqaiq',
        senderId: IRAN,
        receiverId: US,
        intended: 60,
        perceived: 40,
      }),
      signal({ date: '2019-05-12', title: 'Fujairah' }),
      ...Array.from({ length: 5 }, (_, i) => signal({ date: '2020-01-0' + (i + 1), title: `later ${i}` })),
    ];
    // The United States is already in the database; Iran comes with the file.
    // Abqaiq scored by two analysts: the preview shows their mean (60 + 70) / 2, (40 + 45) / 2.
    const file = scored({ actors: [iran], redLines: [redLine()], signals });
    file.analysts.push(BEN);
    file.assessments.push({ ...assessmentOf(signals[0], BEN), intended: 70, perceived: 45 });
    const preview = previewOf(file, { actors: [{ id: US, name: 'United States' }], redLines: [] });
    expect(preview).toMatchObject({
      actors: 1,
      redLines: 1,
      signals: 7,
      analysts: 2,
      assessments: 8,
      from: '2019-05-12',
      until: '2020-01-05',
    });
    expect(preview.sample).toHaveLength(5);
    expect(preview.sample[0]).toEqual({
      date: '2019-09-14',
      sender: 'Iran',
      receiver: 'United States',
      title: 'Abqaiq',
      intended: 65,
      perceived: 42.5,
    });
  });

  it('has no dates for a file with no signals', () => {
    const preview = previewOf(
      { actors: [], redLines: [], signals: [], analysts: [], assessments: [] },
      { actors: [], redLines: [] },
    );
    expect(preview).toEqual({
      actors: 0,
      redLines: 0,
      signals: 0,
      analysts: 0,
      assessments: 0,
      from: null,
      until: null,
      sample: [],
    });
  });
});
