import { addDataSet } from '../db/dataset';
import { notices } from '../state/notices.svelte';
import { describeError } from './errors';

/**
 * Loads the example (the 2019–20 US–Iran crisis). The data set is fetched as
 * its own chunk, so the first page does not carry it.
 */
export async function loadExample(): Promise<boolean> {
  try {
    const { EXAMPLE } = await import('../db/example');
    const added = await addDataSet(EXAMPLE);
    notices.info(
      added
        ? `Loaded the example: ${added} signals of the 2019–20 US–Iran crisis.`
        : 'The example is already loaded.',
    );
    return true;
  } catch (error) {
    notices.error(describeError(error, 'load the example'));
    return false;
  }
}
