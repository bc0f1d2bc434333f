import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import DyadPicker from '../../src/lib/components/dashboard/DyadPicker.svelte';
import { actor } from '../unit/factories';

describe('dyad chips', () => {
  it('say how many more dyads there are instead of dropping them, and show them all on request', async () => {
    const actors = Array.from({ length: 4 }, (_, i) => actor({ name: `Actor ${i + 1}` }));
    // 4 actors make 12 directed dyads; the first 9 (1→2 … 3→4) have signals, the busiest first.
    const pairs = actors
      .flatMap((s) => actors.filter((r) => r !== s).map((r) => [s, r] as const))
      .slice(0, 9);
    const active = pairs.map(([s, r], i) => ({ senderId: s.id, receiverId: r.id, count: 20 - i }));
    render(DyadPicker, {
      actors,
      senderId: actors[0].id,
      receiverId: actors[1].id,
      active,
      onchange: () => {},
    });
    const group = page.getByRole('group', { name: 'Dyads with signals' });
    await expect.element(group.getByRole('button', { name: '+3 more' })).toBeVisible();
    // Six chips, then the one that counts the rest.
    expect(group.getByRole('button').all()).toHaveLength(7);

    await group.getByRole('button', { name: '+3 more' }).click();
    await expect.element(group.getByRole('button', { name: 'Show fewer' })).toBeVisible();
    expect(group.getByRole('button').all()).toHaveLength(10);
    await expect.element(group.getByRole('button', { name: /Actor 3 → Actor 4/ })).toBeVisible();
  });

  it('show no count button when every dyad fits', async () => {
    const actors = [actor({ name: 'A' }), actor({ name: 'B' })];
    render(DyadPicker, {
      actors,
      senderId: actors[0].id,
      receiverId: actors[1].id,
      active: [
        { senderId: actors[0].id, receiverId: actors[1].id, count: 3 },
        { senderId: actors[1].id, receiverId: actors[0].id, count: 2 },
      ],
      onchange: () => {},
    });
    const group = page.getByRole('group', { name: 'Dyads with signals' });
    await expect.element(group.getByRole('button', { name: /A → B/ })).toBeVisible();
    expect(group.getByRole('button').all()).toHaveLength(2);
  });
});
